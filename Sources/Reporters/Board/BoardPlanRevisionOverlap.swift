import RuleEngine

/// Two shipped rules reach the plan's revision before a 1 April: one judges the year under way
/// (met, late, or overdue when its revision is not recorded) and warns before the next year while
/// that year has no entry in `plan_revisions`; the other gives each coming year recorded there its
/// deadline, the day before it starts. The packs keep the two warnings apart, so this is a guard
/// for a pack that does not: while a coming year's revision asks the board for action, a
/// current-year finding that is only due soon (or met and awaiting its date) does not, as it would
/// ask for the same revision again. One that is overdue or missing is a Red gap of its own (this
/// year's revision is not recorded), so it still asks.
enum BoardPlanRevisionOverlap {
    static let currentYearRule = "cda-plan-revised-before-year"
    static let comingYearRule = "cda-plan-revision-for-coming-year"

    /// The findings that ask for action, without the current year's (when due soon, or awaiting its
    /// due date) when a coming year's asks: it is due soon or overdue, or falls due between `asOf`
    /// and `horizon`. (A coming year's revision due after the horizon asks for nothing yet, so the
    /// current year's still does.)
    static func askingForAction(_ items: [BoardReportContent.Item], asOf: CivilDate,
                                horizon: CivilDate) -> [BoardReportContent.Item] {
        let comingYearAsks = items.contains { item in
            let finding = item.finding
            guard finding.rule == comingYearRule else { return false }
            if [.dueSoon, .overdue].contains(finding.status) { return true }
            return finding.isAwaitingDueDate(from: asOf, to: horizon)
        }
        guard comingYearAsks else { return items }
        return items.filter { item in
            let finding = item.finding
            return finding.rule != currentYearRule || !(finding.status == .dueSoon || finding.isAwaitingDueDate)
        }
    }
}
