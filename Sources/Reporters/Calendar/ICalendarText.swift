import RuleEngine

/// The RFC 5545 text rules the calendar writer needs: TEXT escaping, 75-octet folding, CRLF.
public enum ICalendarText {
    /// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma are escaped, every
    /// line break becomes `\n`, and other control characters become U+FFFD.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x5C: out += "\\\\"
            case 0x3B: out += "\\;"
            case 0x2C: out += "\\,"
            case 0x0A:
                if !previousWasCR { out += "\\n" }   // CRLF is one break, already written at the CR
            case 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: out += "\\n"
            case 0x09: out += " "
            case 0x00..<0x20, 0x7F...0x9F: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The text an escaped TEXT value stands for: `\\n` (or `\\N`) is a line break, and a backslash
    /// before any other character stands for that character (RFC 5545 §3.3.11). For showing a value
    /// read from a calendar in a message.
    public static func unescape(_ value: String) -> String {
        var out = ""
        var escaped = false
        for scalar in value.unicodeScalars {
            if escaped {
                out.unicodeScalars.append(scalar == "n" || scalar == "N" ? "\n" : scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        if escaped { out += "\\" }
        return out
    }

    /// Folds one content line into physical lines of at most 75 octets each, never splitting a
    /// UTF-8 sequence; continuation lines begin with one space. Returns the octets with a CRLF
    /// after every physical line.
    public static func fold(_ line: String) -> [UInt8] {
        let octets = Array(line.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(octets.count + octets.count / 37 + 2)
        var start = 0
        var limit = 75
        while octets.count - start > limit {
            var cut = start + limit
            while cut > start, octets[cut] & 0xC0 == 0x80 { cut -= 1 }   // back to a character start
            out.append(contentsOf: octets[start..<cut])
            out.append(contentsOf: [0x0D, 0x0A, 0x20])
            start = cut
            limit = 74   // the leading space takes one octet of the 75
        }
        out.append(contentsOf: octets[start...])
        out.append(contentsOf: [0x0D, 0x0A])
        return out
    }

    /// Joins folded physical lines back into content lines (RFC 5545 §3.1), leaving out blank
    /// lines. Accepts CRLF or LF.
    public static func unfold(_ text: String) -> [String] {
        ContentLine.split(text[...]).lines.compactMap { $0.text.isEmpty ? nil : $0.text }
    }

    /// `20240331`, the DATE form.
    static func date(_ date: CivilDate) -> String {
        date.iso.replacing("-", with: "")
    }
}

/// A UTC instant for DTSTAMP, kept as plain fields so the writer needs no clock or time zone.
public struct CalendarTimestamp: Sendable, Hashable {
    public var date: CivilDate
    public var hour: Int
    public var minute: Int
    public var second: Int

    /// Nil unless the time is a valid 24-hour time (a leap second is not accepted).
    public init?(date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Midnight UTC at the start of `date`: the reproducible stamp for a run as of that date.
    public static func startOfDay(_ date: CivilDate) -> CalendarTimestamp {
        CalendarTimestamp(date: date)!
    }

    /// `20240229T000000Z`
    public var text: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(ICalendarText.date(date))T\(two(hour))\(two(minute))\(two(second))Z"
    }
}
