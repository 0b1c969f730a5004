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
        // Byte by byte into one buffer: a message body is tens of kilobytes, and building a string
        // per byte made encoding most of the time `notify` took.
        let eol = Array(lineEnding.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8 + 16)
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
                if start > 0 { out += eol }
                encodeHardLine(UnsafeBufferPointer(rebasing: bytes[start..<index]), eol: eol, into: &out)
                start = index + 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One source line's bytes as one or more encoded lines (all but the last ending in a soft break).
    private static func encodeHardLine(_ bytes: UnsafeBufferPointer<UInt8>, eol: [UInt8], into out: inout [UInt8]) {
        var length = 0   // of the encoded line being written
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let isLast = index == bytes.count - 1
            var escaped: Bool
            switch byte {
            case 0x20, 0x09: escaped = isLast   // trailing white space is always encoded
            case 0x21...0x7E where byte != 0x3D: escaped = false
            default: escaped = true
            }
            if length == 0 && startsGuarded(bytes, at: index) { escaped = true }
            let width = escaped ? 3 : 1
            let room = isLast ? maxLineLength : maxLineLength - 1
            if length > 0 && length + width > room {
                out.append(0x3D)   // soft break; this byte starts the next line
                out += eol
                length = 0
                continue
            }
            if escaped {
                out.append(0x3D)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            } else {
                out.append(byte)
            }
            length += width
            index += 1
        }
    }

    /// Whether the byte at `index`, starting an encoded line, is a `.` or the `F` of a literal `From `
    /// (a space that ends the source line is encoded, so it does not count).
    private static func startsGuarded(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        if bytes[index] == 0x2E { return true }
        guard bytes[index] == 0x46, index + 4 < bytes.count - 1 else { return false }
        return bytes[index + 1] == 0x72 && bytes[index + 2] == 0x6F && bytes[index + 3] == 0x6D && bytes[index + 4] == 0x20
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
