#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Unicode controls that override or embed the direction of text (U+202A to U+202E) or isolate
/// it (U+2066 to U+2069). They are invisible, and one left open in a name reverses the text shown
/// after it in a report, an e-mail or a terminal (the "Trojan Source" problem), so no input may hold
/// them. The marks U+200E and U+200F only hint at a direction and are left alone.
public enum BidiControls {
    /// Whether `scalar` is one of them: for text already decoded, such as a line of a calendar.
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The first such control in UTF-8 `bytes`; nil when there is none. All of them are encoded
    /// E2 80 AA…AE or E2 81 A6…A9, so text without an E2 byte is passed over at once.
    static func first(in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        // memchr, not `contains`: every scalar of every file is passed through here.
        guard let base = bytes.baseAddress, memchr(base, 0xE2, bytes.count) != nil else { return nil }
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xE2 {
                let second = bytes[index + 1], third = bytes[index + 2]
                if (second == 0x80 && (0xAA...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third)) {
                    return Unicode.Scalar(0x2000 | (UInt32(second & 0x3F) << 6) | UInt32(third & 0x3F))
                }
            }
            index += 1
        }
        return nil
    }

    /// Whether a file of `count` bytes at `input` may yield a scalar holding a direction control: it
    /// holds an E2 byte (the controls' first byte in UTF-8), a backslash (a quoted `\u202E` escape),
    /// or a byte-order mark that is not UTF-8's (libyaml reads it as UTF-16, whose bytes differ). One
    /// search of the file spares a search of every scalar in the files that cannot.
    static func mayBeIn(_ input: UnsafePointer<UInt8>, count: Int) -> Bool {
        if count >= 2, (input[0] == 0xFF && input[1] == 0xFE) || (input[0] == 0xFE && input[1] == 0xFF) { return true }
        return memchr(input, 0xE2, count) != nil || memchr(input, 0x5C, count) != nil
    }
}
