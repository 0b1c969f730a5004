/// How many steps the evaluation of one record may take: each expression node evaluated, each
/// list item a projection or filter visits or a keyed filter looks through, each item `in`, `==`,
/// `contains`, `duplicates`, `latest`, `earliest` and `label` go through, and printing (see
/// `Value.shownText`).
///
/// Depth and size are bounded when a pack loads and as values are made (`ValueLimits`), but time
/// was not: filters nested in filters (`[1, 2][? count([1, 2][? ...]) > 0]`) double the work at each
/// level, and a rule that filters a list once for each of its items is quadratic in it. A record
/// of thousands of plans, or a pack nesting twenty filters, took minutes or hours. Past the budget,
/// every expression still to be evaluated on the record is an error at once, the check of the record
/// stops at the rule being checked (`StoppedCheck`), and the record is refused as bad input: findings
/// half made would claim gaps that were never checked, and retire waivers and reminders for them.
///
/// The budget is some 3,300 times what the shipped packs spend on the Bromley example (about 1,500
/// steps; lets are evaluated once) and 140 times a large partnership's record (30 partners, 10 plans
/// of 30 approvals, 50 reviews, 20 orders: about 35,000): far beyond any realistic record, and
/// seconds of work at most.
final class EvaluationBudget {
    static let steps = 5_000_000

    /// Most text, in UTF-8 bytes, the messages and remedies of one record's findings may hold. Each
    /// is at most 1 MiB (`ValueLimits`), but a rule with thousands of items could repeat a long
    /// title in each: a 229 KB record made 244 MB of output. The Bromley example's hold about 18 KB.
    /// Subjects, labels, owners and waiver reasons count too (`RuleEvaluator.finding`, `Waivers`).
    static let textBytes = 16 << 20

    /// (No run-time exclusivity check: a record is evaluated on one thread, see `RecordNode`.)
    @exclusivity(unchecked) private(set) var remaining: Int
    @exclusivity(unchecked) private(set) var remainingText: Int

    init(steps: Int = EvaluationBudget.steps, textBytes: Int = EvaluationBudget.textBytes) {
        remaining = steps
        remainingText = textBytes
    }

    /// Whether the steps have run out.
    var isExhausted: Bool { remaining < 0 }

    /// Whether the record's findings already hold all the text they may.
    var textIsSpent: Bool { remainingText <= 0 }

    /// Counts text a record's findings will hold: a message, remedy, subject, label and owners, or a
    /// waiver's opening.
    func spendText(_ bytes: Int) {
        remainingText -= bytes
    }

    /// Said in place of a rule's own message once the record's text is spent.
    static let textSpentNote = "(The rule's own message was not written: this record's findings already hold "
        + "\(textBytes >> 20) MiB of text, the most a record's may.)"

    /// Spends `count` steps; an error once none are left.
    @inline(__always)
    func spend(_ count: Int = 1) throws(EvaluationError) {
        remaining -= count
        if remaining < 0 { throw Self.exhausted }
    }

    static let exhausted = EvaluationError("the check of this record took more than its budget of evaluation steps")
}
