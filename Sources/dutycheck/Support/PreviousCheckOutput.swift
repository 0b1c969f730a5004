import Foundation
import RuleEngine
import Reporters

/// Reads an earlier `dutycheck check --format json` output back as the findings a previous report
/// showed, for the "changes since the last report" section.
enum PreviousCheckOutput {
    static func changes(from path: String, for record: RecordResult) throws(InputFailure) -> ChangesSinceLastReport {
        let bytes = try InputFiles.read(path, limit: InputFiles.previousCheckOutputLimit)
        func bad(_ why: String) -> InputFailure {
            InputFailure(file: path, "is not the JSON output of `dutycheck check --format json`: \(why)")
        }
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw bad("it does not parse as JSON")
        }
        guard let document = json as? [String: Any], let records = document["records"] as? [[String: Any]] else {
            throw bad("it has no \"records\" list")
        }
        let previousAsOf = (document["asOf"] as? String).flatMap(CivilDate.init(iso:))
        let matching = records.filter { ($0["name"] as? String) == record.name && record.name != nil }
        let chosen: [String: Any]
        if matching.count == 1 {
            chosen = matching[0]
        } else if matching.isEmpty && records.count == 1 {
            chosen = records[0]
        } else {
            throw InputFailure(file: path, matching.isEmpty
                ? "none of its \(records.count) records is for \(record.name ?? "this partnership")"
                : "it holds \(matching.count) records for \(record.name ?? "this partnership"); keep one")
        }
        guard let findings = chosen["findings"] as? [[String: Any]] else { throw bad("a record has no \"findings\" list") }
        var snapshots: [FindingSnapshot] = []
        for (index, finding) in findings.enumerated() {
            guard let rule = finding["rule"] as? String, let statusText = finding["status"] as? String else {
                throw bad("finding \(index + 1) has no rule or status")
            }
            guard let status = Status(rawValue: statusText) else {
                throw bad("finding \(index + 1) has the unknown status \"\(statusText)\"")
            }
            let due: CivilDate?
            switch finding["due"] {
            case nil, is NSNull: due = nil
            case let text as String:
                guard let date = CivilDate(iso: text) else { throw bad("finding \(index + 1) has the due date \"\(text)\"") }
                due = date
            default: throw bad("finding \(index + 1) has a due date that is not a string")
            }
            snapshots.append(FindingSnapshot(rule: rule, subject: finding["subject"] as? String,
                                             title: finding["title"] as? String ?? rule, status: status, due: due,
                                             confidence: (finding["confidence"] as? String).flatMap(Confidence.init(rawValue:)),
                                             label: finding["label"] as? String))
        }
        return ChangesSinceLastReport(previousAsOf: previousAsOf, previous: snapshots, current: record.findings)
    }
}
