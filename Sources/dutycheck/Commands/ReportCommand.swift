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
            the board (duties the board owns, and Red gaps partners own), overdue items and gaps, what falls due before the next board \
            meeting in the record's meetings (or within 90 days when none is recorded), partner approvals, \
            waivers, changes since the last report (from --since), and an appendix of every duty and record check. \
            The meeting may not be before the as-of date, nor the --since check after it.

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
        let meetingDate: CivilDate
        do { meetingDate = try CivilDate.reading(meeting) } catch { throw InputFailure(file: "--meeting", "\(error)") }
        try OutputClash.refuse(output: output, records: [record], ruleDirectories: ruleOptions.ruleDirectories, others: [since])
        let generated = try Self.generationStamp(ProcessInfo.processInfo.environment)
        let session = try CheckSession(options: ruleOptions)
        // The report looks ahead from its as-of date to the meeting after this one: a meeting
        // already past would turn that window inside out.
        guard meetingDate >= session.asOf else {
            throw InputFailure(file: "--meeting", "\(meetingDate.iso) is before the as-of date \(session.asOf.iso): "
                + "a report is prepared for a meeting on or after the date it is as of")
        }
        let report = try session.run([record])
        guard report.records.count == 1, let result = report.records.first else {
            throw InputFailure(file: record, "holds \(report.records.count) records; a board report covers one partnership, so name its record file")
        }
        let malformed = ReportedFields.problems(in: result.record, file: result.file)
        guard malformed.isEmpty else { throw InputFailure(malformed) }
        let changes = try since.map { path throws(InputFailure) in
            try PreviousCheckOutput.changes(from: path, for: result, asOf: session.asOf)
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
