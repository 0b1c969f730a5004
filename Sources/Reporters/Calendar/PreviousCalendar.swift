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
        /// The 1-based content line (after unfolding) the problem was found on.
        public var line: Int
        public var message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }

        public var description: String { "line \(line): \(message)" }
    }

    /// Events by UID.
    public var events: [String: Event]

    public init(events: [String: Event]) {
        self.events = events
    }

    /// Reads an iCalendar file (CRLF or LF line ends).
    public init(parsing text: String) throws(ParseError) {
        let lines = ICalendarText.unfold(text)
        guard let first = lines.first, Self.name(of: first) == "BEGIN", Self.value(of: first).uppercased() == "VCALENDAR" else {
            throw ParseError(line: 1, message: "not an iCalendar file: it must start with BEGIN:VCALENDAR")
        }
        var events: [String: Event] = [:]
        var current: (uid: String?, sequence: Int, content: [String])?
        // Components open inside the current VEVENT (VALARM and the like). Event lines must nest
        // properly and hold no line breaks, so that an event can be written again from its lines.
        var nested: [String] = []
        for (index, line) in lines.enumerated() {
            let name = Self.name(of: line)
            let value = Self.value(of: line)
            if var event = current {
                // Taken out while it grows, so that appending a line does not copy every line
                // before it; put back below unless the event ends here.
                current = nil
                if Self.holdsControlCharacter(line) {
                    throw ParseError(line: index + 1, message: "an event line holds a control character")
                }
                guard Self.valueStart(of: line) != nil else {
                    throw ParseError(line: index + 1, message: "an event line has no ':' before its value")
                }
                let component = value.uppercased()
                if name == "END" && component == "VEVENT" && nested.isEmpty {
                    guard let uid = event.uid else {
                        throw ParseError(line: index + 1, message: "an event has no UID")
                    }
                    if let existing = events[uid], existing.sequence > event.sequence { continue }
                    events[uid] = Event(sequence: event.sequence, content: event.content)
                    continue
                }
                if name == "BEGIN" {
                    guard component != "VEVENT" && component != "VCALENDAR" else {
                        throw ParseError(line: index + 1, message: "BEGIN:\(component) inside an event")
                    }
                    nested.append(component)
                }
                if name == "END" {
                    guard nested.last == component else {
                        throw ParseError(line: index + 1, message: "END:\(component) has no matching BEGIN:\(component)")
                    }
                    nested.removeLast()
                }
                switch (nested.count, name) {
                case (0, "UID"): event.uid = value
                case (0, "SEQUENCE"):
                    guard let number = Int(value), number >= 0 else {
                        throw ParseError(line: index + 1, message: "SEQUENCE is not a whole number: \(value)")
                    }
                    // An iCalendar INTEGER (RFC 5545 §3.3.8) is a 32-bit value.
                    guard number <= Int(Int32.max) else {
                        throw ParseError(line: index + 1, message: "SEQUENCE is larger than iCalendar allows (\(Int32.max)): \(value)")
                    }
                    event.sequence = number
                case (0, "DTSTAMP"), (0, "LAST-MODIFIED"): break
                default: event.content.append(line)
                }
                current = event
            } else if name == "BEGIN" && value.uppercased() == "VEVENT" {
                current = (nil, 0, [])
                nested = []
            }
        }
        if current != nil {
            throw ParseError(line: lines.count, message: "the last event has no END:VEVENT")
        }
        self.init(events: events)
    }

    /// The SEQUENCE after `sequence`, held at the largest iCalendar INTEGER (RFC 5545 §3.3.8) rather
    /// than written past it.
    static func raised(_ sequence: Int) -> Int {
        min(sequence + 1, Int(Int32.max))
    }

    /// True for a C0 or C1 control character other than TAB, DEL, or a Unicode line or paragraph
    /// separator: this tool never writes one, and written back they would break the line.
    static func holdsControlCharacter(_ line: String) -> Bool {
        line.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x09: false
            case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029: true
            default: false
            }
        }
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

    /// Where the value begins, or nil if the line has no such `:`.
    static func valueStart(of line: String) -> String.Index? {
        var quoted = false
        for index in line.indices {
            let character = line[index]
            if character == "\"" { quoted.toggle() }
            if character == ":" && !quoted { return line.index(after: index) }
        }
        return nil
    }
}
