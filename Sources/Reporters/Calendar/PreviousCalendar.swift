import YAMLTree

/// The events of a calendar this tool wrote before, read back to keep SEQUENCE numbers right and to
/// write events that have gone since as cancelled (`CancelledEvent`).
///
/// Only what that needs is kept: each event's UID, its SEQUENCE, and its content lines other than
/// those that change on every run (DTSTAMP, SEQUENCE, LAST-MODIFIED).
public struct PreviousCalendar: Sendable, Hashable {
    public struct Event: Sendable, Hashable {
        public var sequence: Int
        /// Unfolded content lines between BEGIN:VEVENT and END:VEVENT, without UID, DTSTAMP,
        /// SEQUENCE and LAST-MODIFIED, in file order.
        public var content: [String]

        public init(sequence: Int, content: [String]) {
            self.sequence = sequence
            self.content = content
        }
    }

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The 1-based physical line of the file the problem is on (for a folded content line,
        /// the line it starts on).
        public var line: Int
        /// The 1-based column, in Unicode scalars: where in the line the problem is, or 1 when it
        /// is the line as a whole.
        public var column: Int
        public var message: String

        public init(line: Int, column: Int = 1, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }

        init(at location: SourceLocation, _ message: String) {
            self.init(line: location.line, column: location.column, message: message)
        }

        public var location: SourceLocation { SourceLocation(line: line, column: column) }

        public var description: String { "line \(line), column \(column): \(message)" }
    }

    /// Events by UID.
    public var events: [String: Event]
    /// The calendar's PRODID, which names the program that wrote it, and the line it is on; nil
    /// when it has none.
    public var producer: String?
    public var producerLine: Int?
    /// The calendar's NAME as written (escaped), and the line it is on; nil when it has none.
    public var name: String?
    public var nameLine: Int?
    /// The calendar's VERSION, and the line it is on; nil when it has none.
    public var version: String?
    public var versionLine: Int?
    /// Whether the calendar's VERSION line has parameters (`VERSION;X=1:2.0`), which dutycheck never writes.
    var versionHasParameters = false
    /// The line of a second VERSION of the calendar's own, if there is one: dutycheck writes one.
    var secondVersionLine: Int?
    /// The line of a second NAME of the calendar's own, if there is one: dutycheck writes one.
    var secondNameLine: Int?
    /// Whether the calendar's NAME line has parameters (`NAME;LANGUAGE=en:...`), which dutycheck never writes.
    var nameHasParameters = false

    public init(events: [String: Event], producer: String? = nil, producerLine: Int? = nil,
                name: String? = nil, nameLine: Int? = nil, version: String? = nil, versionLine: Int? = nil) {
        self.events = events
        self.producer = producer
        self.producerLine = producerLine
        self.name = name
        self.nameLine = nameLine
        self.version = version
        self.versionLine = versionLine
    }

