import ArgumentParser
import Foundation
import Reporters
import RuleEngine

/// `dutycheck check`: what is missing, overdue or due soon, as of a date.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check records against the rule packs and report what needs action.",
        discussion: """
            Exit status: 0 when nothing reaches --fail-on, 1 when something does, 2 for bad input. With the \
            shipped packs, a record that does not match the record schema (a misspelt key, a value of the wrong shape) is \
            still checked, and each problem is a warning on stderr (dutycheck validate refuses it).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, junit }

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: "Output format: text, json or junit.")
    var format: Format = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding reaches this level: error, warning, info or never.")
    var failOn: Threshold = .error

    @Flag(help: "Also list met and not-applicable findings, and unused waivers.")
    var all = false

    @Flag(help: "Print nothing on stdout when nothing reaches --fail-on (for cron); -o is still written.")
    var quiet = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the output to this file (atomically) instead of stdout.", valueName: "FILE"))
    var output: String?

    @Argument(help: ArgumentHelp("Record files, or folders of records.", valueName: "RECORD"))
    var records: [String]

    func run() throws {
        try OutputClash.refuse(output: output, records: records, ruleDirectories: ruleOptions.ruleDirectories)
        let session = try CheckSession(options: ruleOptions)
        var stream: any CheckStream & Sendable
        switch format {
        case .text:
            let colour = output == nil && TerminalColour.isWanted(
                environment: ProcessInfo.processInfo.environment, isTerminal: isatty(STDOUT_FILENO) == 1)
            stream = TextReporter(includeAll: all, colour: colour)
        case .json:
            stream = JSONReporter()
        case .junit:
            stream = JUnitReporter(failOn: failOn.severity)
        }
        // Each record is rendered beside its check, on every core, and written out in order as
        // soon as its batch is done, so memory stays flat however many records there are; the
        // output is delivered only once every record has been checked.
        let header = session.header
        let staged = StagedOutput(path: output)
        try staged.append(stream.opening(header))
        let renderer = stream
        var count = 0
        var reached = false
        try session.run(records, prepare: { renderer.body($0, of: header) }) {
            (record: RecordResult, body: String) throws(InputFailure) in
            reached = reached || record.findings.contains(where: failOn.isReached)
            try staged.append(stream.place(body, of: record, position: count))
            count += 1
        }
        try staged.append(stream.closing(header, count: count))
        // --quiet silences stdout only: a requested output file is still written, so it never
        // keeps an earlier run's report.
        if quiet && !reached && output == nil {
            staged.discard()
            throw ExitCode(ExitStatus.clean)
        }
        try staged.commit(prologue: stream.prologue(header, count: count))
        throw ExitCode(reached ? ExitStatus.findings : ExitStatus.clean)
    }
}
