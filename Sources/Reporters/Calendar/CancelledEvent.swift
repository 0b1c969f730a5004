import RuleEngine

/// An event of the previous calendar that this run no longer has (its item became overdue, was done
/// or waived, or left the records), written again under its UID with STATUS:CANCELLED.
///
/// Leaving it out would strand the old date in diaries that imported the file, and would lose its
/// SEQUENCE: were the item to come back, it would start again at 0, and clients ignore an update
/// numbered below the copy they hold (RFC 5545 §3.8.7.4, RFC 5546 §2.1.5).
struct CancelledEvent: Sendable, Hashable {
    /// Days after its date that a cancelled event is still written; after that it is dropped, so the
    /// file does not grow for ever. A year and a day, so that an annual duty missed and then done
    /// late, whose next round brings the UID back, still finds the number it must rise above.
    static let keptForDays = 366

    static let summaryPrefix = "Cancelled: "
    static let note = "No longer applies: the item was done or waived, became overdue, or left the record. "
        + "The report and the emails carry overdue items."

    var uid: String
    /// The all-day DTSTART: where the event sorts and how old it is.
    var date: CivilDate
    var sequence: Int
    /// The lines after UID, DTSTAMP and SEQUENCE, as `DeadlineCalendar.contentLines` orders them.
    var content: [String]

    /// Nil when the event is not written again: its date is more than `keptForDays` before `asOf`,
    /// or it has no all-day DTSTART, so it is not an event this tool wrote.
    init?(uid: String, previous: PreviousCalendar.Event, asOf: CivilDate) {
        // The event's own lines: a cancelled item must not remind anyone, even in a client that
        // shows cancelled events, so its alarms go (and with them any line that is not the event's).
        let own = Self.withoutAlarms(previous.content)
        guard let start = own.first(where: { PreviousCalendar.name(of: $0) == "DTSTART" }),
              let date = Self.date(PreviousCalendar.value(of: start)),
              date.days(until: asOf) <= Self.keptForDays else { return nil }
        self.uid = uid
        self.date = date
        let status = own.last { PreviousCalendar.name(of: $0) == "STATUS" }
        if status.map({ PreviousCalendar.value(of: $0).uppercased() }) == "CANCELLED" {
            // Already cancelled last time: nothing changes, so neither does SEQUENCE.
            sequence = previous.sequence
            content = own
        } else {
            sequence = PreviousCalendar.raised(previous.sequence)
            content = Self.cancelling(own, hasStatus: status != nil)
        }
    }

    /// The events of `previous` whose UIDs are not in `live`, in date order and then UID order.
    static func carried(from previous: PreviousCalendar?, besides live: Set<String>, asOf: CivilDate) -> [CancelledEvent] {
        guard let previous else { return [] }
        return previous.events.compactMap { uid, event in
            live.contains(uid) ? nil : CancelledEvent(uid: uid, previous: event, asOf: asOf)
        }.sorted { ($0.date, $0.uid) < ($1.date, $1.uid) }
    }

    /// An event's own lines (no alarms) with STATUS set to CANCELLED and the note added to SUMMARY
    /// and DESCRIPTION.
    static func cancelling(_ lines: [String], hasStatus: Bool) -> [String] {
        var lines = lines.map { line in
            switch PreviousCalendar.name(of: line) {
            case "STATUS": "STATUS:CANCELLED"
            case "SUMMARY": prefixing(line, with: ICalendarText.escape(summaryPrefix))
            case "DESCRIPTION": prefixing(line, with: ICalendarText.escape(note) + "\\n")
            default: line
            }
        }
        if !hasStatus { lines.append("STATUS:CANCELLED") }
        return lines
    }

    /// `lines` without the components nested in the event (its alarms).
    static func withoutAlarms(_ lines: [String]) -> [String] {
        var depth = 0
        return lines.filter { line in
            let name = PreviousCalendar.name(of: line)
            if name == "BEGIN" { depth += 1 }
            defer { if name == "END" { depth -= 1 } }
            return depth == 0
        }
    }

    /// `line` with `text` (already escaped) put at the start of its value, parameters kept.
    static func prefixing(_ line: String, with text: String) -> String {
        guard let start = PreviousCalendar.valueStart(of: line) else { return line }
        return line[..<start] + text + line[start...]
    }

    /// A DATE value, `20240430`.
    static func date(_ text: String) -> CivilDate? {
        let digits = Array(text.utf8)
        guard digits.count == 8, digits.allSatisfy({ (0x30...0x39).contains($0) }),
              let number = Int(text) else { return nil }
        return CivilDate(year: number / 10_000, month: number / 100 % 100, day: number % 100)
    }
}
