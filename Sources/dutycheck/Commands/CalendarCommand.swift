import ArgumentParser

/// `dutycheck calendar`: an iCalendar file of upcoming due dates (issue 5).
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calendar", abstract: "Not written yet.")
}
