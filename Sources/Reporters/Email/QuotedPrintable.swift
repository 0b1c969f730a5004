/// Quoted-printable body encoding (RFC 2045 §6.7) of UTF-8 text.
public enum QuotedPrintable {
    /// The longest encoded line, soft-break `=` included (RFC 2045 §6.7 rule 5).
    public static let maxLineLength = 76

    /// Encodes `text` (LF line breaks; run it through `MIMEText.bodyText(_:)` first) as quoted-printable
    /// lines joined by `lineEnding`.
    ///
    /// Besides the rules of RFC 2045, every encoded line that would start with `.` or with `From ` has that
    /// first character encoded (`=2E`, `=46`), so a lone dot cannot end an SMTP or sendmail transfer and mbox
    /// delivery cannot turn `From ` into `>From `. Trailing white space is always encoded, and an escape is
    /// never split across a soft line break.
    public static func encode(_ text: String, lineEnding: String = "\n") -> String {
        var lines: [String] = []
        var hardLine: [UInt8] = []
        for byte in text.utf8 {
            if byte == 0x0A {
                encodeHardLine(hardLine, into: &lines)
                hardLine.removeAll(keepingCapacity: true)
            } else {
                hardLine.append(byte)
            }
        }
        encodeHardLine(hardLine, into: &lines)
        return lines.joined(separator: lineEnding)
    }

    /// One source line's bytes as one or more encoded lines (all but the last ending in a soft break).
    private static func encodeHardLine(_ bytes: [UInt8], into lines: inout [String]) {
        var tokens: [String] = []
        tokens.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            switch byte {
            case 0x20, 0x09:
                tokens.append(isLast ? escape(byte) : String(UnicodeScalar(byte)))
            case 0x21...0x7E where byte != 0x3D:
                tokens.append(String(UnicodeScalar(byte)))
            default:
                tokens.append(escape(byte))
            }
        }

        var line = ""
        var index = 0
        while index < tokens.count {
            var token = tokens[index]
            if line.isEmpty { token = guardedLineStart(tokens, at: index) }
            let isLastToken = index == tokens.count - 1
            let room = isLastToken ? maxLineLength : maxLineLength - 1
            if !line.isEmpty && line.utf8.count + token.utf8.count > room {
                lines.append(line + "=")
                line = ""
                continue  // re-examine this token as the first of a new line
            }
            line += token
            index += 1
        }
        lines.append(line)
    }

    /// The token to write when `tokens[index]` starts an encoded line: a literal `.` or the `F` of a
    /// literal `From ` is escaped.
    private static func guardedLineStart(_ tokens: [String], at index: Int) -> String {
        let token = tokens[index]
        if token == "." { return "=2E" }
        if token == "F", index + 4 < tokens.count,
           tokens[index + 1] == "r", tokens[index + 2] == "o", tokens[index + 3] == "m", tokens[index + 4] == " " {
            return "=46"
        }
        return token
    }

    private static func escape(_ byte: UInt8) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
