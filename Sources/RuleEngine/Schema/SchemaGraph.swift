import YAMLTree

/// The schemas of a schema document and how they lead to one another, worked out once when it
/// loads: for the checks made then, and to follow `$ref`s while validating.
struct SchemaGraph: Sendable {
    /// One schema that a schema leads to.
    struct Step: Sendable {
        let schema: YAMLNode
        /// The `$ref` value followed to reach it; nil for a schema written inside its parent.
        let reference: YAMLNode?
        /// Whether it is applied to the very value its parent is applied to (`$ref`, `allOf`,
        /// `anyOf`, `oneOf`, `not`, `if`, `then`, `else`), rather than to a part of that value
        /// (`properties`, `items`, `additionalProperties`) or only where referenced (`$defs`).
        let inPlace: Bool
    }

    /// The root and every schema inside it (under `properties`, `$defs`, `items`, `allOf`, `if`
    /// and the rest, and wherever a `$ref` points), each once, in document order; but not data
    /// such as `enum`, `const` or `examples` values, whose keys are not keywords, unless a `$ref`
    /// uses them as a schema. So every keyword a validation can reach is checked at load.
    let schemas: [YAMLNode]
    private let stepsBySchema: [SourceLocation: [Step]]
    /// The schema each `$ref` names, for those that resolve.
    private let targets: [String: YAMLNode]

    init(root: YAMLNode) {
        var resolver = ReferenceResolver(root: root)
        var schemas: [YAMLNode] = []
        var stepsBySchema: [SourceLocation: [Step]] = [:]
        // A stack rather than recursion: a chain of thousands of `$ref`s would overflow the
        // thread's stack. Children are pushed last first, so they are visited in document order.
        var pending = [root]
        while let schema = pending.popLast() {
            guard case .mapping = schema.kind, stepsBySchema[schema.location] == nil else { continue }
            let steps = Self.steps(from: schema, resolver: &resolver)
            schemas.append(schema)
            stepsBySchema[schema.location] = steps
            pending += steps.reversed().map(\.schema)
        }
        self.schemas = schemas
        self.stepsBySchema = stepsBySchema
        targets = resolver.resolved
    }

    /// The schemas `schema` holds or refers to, in the order written.
    func steps(from schema: YAMLNode) -> [Step] { stepsBySchema[schema.location] ?? [] }

    /// The schema a `$ref` names; nil when it names none (or is not of the form `#/a/b`).
    func target(of reference: String) -> YAMLNode? { targets[reference] }

    /// A `$ref` that does not resolve leads nowhere; `SchemaKeywordValues` refuses it at load.
    private static func steps(from schema: YAMLNode, resolver: inout ReferenceResolver) -> [Step] {
        var steps: [Step] = []
        for entry in schema.entries ?? [] {
            let value = entry.value
            switch entry.key.scalar?.text ?? "" {
            case "properties", "$defs":
                steps += (value.entries ?? []).map { Step(schema: $0.value, reference: nil, inPlace: false) }
            case "items", "additionalProperties":
                steps.append(Step(schema: value, reference: nil, inPlace: false))
            case "allOf", "anyOf", "oneOf":
                steps += (value.items ?? []).map { Step(schema: $0, reference: nil, inPlace: true) }
            case "not", "if", "then", "else":
                steps.append(Step(schema: value, reference: nil, inPlace: true))
            case "$ref":
                if let reference = value.stringValue, let target = resolver.resolve(reference) {
                    steps.append(Step(schema: target, reference: value, inPlace: true))
                }
            default:
                break
            }
        }
        return steps
    }
}

/// Resolves `$ref`s of the form `#/a/b`, indexing each mapping it passes through: a schema with
/// thousands of `$defs` would otherwise be searched from the start for each reference.
private struct ReferenceResolver {
    let root: YAMLNode
    private(set) var resolved: [String: YAMLNode] = [:]
    /// Each mapping's values by key, keyed by the mapping's location. Keys are compared by their
    /// UTF-8 bytes, as `YAMLNode`'s subscript compares them, not by canonical equivalence.
    private var indexes: [SourceLocation: [[UInt8]: YAMLNode]] = [:]

    init(root: YAMLNode) {
        self.root = root
    }

    mutating func resolve(_ reference: String) -> YAMLNode? {
        if let target = resolved[reference] { return target }
        guard reference.hasPrefix("#/") else { return nil }
        var node = root
        for name in reference.dropFirst(2).split(separator: "/") {
            guard let child = child(of: node, named: name) else { return nil }
            node = child
        }
        resolved[reference] = node
        return node
    }

    private mutating func child(of node: YAMLNode, named name: Substring) -> YAMLNode? {
        guard let entries = node.entries else { return nil }
        if indexes[node.location] == nil {
            var index: [[UInt8]: YAMLNode] = [:]
            for entry in entries {
                guard let key = entry.key.scalar?.text else { continue }
                index[Array(key.utf8)] = index[Array(key.utf8)] ?? entry.value   // the first, as the subscript finds
            }
            indexes[node.location] = index
        }
        return indexes[node.location]?[Array(name.utf8)]
    }
}
