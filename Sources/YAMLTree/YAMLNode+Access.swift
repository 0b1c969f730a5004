/// Small accessors for decoders and the evaluator: each returns nil (or false) when the node is
/// not of the kind asked for, so callers can report a type error with `kindName`.
extension YAMLNode {
    /// The value for the key whose text is `key`, in a mapping; nil when absent or not a mapping.
    ///
    /// Keys match by their exact Unicode scalars (as YAML compares them), not by Swift's
    /// canonical equivalence, so `"é"` and `"e\u{301}"` are different keys.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries) = kind else { return nil }
        for entry in entries {
            // `==` first: it is fast, and canonical equality is implied by byte equality.
            if case .scalar(let scalar) = entry.key.kind, scalar.text == key, scalar.text.utf8.elementsEqual(key.utf8) {
                return entry.value
            }
        }
        return nil
    }

    /// A mapping's entries in document order; nil for other kinds.
    public var entries: [YAMLEntry]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    /// A sequence's items; nil for other kinds.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// The scalar; nil for a collection.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = kind { return scalar }
        return nil
    }

    /// The scalar's resolved value; nil for a collection.
    public var scalarValue: ScalarValue? { scalar?.value }

    /// The text of a scalar that resolved to a string; nil for `1`, `true`, `~` or a collection.
    public var stringValue: String? {
        if case .scalar(let scalar) = kind, case .string(let text) = scalar.value { return text }
        return nil
    }

    /// The value of an integer scalar.
    public var intValue: Int? {
        if case .scalar(let scalar) = kind, case .int(let number) = scalar.value { return number }
        return nil
    }

    /// The value of a `true`/`false` scalar.
    public var boolValue: Bool? {
        if case .scalar(let scalar) = kind, case .bool(let flag) = scalar.value { return flag }
        return nil
    }

    /// The value of a float or integer scalar, as a `Double`.
    public var doubleValue: Double? {
        guard case .scalar(let scalar) = kind else { return nil }
        switch scalar.value {
        case .double(let number): return number
        case .int(let number): return Double(number)
        default: return nil
        }
    }

    /// True for a null scalar (`~`, `null`, an empty value or `!!null`).
    public var isNull: Bool {
        if case .scalar(let scalar) = kind, case .null = scalar.value { return true }
        return false
    }

    public var isMapping: Bool { entries != nil }
    public var isSequence: Bool { items != nil }

    /// A short word for the node's type, for messages like "expected a mapping, found a string":
    /// `mapping`, `sequence`, `string`, `integer`, `number`, `boolean` or `null`.
    public var kindName: String {
        switch kind {
        case .mapping: return "mapping"
        case .sequence: return "sequence"
        case .scalar(let scalar): return scalar.value.kindName
        }
    }
}

extension ScalarValue {
    /// `string`, `integer`, `number`, `boolean` or `null`.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        }
    }
}
