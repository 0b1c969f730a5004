import Reporters
import RuleEngine
import YAMLTree

/// The warning for a finding the calendar leaves out because it falls due on 31 December 9999, the
/// last day a date can name (`DeadlineCalendar.leftOutOnTheLastDay`): a due date missing from a
/// diary would otherwise go unnoticed. Most likely the date was meant as "never", or mistyped.
enum LastDayWarning {
    /// The warning at the finding's first evidence (the record itself, without one). It has no
    /// snippet: only a bad record's bytes are kept.
    static func entry(for finding: Finding, record file: String) -> WarningLog.Entry {
        let evidence = finding.evidence.first
        let shown = finding.shownSubject.map { "\(finding.title): \($0)" } ?? finding.title
        let warning = Diagnostic(
            file: evidence?.file ?? file, location: evidence.map { SourceLocation(line: $0.line, column: $0.column) },
            message: "\(MessageText.escaped(shown)) (\(finding.rule)) is due on \(CivilDate.latest.iso), the last day a date "
                + "can name, and is left out of the calendar: its all-day event would end on 10000-01-01, which iCalendar "
                + "cannot write",
            severity: .warning)
        return WarningLog.Entry(diagnostic: warning, text: warning.description)
    }
}
