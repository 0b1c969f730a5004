import YAMLTree

/// One record node with its path, and its value and children once asked for.
///
/// A record mapping's `Value` holds its node, so every rule, pack and `let` that reads the same
/// part of a record shares one conversion: fifty rules reading the partners list build its paths
/// and values once, not fifty times. The caches make a node mutable and are not synchronised
/// (that is why it is only `@unchecked Sendable`): a record is read by one evaluation, on one
/// thread, at a time; checks of different records may run in parallel.
public final class RecordNode: @unchecked Sendable {
    enum Shape: Equatable {
        case mapping, sequence, null, scalar
    }

    /// The node as loaded.
    public let node: YAMLNode
    /// Nil for a node reached from a value that carries no origin.
    let path: String?
    let shape: Shape
    // The caches below are touched only by the one evaluation reading this record, through
    // methods that never overlap their own accesses, so the run-time exclusivity check (a
    // thread-local table look-up on every read) is left out.

    /// A sequence's value, converted once (a mapping's value is made afresh: caching it here
    /// would make the node hold itself).
    @exclusivity(unchecked) private var cachedValue: Value?
    @exclusivity(unchecked) private var children: [RecordNode?] = []
    /// Made on first use: many nodes are only passed through on the way to a child.
    @exclusivity(unchecked) private var madeOrigin: Origin?
    /// A sequence's `EqualityIndex` by key name (nil where it cannot be built), and whether any
    /// of its items has a key, each worked out once (see `KeyedFilter`).
    @exclusivity(unchecked) private var equalityIndexes: [(key: String, index: EqualityIndex?)] = []
    @exclusivity(unchecked) private var keyPresence: [(key: String, present: Bool)] = []

    init(_ node: YAMLNode, path: String?) {
        self.node = node
        self.path = path
        switch node.kind {
        case .mapping: shape = .mapping
        case .sequence: shape = .sequence
        case .scalar(let scalar):
            if case .null = scalar.value { shape = .null } else { shape = .scalar }
        }
    }

    /// Where the node was read from; nil for a node reached from a value without an origin.
    var origin: Origin? {
        if let madeOrigin { return madeOrigin }
        guard let path else { return nil }
        let made = Origin(path: path, location: node.location)
        madeOrigin = made
        return made
    }

    /// The mapping's entries; empty for any other node.
    var entries: [YAMLEntry] {
        if case .mapping(let entries) = node.kind { return entries }
        return []
    }

    /// The value of the node (see `Value.fromRecord`).
    var value: Value {
        if let cachedValue { return cachedValue }
        switch node.kind {
        case .scalar(let scalar):
            let value = Value(Value.kind(of: scalar), origin: origin)
            cachedValue = value
            return value
        case .mapping:
            return Value(.map(self), origin: origin)
        case .sequence(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for position in items.indices { values.append(item(at: position).value) }
            let value = Value(.list(values), origin: origin)
            cachedValue = value
            return value
        }
    }

    var isNull: Bool { shape == .null }

    /// The same node seen through a value whose origin is `origin`: itself when the paths agree,
    /// otherwise an untracked copy whose children take their paths from `origin` (none without one).
    func viewed(from origin: Origin?) -> RecordNode {
        if origin?.path == path { return self }
        return RecordNode(node, path: origin?.path)
    }

    /// The value under `key` in a mapping; nil when this is not a mapping or the key is absent.
    func child(_ key: PathKey) -> RecordNode? {
        guard shape == .mapping, case .mapping(let entries) = node.kind,
              let position = Value.position(of: key.name, hash: key.hash, in: entries) else { return nil }
        if children.isEmpty { children = Self.noChildren(entries.count) }
        if let existing = children[position] { return existing }
        let made = RecordNode(entries[position].value, path: path.map { key.path(under: $0) })
        children[position] = made
        return made
    }

    /// How many items a sequence has; nil for anything else.
    var itemCount: Int? {
        guard shape == .sequence, case .sequence(let items) = node.kind else { return nil }
        return items.count
    }

    /// The item at `position` (which must be in range) of a sequence.
    func item(at position: Int) -> RecordNode {
        guard case .sequence(let items) = node.kind else { preconditionFailure("item(at:) on a node that is not a sequence") }
        if children.isEmpty { children = Self.noChildren(items.count) }
        if let existing = children[position] { return existing }
        let made = RecordNode(items[position], path: path.map { Origin.path($0, index: position) })
        children[position] = made
        return made
    }

    /// `count` empty child slots. Built by reserving and appending, which is specialized here:
    /// `Array(repeating:count:)` allocates through an unspecialized standard-library function that
    /// looks the storage class up in the runtime's generic metadata cache on every call.
    private static func noChildren(_ count: Int) -> [RecordNode?] {
        var slots: [RecordNode?] = []
        slots.reserveCapacity(count)
        for _ in 0..<count { slots.append(nil) }
        return slots
    }

    /// The index of a sequence's items by `key` (see `EqualityIndex`), built on first use.
    func equalityIndex(for key: PathKey) -> EqualityIndex? {
        // A few keys per list at most: a scan beats hashing the names.
        for known in equalityIndexes where known.key == key.name { return known.index }
        let made = EqualityIndex(list: self, key: key)
        equalityIndexes.append((key.name, made))
        return made
    }

    /// Whether any item of a sequence is a mapping with the key `name`.
    func anyItemHasKey(_ name: String) -> Bool {
        for known in keyPresence where known.key == name { return known.present }
        var present = false
        let hash = KeyHash.ofASCII(name)
        for position in 0..<(itemCount ?? 0) where Value.position(of: name, hash: hash, in: item(at: position).entries) != nil {
            present = true
            break
        }
        keyPresence.append((name, present))
        return present
    }
}
