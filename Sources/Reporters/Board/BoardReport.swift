import RuleEngine

/// The pre-meeting compliance report for a partnership board (DESIGN.md §7), as HTML or Markdown.
///
/// Sections, in order: heading block, summary with the rating key, decisions for the board,
/// overdue items and gaps (and deadlines missed and met since the last meeting), items due before
/// the next meeting, partner approvals, waivers, changes since the last report, and an appendix of
/// every duty and record check.
///
/// Pure: the same report, record and options always give the same bytes.
public enum BoardReport {
    public enum Format: String, Sendable, CaseIterable {
        case html, markdown
    }

    /// The report for one record of `report` (normally its only record).
    public static func render(_ report: Report, record: RecordResult, options: BoardReportOptions,
                              format: Format) -> String {
        let content = BoardReportContent(report: report, record: record, options: options)
        switch format {
        case .html: return HTMLBoardRenderer.render(content)
        case .markdown: return MarkdownBoardRenderer.render(content)
        }
    }

    public static func html(_ report: Report, record: RecordResult, options: BoardReportOptions) -> String {
        render(report, record: record, options: options, format: .html)
    }

    public static func markdown(_ report: Report, record: RecordResult, options: BoardReportOptions) -> String {
        render(report, record: record, options: options, format: .markdown)
    }
}
