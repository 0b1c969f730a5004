import ArgumentParser
import Foundation
import Reporters
import RuleEngine

/// `dutycheck check`: what is missing, overdue or due soon, as of a date.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check records against the rule packs and report what needs action.",
        discussion: "Exit status: 0 when nothing reaches --fail-on, 1 when something does, 2 for bad input."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, junit }

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: "Output format: text, json or junit.")
    var format: Format = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding reaches this level: error, warning, info or never.")
    var failOn: Threshold = .error

    @Flag(help: "Also list met and not-applicable findings.")
    var all = false

    @Flag(help: "Print nothing on stdout when nothing reaches --fail-on (for cron); -o is still written.")
    var quiet = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the output to this file (atomically) instead of stdout.", valueName: "FILE"))
    var output: String?

    @Argument(help: ArgumentHelp("Record files, or folders of records.", valueName: "RECORD"))
    var records: [String]

    func run() throws {
        let session = try CheckSession(options: ruleOptions)
        let report = try session.run(records)
        let reached = report.records.contains { $0.findings.contains(where: failOn.isReached) }
        // --quiet silences stdout only: a requested output file is still written, so it never
        // keeps an earlier run's report.
        if quiet && !reached && output == nil { throw ExitCode(ExitStatus.clean) }
        let text: String
        switch format {
        case .text:
            let colour = output == nil && TerminalColour.isWanted(
                environment: ProcessInfo.processInfo.environment, isTerminal: isatty(STDOUT_FILENO) == 1)
            text = TextReporter(includeAll: all, colour: colour).render(report)
        case .json:
            text = JSONReporter().render(report)
        case .junit:
            text = JUnitReporter(failOn: failOn.severity).render(report)
        }
        try OutputFile.write(text, to: output)
        throw ExitCode(reached ? ExitStatus.findings : ExitStatus.clean)
    }
}