    /// Reads an iCalendar file (CRLF or LF line ends, a UTF-8 byte-order mark allowed).
    ///
    /// The whole file must be one calendar: BEGIN:VCALENDAR first, END:VCALENDAR last (blank lines
    /// may follow it), components properly nested, and every line a well-formed content line. A
    /// file cut short or not a calendar is refused rather than read as far as it goes, which would
    /// lose the SEQUENCE of every event past the cut.
    public init(parsing text: String) throws(ParseError) {
        // The mark is not part of the text; positions, like a record's, are counted after it.
        let body = text.unicodeScalars.first == "\u{FEFF}" ? Substring(text.unicodeScalars.dropFirst()) : Substring(text)
        let (lines, end) = ContentLine.split(body)
        guard let first = lines.first, Self.name(of: first.text) == "BEGIN",
              Self.value(of: first.text).uppercased() == "VCALENDAR" else {
            if let first = lines.first, let end = Self.bareCRLineEnd(first.text) {
                throw ParseError(at: first.location(of: end), "its lines end in bare CRs, where iCalendar lines end in CRLF "
                    + "(LF alone is read too)")
            }
            throw ParseError(line: 1, message: "not an iCalendar file: it must start with BEGIN:VCALENDAR")
        }
        var events: [String: Event] = [:]
        // The line each UID's event began on, to name it when a later event has the same UID.
        var uidEvents: [String: Int] = [:]
        var current: (uid: String?, sequence: Int, content: [String], shape: WrittenEventShape)?
        // The components open at this line, outermost first, with the line each began on.
        var open: [(name: String, line: Int)] = []
        var blank: ContentLine?
        var closed = false
        var producer: (text: String, line: Int)?
        var calendarName = CalendarHeaderLine()
        var version = CalendarHeaderLine()
        // The name is checked ASCII, so what follows it is at its length in bytes.
        func hasParameters(_ line: ContentLine, _ name: String) -> Bool {
            line.text.utf8.dropFirst(name.utf8.count).first == UInt8(ascii: ";")
        }
        for line in lines {
            guard !line.text.isEmpty else {
                if blank == nil { blank = line }
                continue
            }
            if closed { throw ParseError(line: line.line, message: "more follows END:VCALENDAR: the file must hold one calendar") }
            if let blank { throw ParseError(line: blank.line, message: "a blank line inside the calendar") }
            let valueStart: String.Index
            do { valueStart = try ContentLineSyntax.valueStart(of: line.text) } catch {
                throw ParseError(at: line.location(of: error.index), error.message)
            }
            let name = Self.name(of: line.text)
            let value = String(line.text[valueStart...])
            let valueLocation = { line.location(of: valueStart) }
            switch name {
            case "BEGIN":
                let component = value.uppercased()
                guard !component.isEmpty, component.unicodeScalars.allSatisfy(ContentLineSyntax.isNameCharacter) else {
                    throw ParseError(at: valueLocation(), "BEGIN must name a component (letters, digits and '-')")
                }
                if let parent = open.last, component == "VCALENDAR" || (component == "VEVENT" && open.count != 1)
                    || (parent.name == "VEVENT" && component != "VALARM") {
                    throw ParseError(line: line.line, message: "BEGIN:\(component) inside \(Self.described(parent.name))")
                }
                open.append((component, line.line))
                if component == "VEVENT" {
                    current = (nil, 0, [], WrittenEventShape())
                    continue
                }
            case "END":
                let component = value.uppercased()
                guard open.last?.name == component else {
                    throw ParseError(line: line.line, message: open.contains { $0.name == component }
                        ? "END:\(component) before END:\(open.last!.name)"
                        : "END:\(component) has no matching BEGIN:\(component)")
                }
                let begun = open.removeLast().line
                if component == "VCALENDAR" { closed = true }
                if component == "VEVENT", let event = current {
                    current = nil
                    try event.shape.finish(onLine: line.line, begunOn: begun)
                    guard let uid = event.uid else { throw ParseError(line: line.line, message: "an event has no UID") }
                    events[uid] = Event(sequence: event.sequence, content: event.content)
                    continue
                }
            case "PRODID" where open.count == 1 && producer == nil:
                producer = (value, line.line)
            case "NAME" where open.count == 1:
                calendarName.meet(value, onLine: line.line, hasParameters: hasParameters(line, name))
            case "VERSION" where open.count == 1:
                version.meet(value, onLine: line.line, hasParameters: hasParameters(line, name))
            default:
                break
            }
            guard var event = current else { continue }
            // Taken out while it grows, so that appending a line does not copy every line before
            // it; put back below.
            current = nil
            if open.count == 2, name != "BEGIN", name != "END" { try event.shape.check(name, value: value, text: line.text, line: line, valueLocation: valueLocation()) }
            switch (open.count, name) {
            case (2, "UID"):
                let uid = try WrittenUID.read(line, valueStart: valueStart)
                // Only one of two events with one UID could be kept, and the cancellation of the
                // other would be lost; dutycheck never writes two.
                if let first = uidEvents.updateValue(open[1].line, forKey: uid) {
                    throw ParseError(at: valueLocation(), "the event begun on line \(first) has this UID too: dutycheck "
                        + "writes each UID once, and of two events with one UID only one could be published again")
                }
                event.uid = uid
            case (2, "SEQUENCE"):
                do { event.sequence = try SequenceNumber.read(value) } catch {
                    throw ParseError(at: valueLocation(), error.message)
                }
            case (2, "DTSTAMP"), (2, "LAST-MODIFIED"): break
            default: event.content.append(line.text)
            }
            current = event
        }
        if !closed {
            let innermost = open.last!
            throw ParseError(at: end, innermost.name == "VEVENT"
                ? "the file ends inside the event begun on line \(innermost.line), before its END:VEVENT: it may have been cut short"
                : "the file ends before END:\(innermost.name) (BEGIN:\(innermost.name) is on line \(innermost.line)): it may have been cut short")
        }
        self.init(events: events, producer: producer?.text, producerLine: producer?.line, name: calendarName.first?.text,
                  nameLine: calendarName.first?.line, version: version.first?.text, versionLine: version.first?.line)
        self.versionHasParameters = version.hasParameters
        self.nameHasParameters = calendarName.hasParameters
        self.secondVersionLine = version.secondLine
        self.secondNameLine = calendarName.secondLine
    }

    /// Where the first line ends when it is BEGIN:VCALENDAR ended by a bare CR: lines are split at LF
    /// only, so a file whose lines end in CR alone reads as one line that starts as a calendar does.
    private static func bareCRLineEnd(_ line: String) -> String.Index? {
        guard let end = line.unicodeScalars.firstIndex(of: "\r") else { return nil }
        let opening = String(line[..<end])
        return name(of: opening) == "BEGIN" && value(of: opening).uppercased() == "VCALENDAR" ? end : nil
    }

    /// A component as a message names the one another is found inside.
    private static func described(_ component: String) -> String {
        switch component {
        case "VEVENT": "an event"
        case "VCALENDAR": "the calendar"
        default: component
        }
    }

    /// The SEQUENCE after `sequence`. A calendar read from a file holds none at the largest iCalendar
    /// INTEGER (RFC 5545 §3.3.8; `SequenceNumber` refuses it), so this is held there only for one
    /// built in code, rather than written past it.
    static func raised(_ sequence: Int) -> Int {
        min(sequence + 1, Int(Int32.max))
    }

    /// The property name: the text before the first `;` or `:`, upper-cased.
    static func name(of line: String) -> String {
        let end = line.firstIndex { $0 == ";" || $0 == ":" } ?? line.endIndex
        return line[..<end].uppercased()
    }

    /// The value: the text after the first `:` that is not inside a quoted parameter value.
    static func value(of line: String) -> String {
        valueStart(of: line).map { String(line[$0...]) } ?? ""
    }

    /// Where the value begins, or nil if the line is not a well-formed content line (every line of a
    /// previous calendar has been checked to be one when it was read).
    static func valueStart(of line: String) -> String.Index? {
        try? ContentLineSyntax.valueStart(of: line)
    }
}
