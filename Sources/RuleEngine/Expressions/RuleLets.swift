/// A rule's own `let`s: named expressions the rule's other expressions share, worked out once per
/// finding in that finding's scope, so that (unlike a pack's lets) they can read the `for_each`
/// variable. A list a rule filters in its check and again in its message is written once.
public final class RuleLets: Sendable {
    /// The names, sorted, and each one's expression at the same position.
    public let names: [String]
    public let expressions: [Expression]

    init(_ definitions: [String: Expression]) {
        names = definitions.keys.sorted()
        expressions = names.map { definitions[$0]! }
    }

    /// A rule has a handful of lets at most: a scan beats hashing the name.
    func position(of name: String) -> Int? {
        names.firstIndex(of: name)
    }
}

/// A rule's lets for one finding: each is evaluated at most once, on first use, and its evidence
/// is replayed into every scope that reads it (as a pack's `LetTable` does).
final class RuleLetTable {
    let lets: RuleLets
    /// (No run-time exclusivity check: the table belongs to one finding's evaluation.)
    @exclusivity(unchecked) private var cache: [LetValue?]

    init(_ lets: RuleLets) {
        self.lets = lets
        cache = Array(repeating: nil, count: lets.names.count)
    }

    /// The let `name` (nil when the rule has none of that name), logging its evidence into
    /// `scope.evidence`. Cycles are rejected when the pack loads, so recursion here terminates.
    func cursor(for name: String, in scope: EvaluationScope) throws(EvaluationError) -> Cursor? {
        guard let position = lets.position(of: name) else { return nil }
        let value = cache[position] ?? {
            // The same value whether a check or a message reads it first: a message's outcome
            // names (`status`, `due`, ...) are not in scope for a let.
            var inner = scope
            inner.outcome = nil
            let made = LetValue(lets.expressions[position], in: inner)
            cache[position] = made
            return made
        }()
        return try value.read(into: scope)
    }
}
