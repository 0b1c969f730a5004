import RuleEngine

/// Two shipped rules reach the same deadline, the plan's revision before the next 1 April: one
/// judges the year under way (and warns as its end nears, or, when that year's revision is not
/// recorded, asks for a revision "before 1 April"), the other gives each coming year recorded in
/// `plan_revisions` its deadline, the day before it starts. While a coming year's revision asks
/// the board for action, a current-year finding that is only due soon (or met and awaiting its
/// date) does not: it would ask for the same revision again. One that is missing or overdue is a
/// Red gap of its own (this year's revision is not recorded), so it still asks.
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
