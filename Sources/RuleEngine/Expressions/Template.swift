import YAMLTree

/// A message or remedy template: literal text with `{EXPR}` holes; `{{` and `}}` are literal braces.
///
/// A hole ends at the first `}` outside a quoted string. A lone `}`, an unclosed `{` and an
/// empty hole are syntax errors, as is any error in a hole's expression, each at its column.
public struct Template: Sendable {
    public let source: String

    enum Part: Sendable {
        case text(String)
        /// `shared`: where a hole that reads only the record keeps what it wrote, for every
        /// finding of its pack on one record (see `RecordHoleTexts`); nil for a hole that reads
        /// its rule's names. Given by the rule, never by `parse`.
        case hole(Expression, shared: RecordHoleSlot?)
    }

    let parts: [Part]

    /// The expressions in the holes, in order.
    public var expressions: [Expression] {
        parts.compactMap { part in
            if case .hole(let expression, _) = part { return expression }
            return nil
        }
    }

    /// Every bare name the holes read (see `Expression.referencedNames`).
    public var referencedNames: Set<String> {
        expressions.reduce(into: []) { $0.formUnion($1.referencedNames) }
    }

    public static func parse(_ source: String, at location: SourceLocation, file: String) throws(Diagnostic) -> Template {
        try parse(source, at: location, file: file, locate: nil)
    }

    /// `parse(_:at:file:)`, placing errors with `locate` (see `Expression.parse(_:at:file:locate:)`).
    static func parse(_ source: String, at location: SourceLocation, file: String,
                      locate: OffsetLocator?) throws(Diagnostic) -> Template {
        let scalars = Array(source.unicodeScalars)
        func failure(_ message: String, at offset: Int) -> Diagnostic {
            Diagnostic(file: file, location: locate?(offset) ?? location.advanced(over: scalars, to: offset), message: message)
        }
        var parts: [Part] = []
        var literal: [UInt8] = []
        /// Where the last hole started, as a location and as an offset into `scalars`.
        var passed = (location: location, offset: 0)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "{" where next == "{", "}" where next == "}":
                literal.append(contentsOf: scalar.utf8)
                index += 2
            case "}":
                throw failure("a lone `}`; write `}}` for a literal brace", at: index)
            case "{":
                let start = index + 1
                guard let end = holeEnd(in: scalars, from: start) else {
                    throw failure("this `{` is never closed; write `{{` for a literal brace", at: index)
                }
                let hole = scalars[start..<end]
                if hole.allSatisfy(\.isBlankOrBreak) {
                    throw failure("`{}` holds no expression; write `{{}}` for literal braces", at: index)
                }
                if !literal.isEmpty {
                    parts.append(.text(String(decoding: literal, as: UTF8.self)))
                    literal.removeAll(keepingCapacity: true)
                }
                // On from the hole before, not from the start: a template of many holes costs its
                // length once, not once per hole.
                passed.location = passed.location.advanced(over: scalars, from: passed.offset, to: start)
                passed.offset = start
                let expression = try Expression.parse(String(scalars: hole), at: passed.location, file: file,
                                                      locate: locate.map { outer in { outer(start + $0) } })
                parts.append(.hole(expression, shared: nil))
                index = end + 1
            default:
                literal.append(contentsOf: scalar.utf8)
                index += 1
            }
        }
        if !literal.isEmpty { parts.append(.text(String(decoding: literal, as: UTF8.self))) }
        return Template(source: source, parts: parts)
    }

    /// The offset of the `}` closing a hole that starts at `start`, skipping quoted strings.
    private static func holeEnd(in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var quote: Unicode.Scalar?
        var index = start
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == "\\" {
                    index += 2
                    continue
                }
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == "}" {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Dates print as `31 March 2024`, lists joined with `, `, null as `not recorded`.
    ///
    /// See `Value.displayText` for every kind of value.
    public func render(in scope: EvaluationScope) throws(EvaluationError) -> String {
        var memo: HoleMemo?
        return try render(in: scope, memo: &memo, recordTexts: nil).text
    }

    /// `render(in:)`, keeping in `memo` (when there is one) what each hole wrote, and reusing
    /// what it already holds: the holes a message and a remedy share are evaluated once. A hole
    /// that reads only the record goes through `recordTexts` instead, when there is one. With the
    /// text, where the holes wrote the record's own strings (`HoleText`).
    func render(in scope: EvaluationScope, memo: inout HoleMemo?,
                recordTexts: RecordHoleTexts?) throws(EvaluationError) -> (text: String, recordText: RecordTextSpans) {
        if parts.count == 1, case .text(let literal) = parts[0] { return (literal, RecordTextSpans()) }
        // The pieces are gathered first and joined once: appending them one by one to a string
        // costs a capacity check, a copy and a recount of its flags on every piece.
        var pieces: [String] = []
        pieces.reserveCapacity(parts.count)
        var recordText = RecordTextSpans()
        // Each hole is bounded, but a template may have many: the total is checked as the pieces
        // come, so that no more than the limit is ever held.
        var length = 0
        func add(_ piece: String) throws(EvaluationError) {
            length += piece.utf8.count
            guard length <= ValueLimits.maxShownBytes else { throw Self.tooLong }
            pieces.append(piece)
        }
        func add(_ hole: HoleText) throws(EvaluationError) {
            hole.addRecordText(to: &recordText, at: length)
            try add(hole.text)
        }
        for part in parts {
            switch part {
            case .text(let literal): try add(literal)
            case .hole(let expression, let shared):
                if let shared, let recordTexts {
                    try add(try recordTexts.text(of: expression, at: shared, in: scope))
                } else if let written = memo?.text(for: expression) {
                    try add(written)
                } else {
                    let written = try expression.evaluate(in: scope).holeText(subject: expression.source, budget: scope.context.budget)
                    memo?.store(written, for: expression)
                    try add(written)
                }
            }
        }
        return (String(joining: pieces), recordText)
    }

    private static let tooLong = EvaluationError(
        "the text would be more than \(ValueLimits.maxShownBytes >> 20) MiB long, more than a message may hold")
}
