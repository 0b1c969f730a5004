/// A pack's lets numbered once, when the pack loads, so that a name in one of the pack's
/// expressions finds its let by position instead of hashing its text on every read (names are
/// resolved on almost every step of an evaluation, and most are record keys, not lets).
final class LetSlots: Sendable {
    /// Tells one pack's numbering from another's: a name marked by another pack's slots (or by
    /// none) is looked up by its text. Drawn at random (never 0, which means unmarked) rather than
    /// counted, which would need an atomic the oldest supported macOS lacks; two packs drawing the
    /// same id is a one-in-2^64 chance.
    let id: UInt64
    let definitions: [String: Expression]
    /// The lets' expressions, in the order of their names.
    let expressions: [Expression]
    private let positions: [String: Int]

    init(_ definitions: [String: Expression]) {
        id = UInt64.random(in: 1 ... .max)
        self.definitions = definitions
        let names = definitions.keys.sorted()
        expressions = names.map { definitions[$0]! }
        var positions: [String: Int] = [:]
        for (position, name) in names.enumerated() { positions[name] = position }
        self.positions = positions
    }

    var count: Int { expressions.count }

    func position(of name: String) -> Int? {
        positions[name]
    }

    /// Marks every bare name in `expression` with its let's position here, or as no let here.
    /// Done once per expression, while the pack loads and before it is shared.
    func mark(_ expression: Expression) {
        mark(expression.root)
    }

    private func mark(_ node: Node) {
        if let key = node.kind.headName { key.markLet(slots: id, position: position(of: key.name)) }
        node.kind.subtrees(filters: true).forEach(mark)
    }
}
