import YAMLTree

/// The nodes of one record as evaluation reaches them, each converted once: its path, its value
/// and its children are worked out on first use and kept, so fifty rules reading the same
/// partners list build its paths and values once, not fifty times.
///
/// Kept by the record's `LetTable` (which already stands for one record); not thread-safe, like
/// the rest of an evaluation's state.
final class RecordIndex {
    /// The record's root mapping.
    let root: RecordNode
    /// Mappings reached so far, by path, so a value handed back (a `let`, the `for_each` item)
    /// finds its node again.
    private var mappings: [String: RecordNode] = [:]

    init(root node: YAMLNode) {
        root = RecordNode(node, path: "")
        root.index = self
        mappings[""] = root
    }

    /// Whether this index was built for `node`: same position and the same stored entries.
    func isIndex(of node: YAMLNode) -> Bool {
        root.node.location == node.location && root.storage == RecordNode.storage(of: node)
    }

    func register(_ node: RecordNode) {
        if let path = node.path, node.shape == .mapping { mappings[path] = node }
    }

    /// The node a record mapping value came from, when it was reached through this index.
    func node(for value: Value, _ node: YAMLNode) -> RecordNode? {
        guard let origin = value.origin, let found = mappings[origin.path],
              found.node.location == origin.location, found.storage == RecordNode.storage(of: node)
        else { return nil }
        return found
    }
}

/// One record node with its path, and its value and children once asked for.
final class RecordNode {
    enum Shape: Equatable {
        case mapping, sequence, null, scalar
    }

    let node: YAMLNode
    /// Nil for a node reached from a value that carries no origin.
    let path: String?
    let origin: Origin?
    let shape: Shape
    /// Where a collection's elements are stored, to recognise the same node again.
    let storage: UnsafeRawPointer?
    /// The index this node belongs to, for registering mappings; nil for untracked nodes.
    weak var index: RecordIndex?
    private var cachedValue: Value?
    private var children: [RecordNode?] = []
    /// A mapping's keys as text, read once.
    private var keys: [String]?

    init(_ node: YAMLNode, path: String?) {
        self.node = node
        self.path = path
        self.origin = path.map { Origin(path: $0, location: node.location) }
        switch node.kind {
        case .mapping: shape = .mapping
        case .sequence: shape = .sequence
        case .scalar(let scalar):
            if case .null = scalar.value { shape = .null } else { shape = .scalar }
        }
        storage = RecordNode.storage(of: node)
    }

    /// The address of a collection's element storage; nil for a scalar.
    static func storage(of node: YAMLNode) -> UnsafeRawPointer? {
        switch node.kind {
        case .mapping(let entries): entries.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        case .sequence(let items): items.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        case .scalar: nil
        }
    }

    /// The value of the node (see `Value.fromRecord`), converted once.
    var value: Value {
        if let cachedValue { return cachedValue }
        let value: Value
        switch node.kind {
        case .scalar(let scalar):
            value = Value(Value.kind(of: scalar), origin: origin)
        case .mapping:
            value = Value(.map(node), origin: origin)
        case .sequence(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for position in items.indices { values.append(item(at: position).value) }
            value = Value(.list(values), origin: origin)
        }
        cachedValue = value
        return value
    }

    var isNull: Bool { shape == .null }

    /// The value under `key` in a mapping; nil when this is not a mapping or the key is absent.
    func child(_ key: PathKey) -> RecordNode? {
        guard shape == .mapping else { return nil }
        let keys = self.keys ?? readKeys()
        var found: Int?
        for position in keys.indices where keys[position] == key.name {
            found = position
            break
        }
        guard let position = found else { return nil }
        if let existing = children[position] { return existing }
        guard case .mapping(let entries) = node.kind else { return nil }
        let made = RecordNode(entries[position].value, path: path.map { key.path(under: $0) })
        adopt(made)
        children[position] = made
        return made
    }

    private func readKeys() -> [String] {
        guard case .mapping(let entries) = node.kind else { return [] }
        // A key that is not a scalar can never be named in a path; it gets text no name can match.
        let read = entries.map { entry -> String in
            if case .scalar(let scalar) = entry.key.kind { return scalar.text }
            return "\u{0}"
        }
        keys = read
        children = Array(repeating: nil, count: read.count)
        return read
    }

    /// How many items a sequence has; nil for anything else.
    var itemCount: Int? {
        guard shape == .sequence, case .sequence(let items) = node.kind else { return nil }
        return items.count
    }

    /// The item at `position` (which must be in range) of a sequence.
    func item(at position: Int) -> RecordNode {
        guard case .sequence(let items) = node.kind else { preconditionFailure("item(at:) on a node that is not a sequence") }
        if children.isEmpty { children = Array(repeating: nil, count: items.count) }
        if let existing = children[position] { return existing }
        let made = RecordNode(items[position], path: path.map { Origin.path($0, index: position) })
        adopt(made)
        children[position] = made
        return made
    }

    private func adopt(_ child: RecordNode) {
        guard let index else { return }
        child.index = index
        index.register(child)
    }
}
