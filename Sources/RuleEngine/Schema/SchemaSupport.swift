import YAMLTree

/// Typed access to one schema object's keywords.
struct SchemaKeywords {
    private let schema: YAMLNode

    init(_ schema: YAMLNode) {
        self.schema = schema
    }

    subscript(key: String) -> YAMLNode? { schema[key] }

    func text(_ key: String) -> String? {
        guard let node = self[key], case .scalar(let scalar) = node.kind, case .string(let text) = scalar.value else { return nil }
        return text
    }

    /// A whole-number keyword (`minLength`): JSON Schema counts `2.0` as the integer 2.
    func int(_ key: String) -> Int? {
        self[key].flatMap(JSONValue.wholeNumber)
    }

    func double(_ key: String) -> Double? {
        guard let node = self[key], case .scalar(let scalar) = node.kind else { return nil }
        switch scalar.value {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    func list(_ key: String) -> [YAMLNode] {
        guard let node = self[key], case .sequence(let items) = node.kind else { return [] }
        return items
    }

    func strings(_ key: String) -> [String] { list(key).compactMap(\.scalar?.text) }

    func mapping(_ key: String) -> [YAMLEntry] {
        guard let node = self[key], case .mapping(let entries) = node.kind else { return [] }
        return entries
    }

    /// `type` as a list of names, or nil when absent.
    var typeNames: [String]? {
        guard let node = self["type"] else { return nil }
        switch node.kind {
        case .scalar(let scalar): return [scalar.text]
        case .sequence(let items): return items.compactMap(\.scalar?.text)
        case .mapping: return nil
        }
    }
}

/// The JSON type a YAML node has under the core schema.
enum JSONType {
    case object, array, string, integer, number, boolean, null

    static func of(_ node: YAMLNode) -> JSONType {
        switch node.kind {
        case .mapping: return .object
        case .sequence: return .array
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return .null
            case .bool: return .boolean
            case .int: return .integer
            // JSON has one number type: one with no fractional part (`2.0`) is an integer.
            case .double(let number): return JSONValue.isWhole(number) ? .integer : .number
            case .string: return .string
            }
        }
    }

    func matches(_ name: String) -> Bool {
        switch (self, name) {
        case (.object, "object"), (.array, "array"), (.string, "string"), (.integer, "integer"),
             (.integer, "number"), (.number, "number"), (.boolean, "boolean"), (.null, "null"): true
        default: false
        }
    }

    var phrase: String { Self.phrase(String(describing: self)) }

    static func phrase(_ name: String) -> String {
        switch name {
        case "object": "a mapping"
        case "array": "a list"
        case "string": "text"
        case "integer": "a whole number"
        case "number": "a number"
        case "boolean": "true or false"
        case "null": "empty"
        default: name
        }
    }
}

/// Comparing and printing scalar values as JSON does.
enum JSONValue {
    /// Equality as `enum` and `const` use it: numbers by value (`1` equals `1.0`), arrays item by
    /// item, objects by the same names with equal values in any order.
    static func equal(_ lhs: YAMLNode, _ rhs: YAMLNode) -> Bool {
        switch (lhs.kind, rhs.kind) {
        case (.scalar(let a), .scalar(let b)):
            switch (a.value, b.value) {
            case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y && wholeNumber(y) == x
            default: return a.value == b.value
            }
        case (.sequence(let a), .sequence(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.mapping(let a), .mapping(let b)):
            guard a.count == b.count else { return false }
            return a.allSatisfy { entry in
                b.contains { $0.key.scalar?.text == entry.key.scalar?.text && equal($0.value, entry.value) }
            }
        default:
            return false
        }
    }

    /// The value of a number with no fractional part, if an `Int` holds it.
    static func wholeNumber(_ node: YAMLNode) -> Int? {
        guard case .scalar(let scalar) = node.kind else { return nil }
        switch scalar.value {
        case .int(let number): return number
        case .double(let number): return wholeNumber(number)
        default: return nil
        }
    }

    static func wholeNumber(_ number: Double) -> Int? {
        guard isWhole(number), abs(number) < 9.2e18 else { return nil }
        return Int(number)
    }

    /// Whether a number has no fractional part (JSON Schema's integer), however large.
    static func isWhole(_ number: Double) -> Bool {
        number.isFinite && number.rounded(.towardZero) == number
    }

    /// A value the schema allows, written out in full (arrays and objects too) up to 80
    /// characters, so a message can say what `const` or `enum` wanted.
    static func literal(_ node: YAMLNode) -> String {
        let written = compact(node)
        return written.count > 80 ? String(written.prefix(79)) + "…" : written
    }

    private static func compact(_ node: YAMLNode) -> String {
        switch node.kind {
        case .scalar: return text(node)
        case .sequence(let items): return "[" + items.map(compact).joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "{" + entries.map { "\"\($0.key.scalar?.text ?? "")\": " + compact($0.value) }.joined(separator: ", ") + "}"
        }
    }

    static func text(_ node: YAMLNode) -> String {
        guard case .scalar(let scalar) = node.kind else { return JSONType.of(node).phrase }
        switch scalar.value {
        case .string(let text): return Suggestion.quoted(text)  // control characters escaped: one line
        case .null: return "null"
        default: return scalar.text
        }
    }
}

/// The `format` values the validator checks.
enum SchemaFormats {
    /// The same strict address check `notify` applies before it sends anything.
    static func isEmailAddress(_ text: String) -> Bool {
        EmailAddress(text) != nil
    }
}
