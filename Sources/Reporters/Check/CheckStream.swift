import RuleEngine

/// A check report written a record at a time, so that `dutycheck check` over thousands of records
/// holds one batch of results, not all of them. `report` carries the run's header (tool, date,
/// packs); its `records` are not read.
///
/// `render(_:)` is the same three steps over a whole report, so both paths give the same bytes.
public protocol CheckStream {
    /// What comes before the first record.
    mutating func opening(_ report: Report) -> String
    /// The record at `position` (0 for the first), with what separates it from the one before.
    mutating func record(_ record: RecordResult, position: Int, of report: Report) -> String
    /// What comes after the last of `count` records.
    mutating func closing(_ report: Report, count: Int) -> String
}

extension CheckStream {
    /// The whole document for `report`.
    public func render(_ report: Report) -> String {
        var stream = self
        var text = stream.opening(report)
        for (position, record) in report.records.enumerated() {
            text += stream.record(record, position: position, of: report)
        }
        text += stream.closing(report, count: report.records.count)
        return text
    }
}
