import ArgumentParser

/// `dutycheck report`: the pre-meeting compliance report (issue 5).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Not written yet.")
}
