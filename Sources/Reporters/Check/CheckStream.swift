import RuleEngine

/// A check report written a record at a time, so that `dutycheck check` over thousands of records
/// holds one batch of results, not all of them. `report` carries the run's header (tool, date,
/// packs); its `records` are not read.
///
/// A record's `body` depends on that record alone, so bodies can be rendered in parallel; `place`
/// then puts them in order. `render(_:)` is the same steps over a whole report, so both paths give
/// the same bytes.
public protocol CheckStream {
    /// What comes before the first record.
    mutating func opening(_ report: Report) -> String
    /// The record's own text.
    func body(_ record: RecordResult, of report: Report) -> String
    /// What to write for the body of the record at `position` (0 for the first): the body with
    /// what separates it from the one before.
    mutating func place(_ body: String, of record: RecordResult, position: Int) -> String
    /// What comes after the last of `count` records.
    mutating func closing(_ report: Report, count: Int) -> String
    /// What goes before everything else but can be written only once every record has been placed
    /// (JUnit's totals, on its root element). Empty by default.
    func prologue(_ report: Report, count: Int) -> String
}

extension CheckStream {
    public func prologue(_ report: Report, count: Int) -> String { "" }
}

extension CheckStream {
    /// The whole document for `report`.
    public func render(_ report: Report) -> String {
        var stream = self
        var text = stream.opening(report)
        for (position, record) in report.records.enumerated() {
            text += stream.place(stream.body(record, of: report), of: record, position: position)
        }
        text += stream.closing(report, count: report.records.count)
        return stream.prologue(report, count: report.records.count) + text
    }
}
