/// JSON text as it is written: UTF-8 bytes appended to one growing buffer. A class with its own
/// buffer because a report appends millions of short pieces, and appending each to an `Array`
/// costs several times what copying its bytes does.
final class JSONText {
    // Only ever used by one writer on one thread: run-time exclusivity checks would cost more
    // than the appends they guard.
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Text from data (constants take the `StaticString` overload).
    func append(text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Constant text, read in place (a `String` literal would be copied out of its small form first).
    func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    func append(byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Two spaces per level.
    func indent(_ level: Int) {
        let width = 2 * level
        reserve(width)
        (base + count).initialize(repeating: 0x20, count: width)
        count += width
    }

    /// Room for `extra` more bytes, doubling so that appending stays linear.
    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.initialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = grown
    }

    /// Whether `first` sorts before `second` in code point order (UTF-8 byte order), the order
    /// the JSON documents list keys in.
    static func precedes(_ first: String, _ second: String) -> Bool {
        first.utf8.lexicographicallyPrecedes(second.utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string literal: quotes, backslashes and control characters escaped, and U+2028 and
    /// U+2029 too (so the output is also safe inside a JavaScript string), and U+FEFF (Foundation's
    /// JSON parser, which `dutycheck report --since` reads this output with, drops a raw U+FEFF at
    /// the start of a string or right after an escape, though it keeps `\ufeff`); everything else
    /// as UTF-8.
    func appendQuoted(_ value: String) {
        append(byte: 0x22)
        defer { append(byte: 0x22) }
        // Most strings need no escape: copied whole, which is far cheaper than scalar by scalar.
        if !Self.needsEscape(value) {
            append(text: value)
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": append("\\\"")
            case "\\": append("\\\\")
            case "\n": append("\\n")
            case "\r": append("\\r")
            case "\t": append("\\t")
            case "\u{08}": append("\\b")
            case "\u{0C}": append("\\f")
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    append("\\u")
                    for shift in stride(from: 12, through: 0, by: -4) {
                        append(byte: Self.hexDigits[Int((scalar.value >> UInt32(shift)) & 0xF)])
                    }
                } else {
                    UTF8.encode(scalar) { append(byte: $0) }
                }
            }
        }
    }

    /// Whether the text holds a quote, a backslash, a control character, U+2028, U+2029 or U+FEFF
    /// (E2 80 A8, E2 80 A9 and EF BB BF in UTF-8; other characters starting with E2 or EF, such as
    /// ’, – and ﾟ, need no escape).
    private static func needsEscape(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            var start = 0
            // Eight bytes at a time: only a word that may hold one of those bytes is looked into.
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while start + 8 <= bytes.count {
                    if WordScan.mayNeedEscape(raw.loadUnaligned(fromByteOffset: start, as: UInt64.self)),
                       needsEscape(bytes, from: start, to: start + 8) {
                        return true
                    }
                    start += 8
                }
            }
            return needsEscape(bytes, from: start, to: bytes.count)
        }
    }

    /// The byte-by-byte test over `bytes[from..<to]` (looking past `to` to complete an E2 or EF
    /// sequence).
    private static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Bool {
        for index in from..<end {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
               bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                return true
            }
            if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
                return true
            }
        }
        return false
    }
}

/// Tests on eight bytes at once, packed in a word (the classic "has zero byte" bit tricks, which
/// are exact about whether any byte matches).
enum WordScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `word` is below `limit` (at most 0x80).
    static func hasByte(below limit: UInt8, in word: UInt64) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }

    /// Whether some byte of `word` equals `byte`.
    static func hasByte(_ byte: UInt8, in word: UInt64) -> Bool {
        hasByte(below: 1, in: word ^ (ones &* UInt64(byte)))
    }

    /// Whether the word holds a control character, a quote, a backslash or an E2 or EF lead byte.
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        hasByte(below: 0x20, in: word) || hasByte(0x22, in: word) || hasByte(0x5C, in: word) || hasByte(0xE2, in: word)
            || hasByte(0xEF, in: word)
    }
}
