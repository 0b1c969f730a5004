import YAMLTree

extension Value {
    /// The value as a template prints it: dates as `31 March 2024`, lists joined with `, ` (an
    /// empty one as `none`, so a sentence never has a hole), null as `not recorded`, durations by
    /// their description, numbers plainly.
    public var displayText: String {
        switch kind {
        case .null: return "not recorded"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return Value.plainText(number)
        case .string(let text): return text
        case .date(let date): return date.longForm
        case .duration(let duration): return duration.description
        case .list(let items): return items.isEmpty ? "none" : items.map(\.displayText).joined(separator: ", ")
        case .map(let mapping): return Value.flowText(mapping.node)
        }
    }

    /// The kind of value, with an article: `a date`, `a list`, used in "expected" wording.
    public var typeName: String { Value.typeName(of: kind) }

    static func typeName(of kind: Kind) -> String {
        switch kind {
        case .null: "nothing"
        case .bool: "a boolean (true or false)"
        case .int, .double: "a number"
        case .string: "a string"
        case .date: "a date"
        case .duration: "a duration"
        case .list: "a list"
        case .map: "a mapping"
        }
    }

    /// The value for an error message: `the string "TBC"`, `the date 2024-03-31`, `a list of 3 items`.
    public var descriptionForMessage: String {
        switch kind {
        case .null: return "not recorded"
        case .bool(let flag): return "the boolean \(flag)"
        case .int(let number): return "the number \(number)"
        case .double(let number): return "the number \(Value.plainText(number))"
        case .string(let text):
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "the string \(Value.quoted(shown))"
        case .date(let date): return "the date \(date.iso)"
        case .duration(let duration): return "the duration \(duration.description)"
        case .list(let items): return items.count == 1 ? "a list of 1 item" : "a list of \(items.count) items"
        case .map: return "a mapping"
        }
    }

    /// A type error about this value: `plans[0].period.end is the string "TBC", not a date`.
    ///
    /// `subject` names the value when it was computed rather than read from the record; a string
    /// where a date was expected gets a hint about the ISO form, or, computed by an expression
    /// (no origin in the record), about writing the date without quotes.
    public func typeError(expected: String, subject: String? = nil) -> EvaluationError {
        var message = "\(subjectForMessage(fallback: subject)) is \(descriptionForMessage), not \(expected)"
        if expected == "a date", case .string(let text) = kind { message += Value.dateHint(for: text, inExpression: origin == nil) }
        return EvaluationError(message, origin: origin)
    }

    /// The record path, `the record` for the root, else the fallback in backticks.
    func subjectForMessage(fallback: String?) -> String {
        if let origin {
            return origin.path.isEmpty ? "the record" : origin.path
        }
        if let fallback { return "`\(fallback)`" }
        return "the value"
    }

    /// Advice for a string that was meant to be a date; `inExpression` when an expression made it
    /// rather than the record holding it.
    static func dateHint(for text: String, inExpression: Bool = false) -> String {
        let trimmed = text.trimmingSpaces
        // A real day quoted in the pack (`due: '"2024-03-31"'`) is text: the date literal has no quotes.
        if inExpression, let date = CivilDate(iso: trimmed) { return " (a date in an expression is written without quotes: \(date.iso))" }
        // Quoted with a space inside (`" 2024-01-01"`): a date has nothing around it.
        if trimmed != text, let date = CivilDate(iso: trimmed) { return " (a date has no spaces around it: \(date.iso))" }
        if let guess = CivilDate(dayFirst: trimmed) ?? CivilDate(yearFirst: trimmed) ?? CivilDate(writtenOut: trimmed) {
            return " (dates are written YYYY-MM-DD: \(guess.iso))"
        }
        if CivilDate.isWrittenISO(trimmed) { return " (\(trimmed) is not a real day)" }
        // 2024-4-1: the month and day want two digits each.
        let padded = trimmed.split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.count == 1 ? "0" + $0 : String($0) }.joined(separator: "-")
        if padded != trimmed, let guess = CivilDate(iso: padded) { return " (dates are written YYYY-MM-DD: \(guess.iso))" }
        return " (dates are written YYYY-MM-DD)"
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result.append("\\\"")
            case "\\": result.append("\\\\")
            case "\n": result.append("\\n")
            case "\t": result.append("\\t")
            default: result.unicodeScalars.append(scalar)
            }
        }
        result.append("\"")
        return result
    }

    /// A record mapping in YAML flow style: `{start: 1 April 2024, end: not recorded}`.
    static func flowText(_ node: YAMLNode) -> String {
        var text = ""
        _ = appendFlowText(node, to: &text, limit: .max)
        return text
    }

    /// Appends `node` in flow style; false, with the text cut short, once it passes `limit` bytes.
    static func appendFlowText(_ node: YAMLNode, to text: inout String, limit: Int) -> Bool {
        switch node.kind {
        case .scalar(let scalar):
            text += Value(kind(of: scalar)).displayText
        case .sequence(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += ", " }
                guard appendFlowText(item, to: &text, limit: limit) else { return false }
            }
            text += "]"
        case .mapping(let entries):
            text += "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { text += ", " }
                guard appendFlowText(entry.key, to: &text, limit: limit) else { return false }
                text += ": "
                guard appendFlowText(entry.value, to: &text, limit: limit) else { return false }
            }
            text += "}"
        }
        return text.utf8.count <= limit
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
