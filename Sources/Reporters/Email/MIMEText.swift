/// Makes untrusted text (anything that came from a record or a rule pack) safe to put in a message.
///
/// Every check works on Unicode scalars, never on `Character`: `"\r\n"` is a single `Character`, so a
/// character-level test for `"\n"` misses it.
public enum MIMEText {
    /// Reduces `text` to one line fit for a header field's text.
    ///
    /// Line and paragraph breaks (CR, LF, NEL, VT, FF, U+2028, U+2029) and tabs become spaces; every other
    /// control character (C0, DEL, C1), bidirectional embedding, override and isolate controls, and the byte
    /// order mark are removed. Runs of white space collapse to one space and the ends are trimmed. Text longer
    /// than `maxLength` characters is cut and ends with "…".
    public static func headerLine(_ text: String, maxLength: Int = 200) -> String {
        if isPlainLine(text) { return ShortenedText.shortened(text, to: maxLength) }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isBreakOrBlank(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if isRemoved(scalar) { continue }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return ShortenedText.shortened(String(out), to: maxLength)
    }

    /// Makes multi-line `text` safe for a message body: CRLF, CR, NEL, U+2028 and U+2029 become LF, VT and FF
    /// become LF, and every other control character except TAB and LF is removed (see `headerLine(_:maxLength:)`).
    public static func bodyText(_ text: String) -> String {
        // Into UTF-8 bytes: appending scalar by scalar to a string was most of the time a
        // message body took.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A:
                if !previousWasCR { out.append(0x0A) }
            case 0x0D, 0x85, 0x2028, 0x2029, 0x0B, 0x0C:
                out.append(0x0A)
            case 0x09, 0x20...0x7E:
                out.append(UInt8(scalar.value))
            default:
                if !isRemoved(scalar) { UTF8.encode(scalar) { out.append($0) } }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `headerLine` would leave `text` as it is, apart from length: printable ASCII
    /// with single spaces and none at either end (most names and titles).
    private static func isPlainLine(_ text: String) -> Bool {
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            guard byte >= 0x20 && byte <= 0x7E, !(byte == 0x20 && previous == 0x20) else { return false }
            previous = byte
        }
        return previous != 0x20
    }

    /// Line breaks, tabs and other white space that a single header line turns into one space.
    static func isBreakOrBlank(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x2028, 0x2029: return true
        // No other ASCII scalar is white space, and looking up the property is slow.
        case 0x00...0x7F: return false
        default: return scalar.properties.isWhitespace
        }
    }

    /// Controls that never reach a message: C0 (other than the breaks and tab handled above), DEL, C1,
    /// bidirectional controls that can disguise text, and the byte order mark.
    static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }
}
