import RuleEngine

/// Options for the calendar export: everything the command learns from flags, files or the clock.
public struct CalendarOptions: Sendable {
    /// DTSTAMP for every event, in UTC. The command derives it from the as-of date, and cancelled
    /// events are aged against its date.
    public var stamp: CalendarTimestamp
    /// The calendar published last time, if any: events whose content changed get its SEQUENCE
    /// plus one, unchanged events keep it, new events start at 0, and its events that are gone are
    /// written as cancelled (`CancelledEvent`). Without it every event is 0 and none is cancelled.
    public var previous: PreviousCalendar?

    public init(stamp: CalendarTimestamp, previous: PreviousCalendar? = nil) {
        self.stamp = stamp
        self.previous = previous
    }
}

/// One upcoming due date as a calendar event.
public struct DeadlineEvent: Sendable, Hashable {
    public var uid: String
    public var partnership: String
    public var rule: String
    public var subject: String?
    public var due: CivilDate
    public var summary: String
    /// What the description says, kept in parts and written out only when the event is.
    var detail: EventDetail
    /// Days before the due date the alarm fires: the rule's warning window.
    public var alarmDays: Int
    public var categories: [String]

    /// What to do and why, in plain lines.
    public var description: String { detail.text }
}

/// An event's description in parts. The duty and the law are the rule's own strings, shared by every
/// event of the rule, so a calendar of many records holds each rule's text once, not once per event.
struct EventDetail: Sendable, Hashable {
    var due: CivilDate
    var done: CivilDate?
    var remedy: String?
    var duty: String
    /// Display names of the owners.
    var owners: [String]
    var basis: [Citation]
    var rule: String
    var pack: String

    /// The description's lines. Nothing here depends on the as-of date, so an unchanged duty gives an
    /// unchanged event.
    var text: String {
        var lines = ["Due: \(due.longForm)"]
        if let done { lines.append("Last done: \(done.longForm)") }
        lines.append("What to do: \(remedy ?? "See the duty.")")
        lines.append("Duty: \(duty)")
        lines.append("Who: \(owners.isEmpty ? "Not assigned" : owners.joined(separator: ", "))")
        for citation in basis {
            lines.append("Law: \(citation.title) \(citation.url)")
        }
        lines.append("Rule: \(rule) (\(pack))")
        return lines.joined(separator: "\n")
    }
}

/// Every upcoming due date as an RFC 5545 calendar (DESIGN.md §7).
///
/// An event is written for each finding that has a due date on or after the as-of date and is due
/// soon, waived or met. Overdue, missing, late and not-applicable findings are left out: their due
/// date has passed or they have none, and the report and the emails carry them. So is a one-off
/// deadline already done (`isDoneForDueDate`): nothing is left to do by its date. A recurring duty
/// whose last round is done is kept, since its due date is the next round's; the description then
/// says when it was last done.
///
/// UIDs hash the partnership, the rule and the subject, so they stay the same from run to run and
/// a moved due date updates the same event. SEQUENCE comes from `CalendarOptions.previous`, whose
/// events that are no longer here are written again as cancelled, in date order among the others.
public enum DeadlineCalendar {
    /// How this tool's PRODID begins (the tool's name and version follow), by which a previous
    /// calendar is known to be one it wrote.
    public static let producerPrefix = "-//DutyCheck//"

    /// The warning window used when a rule sets none.
    public static let defaultWarning = CalendarDuration(days: 30)

    /// The events `render` writes, in order: due date, partnership, rule, subject.
    public static func events(in report: Report) -> [DeadlineEvent] {
        ordered(report.records.flatMap { events(for: $0, asOf: report.asOf) })
    }

    /// The name a calendar gives a record's partnership.
    public static func partnershipName(_ record: RecordResult) -> String {
        record.name ?? RecordLookup.partnershipName(record.record) ?? record.file
    }

