import ArgumentParser
import Foundation
import Reporters
import RuleEngine
import YAMLTree

/// `dutycheck calendar`: an iCalendar file of upcoming due dates.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Write an iCalendar (.ics) file of every upcoming due date.",
        discussion: """
            One all-day event for each finding with a due date on or after the as-of date that is due soon, \
            waived or met and still to do: a one-off deadline already done has none, and a recurring duty's next \
            round says when it was last done; overdue, missing and late items are left to the report and emails. \
            Each event has an alarm at the rule's warning window (30 days when the rule sets none).

            UIDs are hashes of the partnership, the rule and the subject, so they stay the same from run to run; \
            two records naming one partnership (or one record given twice) are bad input. A record with no \
            partnership name is named after the path it is given by. A due date of 9999-12-31 is left out with \
            a warning (not printed when the run is refused): its event would end on 10000-01-01, which iCalendar cannot write. \
            DTSTAMP is midnight UTC at the start of the as-of date, so the file depends only on the inputs. \
            SEQUENCE: give the calendar published last time with --previous; an event whose content changed \
            gets its SEQUENCE plus one, an unchanged one keeps it, a new one starts at 0. Without --previous \
            every event is 0 and calendar clients order updates by DTSTAMP. --previous and -o may name the same \
            file, which must be one whole calendar (END:VCALENDAR last, well-formed lines): one cut short or \
            not a calendar is bad input, since reading part of it would start later events again at 0. So is \
            a calendar another program wrote or one without the one VERSION:2.0 (no parameters) and the \
            NAME dutycheck writes, or an event not as dutycheck writes it (another property, a date that is \
            not all-day, no DTSTART, a UID that is empty, is not a lower-case version-8 UUID as dutycheck \
            writes them or is another event's too, or SEQUENCE 2147483647, which could not be raised). The calendar of a partnership this run does not \
            check is read with a warning: its events are published as cancelled, as they should be just after \
            a partnership is renamed.

            With --previous, an event of that calendar that is no longer due (done, waived, overdue or gone \
            from the records) is written again under its UID with STATUS:CANCELLED and its SEQUENCE plus one \
            (kept as it was if it was already cancelled), so that diaries drop it and an item that comes back \
            is numbered above it. A cancelled event is left out once its date is more than 366 days before the \
            as-of date.

            Exit status: 0 when the calendar was written, 2 for bad input or a failure to read or write.
            """
    )

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: ArgumentHelp("The calendar written last time, to keep SEQUENCE numbers increasing and cancel events that have gone.", valueName: "FILE"))
    var previous: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the calendar to this file (atomically) instead of stdout.", valueName: "FILE"))
    var output: String?

    @Argument(help: ArgumentHelp("Record files, or folders of records.", valueName: "RECORD"))
    var records: [String]

    func run() throws {
        // `--previous` may be the output itself: the calendar is meant to be updated in place.
        try OutputClash.refuse(output: output, records: records, ruleDirectories: ruleOptions.ruleDirectories)
        let session = try CheckSession(options: ruleOptions)
        let asOf = session.asOf
        // Each record's events and name are kept, not the record: memory grows with the events, which
        // must all be known before they are written in date order.
        var events: [DeadlineEvent] = []
        var partnerships = CalendarPartnerships()
        var malformed: [Diagnostic] = []
        // Held until every check that can refuse the run has passed: a refused run prints only its
        // errors, not warnings about a calendar it will not write.
        var lastDay: [WarningLog.Entry] = []
        try session.run(records, prepare: { record in
            (events: DeadlineCalendar.events(for: record, asOf: asOf),
             lastDay: DeadlineCalendar.leftOutOnTheLastDay(of: record, asOf: asOf).map { LastDayWarning.entry(for: $0, record: record.file) },
             malformed: ReportedFields.problems(in: record.record, file: record.file))
        }) { record, prepared in
            malformed += prepared.malformed
            lastDay += prepared.lastDay
            if let clash = partnerships.admit(record) { malformed.append(clash) }
            events += prepared.events
        }
        guard malformed.isEmpty else { throw InputFailure(malformed) }
        let read = try previous.map { path throws(InputFailure) in try Self.readPrevious(path, partnerships: partnerships.names) }
        let earlier = read?.calendar
        // Written out an event at a time and delivered whole, so the calendar is never held in memory.
        let staged = StagedOutput(path: output)
        try DeadlineCalendar.render(events: events, partnerships: partnerships.names, tool: (ToolInfo.name, ToolInfo.version),
                                    options: CalendarOptions(stamp: CalendarTimestamp.startOfDay(asOf), previous: earlier)) {
            try staged.append($0)
        }
        try staged.commit(prologue: "")
        // Only now: a calendar that could not be written leaves nothing out and cancels nothing.
        WarningLog.shared.add(lastDay + (read?.warning.map { [$0] } ?? []))
    }

    /// The calendar at `path`, which must be one this tool wrote, with a warning to give once the new
    /// calendar is written if its NAME gives one partnership it was for, not one of `partnerships` (the
    /// partnerships checked now).
    static func readPrevious(_ path: String, partnerships: Set<String>) throws(InputFailure)
        -> (calendar: PreviousCalendar, warning: WarningLog.Entry?) {
        let bytes = try InputFiles.read(path, limit: InputFiles.previousCalendarLimit)
        func failure(at location: SourceLocation, _ message: String) -> InputFailure {
            // Kept so that the error shows the line it points at.
            SourceCache.shared.store(bytes, for: path)
            return InputFailure([Diagnostic(file: path, location: location, message: message)])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let location = SourceText(bytes: bytes).location(ofByteOffset: UTF8Validation.firstInvalidOffset(bytes) ?? 0)
            throw failure(at: location, "invalid UTF-8, so it is not a calendar this tool wrote")
        }
        let calendar: PreviousCalendar
        do {
            calendar = try PreviousCalendar(parsing: text)
        } catch {
            throw failure(at: error.location, "cannot be read as the previous calendar: \(error.message)")
        }
        // Another program's calendar (a diary exported from a calendar client, say) holds events this
        // tool never wrote: carried over, they would come back as cancelled duties, or be dropped.
        guard let producer = calendar.producer, producer.hasPrefix(DeadlineCalendar.producerPrefix) else {
            let shown = calendar.producer.map { "its PRODID is \($0)" } ?? "it has no PRODID"
            throw failure(at: SourceLocation(line: calendar.producerLine ?? 1, column: 1),
                          "was not written by dutycheck (\(shown)): --previous takes the calendar an earlier `dutycheck calendar` wrote")
        }
        do { try calendar.checkWrittenHeader() } catch {
            throw failure(at: error.location, "cannot be read as the previous calendar: \(error.message)")
        }
        // Another partnership's calendar holds events whose UIDs this run never writes: they all come
        // back as cancelled. That is right just after a partnership is renamed (its events' UIDs come
        // from its name), so it is said, not refused.
        if let name = calendar.name, let owner = DeadlineCalendar.otherPartnership(inCalendarName: name, besides: partnerships) {
            let shown = Suggestion.escapingControls(owner)
            // A record with no partnership name gives its calendar the record's path as given.
            let lowered = owner.lowercased()
            let message = lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml")
                ? "is the calendar of the record \(shown), which had no partnership name, and no record of this run is given by "
                    + "that path: its events are published here as cancelled; give the record by the same path, or record "
                    + "partnership.name"
                : "is the calendar of \(shown), a partnership this run does not check: its events are published here as "
                    + "cancelled, which is right only just after the partnership was renamed; otherwise give --previous the "
                    + "calendar written last time for these records"
            let warning = Diagnostic(file: path, location: SourceLocation(line: calendar.nameLine ?? 1, column: 1),
                                     message: message, severity: .warning)
            return (calendar, WarningLog.Entry(diagnostic: warning, text: warning.rendered(in: SourceText(bytes: bytes))))
        }
        return (calendar, nil)
    }
}
