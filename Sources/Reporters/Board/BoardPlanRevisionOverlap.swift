import RuleEngine

/// Two shipped rules reach the same deadline, the plan's revision before the next 1 April: one
/// judges the year under way (and warns as its end nears, or, when that year's revision is not
/// recorded, asks for a revision "before 1 April"), the other gives each coming year recorded in
/// `plan_revisions` its deadline, the day before it starts. While a coming year's revision is still
/// to do, only that finding asks the board for action: the first would ask for the same revision
/// again, or for one whose deadline has passed. Its finding stays in section 3 and the appendix.
enum BoardPlanRevisionOverlap {
    static let currentYearRule = "cda-plan-revised-before-year"
    static let comingYearRule = "cda-plan-revision-for-coming-year"

    /// The findings that ask for action, without the current year's when a coming year's is to do.
    static func askingForAction(_ items: [BoardReportContent.Item]) -> [BoardReportContent.Item] {
        let comingYearToDo = items.contains { item in
            let finding = item.finding
            return finding.rule == comingYearRule
                && ([.dueSoon, .overdue].contains(finding.status) || finding.isAwaitingDueDate)
        }
        guard comingYearToDo else { return items }
        return items.filter { $0.finding.rule != currentYearRule }
    }
}
