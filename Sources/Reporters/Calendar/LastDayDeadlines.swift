import RuleEngine

extension DeadlineCalendar {
    /// Whether the calendar is for `finding`: still open, due on or after `asOf`, and not a one-off
    /// deadline already done (an event and its alarm for work finished would only mislead).
    static func isUpcoming(_ finding: Finding, asOf: CivilDate) -> Bool {
        guard let due = finding.due else { return false }
        return asOf <= due && finding.isStillOpen && !finding.isDoneForDueDate
    }

    /// The findings of `record` the calendar is for but cannot hold: due on the last day a date can
    /// name (31 December 9999), whose all-day event would end on 10000-01-01, past any date DTEND
    /// can be. They are left out; these are for the warning that says so, rather than dropping
    /// them without a word.
    public static func leftOutOnTheLastDay(of record: RecordResult, asOf: CivilDate) -> [Finding] {
        record.findings.filter { $0.due == CivilDate.latest && isUpcoming($0, asOf: asOf) }
    }
}
