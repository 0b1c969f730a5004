import YAMLTree

/// A YAML mapping opened for hand decoding: unknown keys are reported with a suggestion, and
/// every accessor reports a wrong shape at the node's position instead of stopping.
struct MappingFields {
    let node: YAMLNode
    let sink: DiagnosticSink
    private let entries: [YAMLEntry]

    /// Nil (with a diagnostic) unless `node` is a mapping with plain string keys.
    init?(_ node: YAMLNode, what: String, sink: DiagnosticSink) {
        guard case .mapping(let entries) = node.kind else {
            sink.error("\(what) must be a mapping, not \(node.shapeDescription)", at: node.location)
            return nil
        }
        self.node = node
        self.sink = sink
        self.entries = entries
    }

    /// Reports every key not in `allowed`, suggesting the closest allowed key.
    func rejectUnknownKeys(allowed: [String]) {
        for entry in entries {
            let key = entry.key.scalar?.text ?? ""
            if !allowed.contains(key) {
                sink.error(Suggestion.unknownKey(entry, among: allowed), at: entry.key.location)
            }
        }
    }

    var keys: [String] { entries.compactMap { $0.key.scalar?.text } }

    /// Key nodes and values in document order.
    var pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        entries.map { ($0.key.scalar?.text ?? "", $0.key, $0.value) }
    }

    subscript(key: String) -> YAMLNode? {
        node[key]
    }

    /// A non-empty string value; reports its absence when `required`. A key given as null (`~`,
    /// `null` or nothing) is not recorded, as in a record: absent, not the text "null".
    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = self[key] else {
            if required { sink.error("missing required key \"\(key)\"", at: node.location) }
            return nil
        }
        if case .scalar(let scalar) = value.kind, scalar.value == .null {
            if required { sink.error("\"\(key)\" must be text, not null", at: value.location) }
            return nil
        }
        guard let text = value.scalar?.text, value.tag == nil || value.tag == "tag:yaml.org,2002:str" else {
            sink.error("\"\(key)\" must be text, not \(value.shapeDescription)", at: value.location)
            return nil
        }
        if text.isEmpty && required {
            sink.error("\"\(key)\" must not be empty", at: value.location)
            return nil
        }
        // Blank is as good as empty: a waiver approved by " " names nobody, a rule titled " " says nothing.
        if required && text.allSatisfy(\.isWhitespace) {
            sink.error("\"\(key)\" must not be blank: it holds only white space", at: value.location)
            return nil
        }
        return text
    }

    /// A finding's subject as a waiver or a rule test names it: the display text of the value, as
    /// the finding shows it, so `2024-04-01` (quoted or not, a date as everywhere in a record) names
    /// "1 April 2024" and `[police, 2024-03-05]` names "police, 5 March 2024". Null (`~`, `null`
    /// or nothing) names no subject.
    func subject(_ key: String) -> String? {
        guard let value = self[key] else { return nil }
        switch value.kind {
        case .scalar(let scalar) where scalar.value == .null:
            return nil
        case .scalar, .sequence:
            if case .sequence(let items) = value.kind, let item = items.first(where: { $0.scalar == nil }) {
                sink.error("\"\(key)\" must be a list of text, dates or numbers; this item is \(item.shapeDescription)", at: item.location)
                return nil
            }
            return Value.fromRecordNode(value, path: nil).displayText
        case .mapping:
            sink.error("\"\(key)\" must be text, a date or a list, not \(value.shapeDescription)", at: value.location)
            return nil
        }
    }

    func bool(_ key: String) -> Bool? {
        guard let value = self[key] else { return nil }
        guard case .scalar(let scalar) = value.kind, case .bool(let flag) = scalar.value else {
            sink.error("\"\(key)\" must be true or false", at: value.location)
            return nil
        }
        return flag
    }

    /// A value from a closed set of words, reporting anything else with a suggestion.
    func choice<T: RawRepresentable>(_ key: String, _ type: T.Type, among names: [String]) -> T? where T.RawValue == String {
        guard let text = string(key), let value = self[key] else { return nil }
        guard let choice = T(rawValue: text) else {
            sink.error(Suggestion.unknown("value for \"\(key)\"", text, among: names) + " (expected one of: \(names.joined(separator: ", ")))", at: value.location)
            return nil
        }
        return choice
    }

    /// A duration such as `30 days`.
    func duration(_ key: String) -> CalendarDuration? {
        guard let value = self[key] else { return nil }
        switch value.scalar.map({ CalendarDuration.read($0.text) }) ?? .malformed {
        case .duration(let duration):
            return duration
        case .tooLong:
            sink.error("\"\(key)\" is too long a duration: \(CalendarDuration.tooLongReason)", at: value.location)
        case .malformed:
            sink.error("\"\(key)\" must be a duration such as \"30 days\", \"2 weeks\", \"12 months\" or \"3 years\"", at: value.location)
        }
        return nil
    }

    func expression(_ key: String, required: Bool = false) -> Expression? {
        guard let value = self[key] else {
            if required { sink.error("missing required key \"\(key)\"", at: node.location) }
            return nil
        }
        return value.parseExpression(sink: sink)
    }
}

extension YAMLNode {
    /// "a mapping", "a list", "text", for messages about the wrong shape.
    var shapeDescription: String {
        switch kind {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar):
            switch scalar.value {
            case .null: "empty"
            case .bool: "true/false"
            case .int, .double: "a number"
            case .string: "text"
            }
        }
    }

    /// Where a scalar's content begins: one column after an opening quote; the next line for a
    /// block scalar (whose indentation is not known here, so column 1 is an approximation).
    var contentStart: SourceLocation {
        guard case .scalar(let scalar) = kind else { return location }
        switch scalar.style {
        case .plain: return location
        case .singleQuoted, .doubleQuoted: return location.advanced(by: 1)
        case .literal, .folded: return SourceLocation(line: location.line + 1, column: 1)
        }
    }

    /// Places an offset into this scalar's value `text` in the file, reading the file's text of
    /// the scalar (only when an error needs placing); nil when the sink has no source.
    private func locator(of text: String, sink: DiagnosticSink) -> OffsetLocator? {
        guard let source = sink.source else { return nil }
        return { offset in
            ScalarSourceMap(node: self, value: Array(text.unicodeScalars), source: source)?.location(ofOffset: offset)
                ?? self.contentStart
        }
    }

    func parseTemplate(sink: DiagnosticSink) -> Template? {
        guard let text = scalar?.text else {
            sink.error("a message template must be text, not \(shapeDescription)", at: location)
            return nil
        }
        do { return try Template.parse(text, at: contentStart, file: sink.file, locate: locator(of: text, sink: sink)) } catch {
            sink.append(error)
            return nil
        }
    }

    func parseExpression(sink: DiagnosticSink) -> Expression? {
        guard let text = scalar?.text, !(text.isEmpty) else {
            sink.error("an expression must be non-empty text, not \(shapeDescription)", at: location)
            return nil
        }
        do { return try Expression.parse(text, at: contentStart, file: sink.file, locate: locator(of: text, sink: sink)) } catch {
            sink.append(error)
            return nil
        }
    }
}
