import RuleEngine
import YAMLTree

/// What an event of a calendar this tool wrote holds: the properties `DeadlineCalendar` writes, each
/// at most once, its dates all-day (`DTSTART;VALUE=DATE:20240331`) with DTEND after DTSTART, and
/// only alarms nested in it.
///
/// A previous event's lines are carried into its cancelled copy, so anything else (an attendee, a
/// rule that repeats it, a date that is not a day) would be published unchecked; and an event with
/// no day to sort it by would be dropped, and with it the cancellation diaries need.
struct WrittenEventShape {
    /// The event's own properties; LAST-MODIFIED is passed over when read, like DTSTAMP.
    static let properties: Set = ["UID", "DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "DTSTART", "DTEND", "SUMMARY",
                                  "DESCRIPTION", "CATEGORIES", "TRANSP", "STATUS"]
    /// The values of the properties this tool writes one way only, or one of two ways.
    static let fixedValues: [String: Set<String>] = ["TRANSP": ["TRANSPARENT"], "STATUS": ["CONFIRMED", "CANCELLED"]]

    private var seen: Set<String> = []
    private var start: CivilDate?
    private var end: (date: CivilDate, location: SourceLocation)?

    /// Checks one of the event's own lines (not an alarm's): `name` is its property name, `value`
    /// its value, which begins at `valueLocation`.
    mutating func check(_ name: String, value: String, text: String, line: ContentLine,
                        valueLocation: SourceLocation) throws(PreviousCalendar.ParseError) {
        guard Self.properties.contains(name) else {
            throw PreviousCalendar.ParseError(line: line.line, message: "\(name) is not a property dutycheck writes in an event: "
                + "the event would be published again with it, unchecked")
        }
        guard seen.insert(name).inserted else {
            throw PreviousCalendar.ParseError(line: line.line, message: "a second \(name) in one event")
        }
        if let allowed = Self.fixedValues[name], !allowed.contains(value.uppercased()) {
            let shown = allowed.sorted().joined(separator: " or ")
            throw PreviousCalendar.ParseError(at: valueLocation, "\(name) is \(value), where dutycheck writes \(shown)")
        }
        guard name == "DTSTART" || name == "DTEND" else { return }
        guard text.hasPrefix(name + ";VALUE=DATE:"), let date = CancelledEvent.date(value) else {
            throw PreviousCalendar.ParseError(line: line.line, message: "\(name) must be an all-day date written "
                + "\(name);VALUE=DATE:YYYYMMDD naming a real day, as dutycheck writes it")
        }
        if name == "DTSTART" { start = date } else { end = (date, valueLocation) }
    }

    /// Checks what the event as a whole must have, at its END:VEVENT on `line`; it began on `begun`.
    func finish(onLine line: Int, begunOn begun: Int) throws(PreviousCalendar.ParseError) {
        guard let start else {
            throw PreviousCalendar.ParseError(line: line, message: "the event begun on line \(begun) has no DTSTART, "
                + "so it has no date to be published again on")
        }
        if let end, end.date <= start {
            throw PreviousCalendar.ParseError(at: end.location, "DTEND \(end.date.iso) is not after DTSTART \(start.iso)")
        }
    }
}
