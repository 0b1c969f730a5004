import YAMLTree

/// A partnership's record as loaded: any mapping, plus the waivers it declares.
public struct Record: Sendable {
    public var file: String
    public var sha256: String
    public var root: YAMLNode
    public var waivers: [Waiver]

    /// `partnership.name`, when recorded as text.
    public var name: String? {
        guard case .string(let name) = root.value(atPath: ["partnership", "name"]) else { return nil }
        return name
    }
}

/// A decision, recorded with its reason and approver, to accept a gap until a date.
public struct Waiver: Sendable, Hashable {
    public var rule: String
    /// Nil waives every finding of the rule; otherwise only the item with this subject.
    public var subject: String?
    public var reason: String
    public var approvedBy: String
    public var reference: String?
    /// The last day the waiver covers (inclusive).
    public var until: CivilDate
    public var location: SourceLocation
}

extension YAMLNode {
    /// The scalar value at a chain of mapping keys, or nil when any step is missing.
    func value(atPath keys: [String]) -> ScalarValue? {
        var node = self
        for key in keys {
            guard let child = node[key] else { return nil }
            node = child
        }
        guard case .scalar(let scalar) = node.kind else { return nil }
        return scalar.value
    }
}