    /// One record's events, in finding order: what a calendar over many records keeps of each,
    /// so that it holds events rather than records.
    public static func events(for record: RecordResult, asOf: CivilDate) -> [DeadlineEvent] {
        let partners = RecordLookup.ownerNames(record.record)
        let partnership = partnershipName(record)
        var events: [DeadlineEvent] = []
        for finding in record.findings {
            // The last representable day has no following day for DTEND, so it cannot be an event
            // (`leftOutOnTheLastDay` names those findings for a warning).
            guard isUpcoming(finding, asOf: asOf), let due = finding.due, due < CivilDate.latest else { continue }
            let name = finding.shownSubject.map { "\(finding.title): \($0)" } ?? finding.title
            let warnStart = due.subtracting(finding.warn ?? defaultWarning)
            events.append(DeadlineEvent(
                uid: uid(partnership: partnership, rule: finding.rule, subject: finding.subject),
                partnership: partnership, rule: finding.rule, subject: finding.subject, due: due,
                summary: "\(partnership): \(name)",
                detail: detail(finding, due: due, partners: partners),
                alarmDays: max(0, warnStart.days(until: due)),
                categories: ["DutyCheck", finding.pack]))
        }
        return events
    }

    /// Events from any number of records in calendar order, each UID distinct.
    static func ordered(_ events: [DeadlineEvent]) -> [DeadlineEvent] {
        var events = events
        events.sort { lhs, rhs in
            (lhs.due, lhs.partnership, lhs.rule, lhs.subject ?? "") < (rhs.due, rhs.partnership, rhs.rule, rhs.subject ?? "")
        }
        // Two findings with the same partnership, rule and subject would share a UID; keep each
        // event distinct (and still stable) by hashing in its position among its namesakes.
        var seen: [String: Int] = [:]
        for index in events.indices {
            let count = seen[events[index].uid, default: 0]
            seen[events[index].uid] = count + 1
            if count > 0 {
                events[index].uid = uid(partnership: events[index].partnership, rule: events[index].rule,
                                        subject: (events[index].subject ?? "") + "\u{0}\(count)")
            }
        }
        return events
    }

    /// A name-based UUID (version 8, RFC 9562) from SHA-256 of the partnership, rule and subject.
    public static func uid(partnership: String, rule: String, subject: String?) -> String {
        let key = ["dutycheck-deadline", partnership, rule, subject ?? ""].joined(separator: "\u{1F}")
        var hex = Array(SHA256.hex(of: Array(key.utf8)).prefix(32))
        hex[12] = "8"   // version 8: custom
        let variant = Int(String(hex[16]), radix: 16)! & 0x3 | 0x8
        hex[16] = Character(String(variant, radix: 16))
        let text = String(hex)
        func part(_ from: Int, _ to: Int) -> Substring {
            text[text.index(text.startIndex, offsetBy: from)..<text.index(text.startIndex, offsetBy: to)]
        }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }

    /// The calendar file: CRLF line ends, folded at 75 octets.
    public static func render(_ report: Report, options: CalendarOptions) -> String {
        render(events: report.records.flatMap { events(for: $0, asOf: report.asOf) },
               partnerships: Set(report.records.map(partnershipName)),
               tool: (report.toolName, report.toolVersion), options: options)
    }

    /// The calendar's NAME: the partnership's, or a general one for a calendar of several.
    public static func calendarName(partnerships names: Set<String>) -> String {
        names.count == 1 ? "\(names.first!)\(calendarNameEnding)" : generalCalendarName
    }

    /// The partnership a calendar's NAME (as written, escaped) says it is for, when that is one
    /// partnership not among `partnerships`; nil for one of theirs, the general name, or a name this
    /// tool does not write. Compared as written, since escaping loses tabs and control characters.
    public static func otherPartnership(inCalendarName written: String, besides partnerships: Set<String>) -> String? {
        let ending = ICalendarText.escape(calendarNameEnding)
        guard written != ICalendarText.escape(generalCalendarName), written.hasSuffix(ending), written.count > ending.count,
              !partnerships.contains(where: { ICalendarText.escape(calendarName(partnerships: [$0])) == written }) else { return nil }
        return ICalendarText.unescape(String(written.dropLast(ending.count)))
    }

    private static let calendarNameEnding = ": statutory due dates"
    private static let generalCalendarName = "DutyCheck: statutory due dates"

    /// The calendar of `events` (from `events(for:asOf:)`, in record order and then finding
    /// order, which numbers namesake events) for the named partnerships, written by `tool`.
    public static func render(events: [DeadlineEvent], partnerships names: Set<String>,
                              tool: (name: String, version: String), options: CalendarOptions) -> String {
        var text = ""
        render(events: events, partnerships: names, tool: tool, options: options) { text += $0 }
        return text
    }

