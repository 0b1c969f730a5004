import YAMLTree

/// Bounds on what an expression can make, so that a pack cannot exhaust memory or time however its
/// lets are written. Depth is bounded when the pack loads, but size is not: twenty-five lets that
/// each join the one before to itself (`l1: 'l0 + l0'`, or `'[l0, l0]'`) make a value 2²⁵ times
/// the first, which exhausted memory or took minutes to print.
///
/// A record is already bounded by the loader (`YAMLLimits`), and nothing read from one comes near
/// these limits: they are the record's own, so they stop only values a record could never hold.
enum ValueLimits {
    /// Most items a list an expression builds may hold, counting the items of lists inside it: as
    /// many as a record may hold nodes.
    static let maxItems = YAMLLimits().maxNodes
    /// Most text a value an expression builds may hold, in UTF-8 bytes, a string counted each time
    /// it appears: as much as a record may hold.
    static let maxTextBytes = YAMLLimits().maxTextBytes
    /// Most text a value may print as in a message, a remedy, a subject, a label or a list of owners.
    static let maxShownBytes = 1 << 20

    /// Refuses a list literal whose items, counted at every level, pass `maxItems` or `maxTextBytes`.
    static func checkList(_ items: [Value], text: String) throws(EvaluationError) {
        var size = Size()
        guard size.fits(items) else {
            throw EvaluationError("`\(text)` would hold more than \(maxItems) items or \(maxTextBytes >> 20) MiB of text, "
                + "counting the lists inside it: more than an expression may make")
        }
    }

    /// The error for a value, the expression `subject`'s, that would print as more than `maxShownBytes`.
    static func tooLongToShow(_ subject: String, origin: Origin?) -> EvaluationError {
        EvaluationError("`\(subject)` would print as more than \(maxShownBytes >> 20) MiB of text, more than a message may hold",
                        origin: origin)
    }

    /// Refuses text joined by `+` that would pass `maxTextBytes`.
    static func checkJoined(_ first: String, _ second: String, text: String) throws(EvaluationError) {
        guard first.utf8.count + second.utf8.count > maxTextBytes else { return }
        throw EvaluationError("`\(text)` would be more than \(maxTextBytes >> 20) MiB of text: more than an expression may make")
    }

    /// What the items of a list, and of the lists inside it, add up to so far.
    private struct Size {
        var items = 0
        var bytes = 0

        /// Adds `values`; false as soon as either total passes its limit (the walk stops there, so
        /// it costs at most the limit however large the value is).
        mutating func fits(_ values: [Value]) -> Bool {
            items += values.count
            guard items <= ValueLimits.maxItems else { return false }
            for value in values {
                switch value.kind {
                case .list(let inner):
                    guard fits(inner) else { return false }
                case .string(let text):
                    bytes += text.utf8.count
                    guard bytes <= ValueLimits.maxTextBytes else { return false }
                default:
                    break
                }
            }
            return true
        }
    }
}

extension Value {
    /// `displayText`, refused once it passes `ValueLimits.maxShownBytes`: a list printed item by
    /// item stops there, so a huge value costs no more than the limit to refuse. `subject` names
    /// the expression in the error.
    /// Printing is charged to `budget`, a step for every 64 bytes printed, refused or not: a message
    /// that fails for being too long would otherwise cost a megabyte of work for each item, free.
    func shownText(subject: String, budget: EvaluationBudget) throws(EvaluationError) -> String {
        var noSpans: RecordTextSpans?
        return try shownText(subject: subject, budget: budget, recordText: &noSpans)
    }

    /// `shownText`, with which parts of it the record wrote (see `HoleText`): a template hole's text.
    /// A mapping printed whole is the record's structure, keys and all, and counts as none of it.
    func holeText(subject: String, budget: EvaluationBudget) throws(EvaluationError) -> HoleText {
        guard case .list = kind else {
            let text = try shownText(subject: subject, budget: budget)
            return HoleText(text: text, record: isRecordString && !text.isEmpty ? .whole : .none)
        }
        var spans: RecordTextSpans? = RecordTextSpans()
        let text = try shownText(subject: subject, budget: budget, recordText: &spans)
        return HoleText(text: text, record: spans.map { $0.isEmpty ? .none : .parts($0) } ?? .none)
    }

    /// `shownText`, noting in `recordText` (when there is one) where a list's record strings went.
    private func shownText(subject: String, budget: EvaluationBudget,
                           recordText: inout RecordTextSpans?) throws(EvaluationError) -> String {
        var text = ""
        let fits: Bool
        switch kind {
        case .list, .map:
            fits = appendShown(to: &text, recordText: &recordText)
        default:
            text = displayText  // the usual case, made in one piece
            fits = text.utf8.count <= ValueLimits.maxShownBytes
        }
        try budget.spend(text.utf8.count / 64)
        guard fits else { throw ValueLimits.tooLongToShow(subject, origin: origin) }
        return text
    }

    /// Appends the value's display text; false once the text passes the limit.
    private func appendShown(to text: inout String, recordText: inout RecordTextSpans?) -> Bool {
        if case .list(let items) = kind, !items.isEmpty {
            for index in items.indices {
                if index > 0 { text += ", " }
                guard items[index].appendShown(to: &text, recordText: &recordText) else { return false }
            }
            return true
        }
        // A mapping is printed piece by piece too: `{$}` would otherwise print the whole record.
        if case .map(let mapping) = kind { return Value.appendFlowText(mapping.node, to: &text, limit: ValueLimits.maxShownBytes) }
        let start = text.utf8.count
        text += displayText
        if isRecordString { recordText?.append(start..<text.utf8.count) }
        return text.utf8.count <= ValueLimits.maxShownBytes
    }
}
