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

    func int(_ key: String) -> Int? {
        guard let node = self[key], case .scalar(let scalar) = node.kind, case .int(let value) = scalar.value else { return nil }
        return value
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
            case .double: return .number
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
    static func equal(_ lhs: YAMLNode, _ rhs: YAMLNode) -> Bool {
        guard case .scalar(let a) = lhs.kind, case .scalar(let b) = rhs.kind else { return false }
        return a.value == b.value
    }

    static func text(_ node: YAMLNode) -> String {
        guard case .scalar(let scalar) = node.kind else { return JSONType.of(node).phrase }
        switch scalar.value {
        case .string(let text): return "\"\(text)\""
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