    /// The same calendar handed to `write` a piece at a time (the header, each event, the end), so
    /// that a calendar of many records is never held whole.
    public static func render(events: [DeadlineEvent], partnerships names: Set<String>,
                              tool: (name: String, version: String), options: CalendarOptions,
                              write: (String) throws -> Void) rethrows {
        var octets: [UInt8] = []
        func emit(_ line: String) { octets += ICalendarText.fold(line) }
        func hand() throws {
            try write(String(decoding: octets, as: UTF8.self))
            octets.removeAll(keepingCapacity: true)
        }

        let calendarName = Self.calendarName(partnerships: names)
        emit("BEGIN:VCALENDAR")
        emit("VERSION:2.0")
        emit("PRODID:\(Self.producerPrefix)\(ICalendarText.escape(tool.name)) \(ICalendarText.escape(tool.version))//EN")
        emit("CALSCALE:GREGORIAN")
        emit("METHOD:PUBLISH")
        emit("NAME:\(ICalendarText.escape(calendarName))")
        emit("X-WR-CALNAME:\(ICalendarText.escape(calendarName))")
        func emitEvent(uid: String, sequence: Int, content: [String]) throws {
            try hand()
            emit("BEGIN:VEVENT")
            emit("UID:\(uid)")
            emit("DTSTAMP:\(options.stamp.text)")
            emit("SEQUENCE:\(sequence)")
            content.forEach(emit)
            emit("END:VEVENT")
        }

        let live = ordered(events)
        var cancelled = CancelledEvent.carried(from: options.previous, besides: Set(live.map(\.uid)), asOf: options.stamp.date)[...]
        for event in live {
            while let gone = cancelled.first, gone.date < event.due {
                try emitEvent(uid: gone.uid, sequence: gone.sequence, content: gone.content)
                cancelled.removeFirst()
            }
            let content = contentLines(event)
            let sequence: Int
            if let previous = options.previous?.events[event.uid] {
                // A cancelled event that comes back differs from its cancelled copy, so it rises above it.
                sequence = previous.content == content ? previous.sequence : PreviousCalendar.raised(previous.sequence)
            } else {
                sequence = 0
            }
            try emitEvent(uid: event.uid, sequence: sequence, content: content)
        }
        for gone in cancelled {
            try emitEvent(uid: gone.uid, sequence: gone.sequence, content: gone.content)
        }
        emit("END:VCALENDAR")
        try hand()
    }

    /// The lines of an event other than UID, DTSTAMP and SEQUENCE, in the order they are written:
    /// what SEQUENCE compares with the previous calendar.
    static func contentLines(_ event: DeadlineEvent) -> [String] {
        let alarmText = event.alarmDays == 0
            ? "Due today: \(event.summary)"
            : "Due in \(BoardReportContent.days(event.alarmDays)): \(event.summary)"
        return [
            "DTSTART;VALUE=DATE:\(ICalendarText.date(event.due))",
            "DTEND;VALUE=DATE:\(ICalendarText.date(event.due.adding(days: 1)))",
            "SUMMARY:\(ICalendarText.escape(event.summary))",
            "DESCRIPTION:\(ICalendarText.escape(event.description))",
            "CATEGORIES:" + event.categories.map(ICalendarText.escape).joined(separator: ","),
            "TRANSP:TRANSPARENT",
            "STATUS:CONFIRMED",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "DESCRIPTION:\(ICalendarText.escape(alarmText))",
            event.alarmDays == 0 ? "TRIGGER:PT0S" : "TRIGGER:-P\(event.alarmDays)D",
            "END:VALARM",
        ]
    }

    /// The parts of a finding's event description.
    static func detail(_ finding: Finding, due: CivilDate, partners: [String: String]) -> EventDetail {
        EventDetail(due: due, done: finding.done, remedy: finding.remedy, duty: finding.duty,
                    owners: finding.owners.map { BoardReportContent.ownerName($0, partners: partners) },
                    basis: finding.basis, rule: finding.rule, pack: finding.pack)
    }
}
