import ArgumentParser

/// `dutycheck notify`: email-ready warnings for cron (issue 4).
struct Notify: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notify", abstract: "Not written yet.")
}
