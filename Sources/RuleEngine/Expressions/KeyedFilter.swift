/// A filter whose condition starts with `key == value`, where `key` is a bare item key and `value`
/// does not depend on the item: `partners[? id == approval.partner]`, `partners[? role == needed
/// and responsible_authority == true]`. Such filters run once per `for_each` item, each time over
/// the whole list; looking the value up in an index of the list by that key (built once per
/// record) leaves only the elements that can match to be tested.
///
/// The result must be exactly the full scan's, evidence and errors included, so the index is used
/// only where skipping an element cannot change anything (see `candidates`); elsewhere the filter
/// scans every element as before.
struct KeyedFilter {
    /// The item key on the left of `==`.
    let key: PathKey
    /// The expression on the right of `==`.
    let value: Node
    /// The name `value` starts from, if it is a bare-name path: an item with a key of that name
    /// would read it instead, so then the value depends on the item.
    let valueName: String?

    /// The keyed test at the head of `condition`, if it has one: the condition itself, or the
    /// leftmost operand of a chain of `and`s (which is tested first, and whose `false` ends the test).
    init?(_ condition: Node) {
        var first = condition
        while case .and(let left, _) = first.kind { first = left }
        guard case .binary(.equal, let left, let right) = first.kind,
              case .path(let keyPath) = left.kind, case .name(let key) = keyPath.head, keyPath.steps.isEmpty
        else { return nil }
        switch right.kind {
        case .literal, .today:
            valueName = nil
        case .path(let path):
            // Keys and indexes only: a projection or filter in the value would bring its own names.
            guard path.steps.allSatisfy({ !$0.isProjection }) else { return nil }
            switch path.head {
            case .name(let name): valueName = name.name
            case .root: valueName = nil
            case .item, .value: return nil
            }
        default:
            return nil
        }
        self.key = key
        self.value = right
    }

    /// The positions of `list`'s elements that may pass the condition, in order, or nil when the
    /// whole list must be scanned. `probe` evaluates as the filter does (the item aside).
    ///
    /// An element is skipped only when the full scan would find its key holds something other
    /// than null and the value (a string): then `key == value` is false, `and` stops there, and
    /// nothing else of the condition is evaluated for it. The index is used only when the list has
    /// elements, every one a mapping with the key (so reading the key cannot fail or fall through
    /// to a `let`), and none has a key named like the value's first name. Then the full scan
    /// evaluates the value first thing, for the first element, with the same result and the same
    /// evidence (a `let` logs what it read) as evaluating it once here.
    func candidates(in list: RecordNode, probe: Evaluator) -> [Int]? {
        guard let count = list.itemCount, count > 0 else { return nil }
        if let valueName, list.anyItemHasKey(valueName) { return nil }
        guard let index = list.equalityIndex(for: key) else { return nil }
        var outside = probe
        outside.item = .value(.null)
        guard let wanted = try? outside.evaluate(value), case .string(let text) = wanted.kind else { return nil }
        return index.positions(matching: text)
    }
}

/// What each element of a list holds under one key, as far as `KeyedFilter` needs to know.
///
/// Kept as a list rather than hashed: partnership lists are short, and comparing a few strings
/// costs less than hashing them.
struct EqualityIndex {
    enum Entry {
        case text(String)
        /// `~` or empty: `null == value` is null, not false, so the rest of the condition still runs.
        case null
        /// Any other value: never equal to a string.
        case other
    }

    private let entries: [Entry]

    /// Nil unless every element of `list` is a mapping with `key`.
    init?(list: RecordNode, key: PathKey) {
        guard let count = list.itemCount else { return nil }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for position in 0..<count {
            guard let child = list.item(at: position).child(key) else { return nil }
            switch child.value.kind {
            case .string(let text): entries.append(.text(text))
            case .null: entries.append(.null)
            default: entries.append(.other)
            }
        }
        self.entries = entries
    }

    /// The positions whose key is `text` or null, in order.
    func positions(matching text: String) -> [Int] {
        var positions: [Int] = []
        for (position, entry) in entries.enumerated() {
            switch entry {
            case .text(let held): if held == text { positions.append(position) }
            case .null: positions.append(position)
            case .other: break
            }
        }
        return positions
    }
}
