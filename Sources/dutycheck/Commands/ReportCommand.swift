import ArgumentParser
import Foundation
import Reporters
import RuleEngine

/// `dutycheck report`: the pre-meeting compliance report for one partnership's board.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the compliance report for a board meeting, as HTML or Markdown.",
        discussion: """
            The report covers one record: its heading block (partnership, meeting, as-of date, who prepared it, \
            tool and rule-pack versions with their hashes), a Red/Amber/Green summary with its key, decisions for \
            the board (duties the board owns), overdue items and gaps, what falls due before the next board \
            meeting in the record's meetings (or within 90 days when none is recorded), partner approvals, \
            waivers, changes since the last report (from --since), and an appendix of every duty checked.

            HTML is one self-contained file with A4 print styles; print it to PDF from a browser. Set \
            SOURCE_DATE_EPOCH (whole seconds since 1970, from 0 to 253402300799) to print a generation time; \
            without it the output depends only on the inputs.

            Exit status: 0 when the report was written, 2 for bad input or a failure to read or write.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, markdown }

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: ArgumentHelp("The date of the meeting the report is for (YYYY-MM-DD).", valueName: "DATE"))
    var meeting: String

    @Option(help: "Output format: html or markdown.")
    var format: Format = .html

    @Option(help: ArgumentHelp("The previous report's data: the output of `dutycheck check --format json` then, to list what has changed since.", valueName: "FILE"))
    var since: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (atomically) instead of stdout.", valueName: "FILE"))
    var output: String?

    @Argument(help: ArgumentHelp("The partnership's record file.", valueName: "RECORD"))
    var record: String

    func run() throws {
        guard let meetingDate = CivilDate(iso: meeting) else {
            throw InputFailure(file: "--meeting", "\"\(meeting)\" is not a date: write it as YYYY-MM-DD")
        }
        let generated = try Self.generationStamp(ProcessInfo.processInfo.environment)
        let session = try CheckSession(options: ruleOptions)
        let report = try session.run([record])
        guard report.records.count == 1, let result = report.records.first else {
            throw InputFailure(file: record, "holds \(report.records.count) records; a board report covers one partnership, so name its record file")
        }
        let changes = try since.map { path throws(InputFailure) in
            try PreviousCheckOutput.changes(from: path, for: result)
        }
        let options = BoardReportOptions(meeting: meetingDate, changes: changes,
                                         generated: generated)
        let text = BoardReport.render(report, record: result, options: options,
                                      format: format == .html ? .html : .markdown)
        try OutputFile.write(text, to: output)
    }

    /// `SOURCE_DATE_EPOCH` as an RFC 3339 UTC time, or nil when it is not set.
    static func generationStamp(_ environment: [String: String]) throws(InputFailure) -> String? {
        guard let epoch = try SourceDateEpoch.seconds(in: environment) else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }
}

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
