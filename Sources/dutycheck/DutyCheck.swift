import ArgumentParser

/// The `dutycheck` command: checks Community Safety Partnership records against statutory duties.
@main
struct DutyCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dutycheck",
        abstract: "Check a Community Safety Partnership's records against its statutory duties.",
        version: ToolInfo.version,
        subcommands: [Check.self, Validate.self, Rules.self, Notify.self, ReportCommand.self, CalendarCommand.self],
        defaultSubcommand: Check.self
    )

    /// Replaces ArgumentParser's entry point so that every failure exits 2 (DESIGN.md §6).
    static func main() {
        ExitStatus.runAndExit()
    }
}
