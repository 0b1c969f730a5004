import YAMLTree

/// A node of a parsed expression, with the source text it was parsed from (for error messages).
///
/// A class, so that taking a node's children apart while evaluating costs one reference each
/// rather than a copy of every field.
final class Node: Sendable {
    enum Kind: Sendable {
        case literal(Value)
        case list([Node])
        case today
        case path(Path)
        case not(Node)
        case negate(Node)
        case and(Node, Node)
        case or(Node, Node)
        case coalesce(Node, Node)
        case binary(BinaryOperator, Node, Node)
        case call(Builtin, [Node])
    }

    let kind: Kind
    let text: String
    /// Levels of nesting below and including this node; evaluation recurses this deep.
    let depth: Int

    /// Deepest tree the parser accepts, so evaluation cannot exhaust the stack.
    static let maxDepth = 128

    init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
        self.depth = 1 + (kind.subtrees(filters: true).map(\.depth).max() ?? 0)
    }
}

extension Node.Kind {
    /// The trees directly below: operands, list items and arguments, and for a path the expression
    /// it starts from and, with `filters`, its filter conditions. (Every walk over a tree, for its
    /// depth, its names or its lets, goes through here.)
    func subtrees(filters: Bool) -> [Node] {
        switch self {
        case .literal, .today: return []
        case .list(let items), .call(_, let items): return items
        case .not(let operand), .negate(let operand): return [operand]
        case .and(let left, let right), .or(let left, let right), .coalesce(let left, let right),
             .binary(_, let left, let right):
            return [left, right]
        case .path(let path):
            var trees: [Node] = []
            if case .value(let base) = path.head { trees.append(base) }
            if filters {
                for case .filter(let condition) in path.steps { trees.append(condition) }
            }
            return trees
        }
    }

    /// The bare name a path starts from (a variable, a let or a record key), if it starts from one.
    var headName: PathKey? {
        if case .path(let path) = self, case .name(let key) = path.head { return key }
        return nil
    }
}

enum BinaryOperator: Sendable {
    case equal, notEqual, less, lessEqual, greater, greaterEqual, `in`, notIn, plus, minus
}

/// A path: where it starts, then keys, indexes, projections and filters (a class, like `Node`).
final class Path: Sendable {
    enum Head: Sendable {
        /// A bare name: a variable, a `let`, an item key or a record key (DESIGN.md §4 Names).
        case name(PathKey)
        /// `$`, the record root.
        case root
        /// `@`, the current filter item.
        case item
        /// Any other expression followed by steps: `first(plans).period`.
        case value(Node)
    }

    enum Step: Sendable {
        case key(PathKey)
        /// A position; negative counts from the end (`-1` is the last element).
        case index(Int)
        /// `[*]`
        case project
        /// `[? condition]`
        case filter(Node)

        var isProjection: Bool {
            switch self {
            case .project, .filter: true
            case .key, .index: false
            }
        }
    }

    let head: Head
    let steps: [Step]
    /// Whether any step is a projection or a filter, so the result is a list (or null).
    let projects: Bool

    init(head: Head, steps: [Step], projects: Bool) {
        self.head = head
        self.steps = steps
        self.projects = projects
    }
}

/// A key in a path, with the text it adds to an evidence path worked out once, at parse time
/// (a class, like `Node`: one reference to pass around rather than two strings).
final class PathKey: Sendable {
    let name: String
    /// `KeyHash.ofASCII(name)`, for finding the key in a record mapping.
    let hash: UInt64
    /// The message variable this name is (`status`, `due`, ...), if it is one.
    let outcome: OutcomeName?
    /// Which pack's lets (`LetSlots.id`) marked this name, and the position of its let there (-1:
    /// no let of that name). Written once while the pack loads, before any evaluation reads it.
    nonisolated(unsafe) private(set) var letSlots: UInt64 = 0
    nonisolated(unsafe) private(set) var letPosition = -1
    /// `.name`, or `["odd key"]` for a key that is not an identifier.
    private let suffix: String
    private let isIdentifier: Bool

    init(_ name: String) {
        self.name = name
        self.hash = KeyHash.ofASCII(name)
        self.outcome = OutcomeName(rawValue: name)
        self.isIdentifier = Origin.isIdentifier(name)
        self.suffix = Origin.path("x", key: name).dropFirst().description
    }

    func markLet(slots: UInt64, position: Int?) {
        precondition(letSlots == 0 || letSlots == slots, "a name is marked by its own pack only, while it loads")
        letSlots = slots
        letPosition = position ?? -1
    }

    /// The path of this key under `parent` (`Origin.path(parent, key: name)`, without re-checking the key).
    func path(under parent: String) -> String {
        if parent.isEmpty { return isIdentifier ? name : suffix }
        return Origin.joined(parent, suffix)
    }
}

/// The functions of the language, with how many arguments each takes.
enum Builtin: String, Sendable, CaseIterable {
    case exists, count, first, last, latest, earliest, contains
    case daysBetween = "days_between"
    case endOfMonth = "end_of_month"
    case isDate = "is_date"
    case label, duplicates

    var arity: ClosedRange<Int> {
        switch self {
        case .exists, .count, .first, .last, .endOfMonth, .isDate, .label, .duplicates: 1...1
        case .contains, .daysBetween: 2...2
        case .latest, .earliest: 1...Int.max
        }
    }
}
