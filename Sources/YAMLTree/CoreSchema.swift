/// YAML 1.2 core-schema resolution, done directly on a scalar's UTF-8 bytes.
///
/// Only plain, untagged scalars go through `resolvePlain`; the `!!int`, `!!float`, `!!bool` and
/// `!!null` tags use the single-type matchers. There are no regexes: each form is checked with a
/// short byte loop, and the first byte picks which forms are worth trying, so ordinary words cost
/// one comparison.
enum CoreSchema {
    /// What a plain scalar resolves to.
    enum Resolution: Equatable {
        case value(ScalarValue)
        /// An integer by the schema's syntax that does not fit in `Int`.
        case intOverflow
    }

    /// Resolves a plain, untagged scalar; `text` is the same bytes as a `String`.
    static func resolvePlain(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> Resolution {
        guard let first = bytes.first else { return .value(.null) }
        switch first {
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"):
            if isNull(bytes) { return .value(.null) }
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            if let flag = bool(bytes) { return .value(.bool(flag)) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            switch int(bytes) {
            case .some(.some(let number)): return .value(.int(number))
            case .some(.none): return .intOverflow
            case .none: break
            }
            if let number = float(bytes, text: text) { return .value(.double(number)) }
        default:
            break
        }
        return .value(.string(text))
    }

    /// `null`, `Null`, `NULL`, `~` or the empty string.
    static func isNull(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch bytes.count {
        case 0: return true
        case 1: return bytes[0] == UInt8(ascii: "~")
        case 4: return matches(bytes, oneOf: "null", "Null", "NULL")
        default: return false
        }
    }

    /// `true`/`True`/`TRUE` or `false`/`False`/`FALSE`; nil for anything else (`yes` included).
    static func bool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch bytes.count {
        case 4: return matches(bytes, oneOf: "true", "True", "TRUE") ? true : nil
        case 5: return matches(bytes, oneOf: "false", "False", "FALSE") ? false : nil
        default: return nil
        }
    }

    /// Decimal `[-+]?[0-9]+`, octal `0o[0-7]+` or hexadecimal `0x[0-9a-fA-F]+`.
    ///
    /// Nil when the bytes are not an integer; `.some(nil)` when they are one that overflows `Int`.
    static func int(_ bytes: UnsafeBufferPointer<UInt8>) -> Int?? {
        let count = bytes.count
        guard count > 0 else { return nil }
        if count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "o") { return accumulate(bytes, from: 2, radix: 8, negative: false) }
            if bytes[1] == UInt8(ascii: "x") { return accumulate(bytes, from: 2, radix: 16, negative: false) }
        }
        var start = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            start = 1
        }
        guard start < count else { return nil }
        return accumulate(bytes, from: start, radix: 10, negative: negative)
    }

    /// The core schema's float forms (which include plain decimal integers), `.inf` and `.nan`.
    static func float(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> Double? {
        if let special = infinityOrNaN(bytes) { return special }
        guard isFloatSyntax(bytes) else { return nil }
        return Double(text)
    }

    // MARK: - Helpers

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, oneOf spellings: StaticString...) -> Bool {
        for spelling in spellings where spelling.utf8CodeUnitCount == bytes.count {
            let candidate = UnsafeBufferPointer(start: spelling.utf8Start, count: spelling.utf8CodeUnitCount)
            if candidate.elementsEqual(bytes) { return true }
        }
        return false
    }

    private static func digitValue(_ byte: UInt8, radix: Int) -> Int? {
        let value: Int
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte &- UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte &- UInt8(ascii: "A")) + 10
        default: return nil
        }
        return value < radix ? value : nil
    }

    /// Digits from `start` to the end in `radix`; nil if any byte is not a digit (or there are
    /// none), `.some(nil)` on overflow. Negative numbers accumulate downwards so `Int.min` fits.
    private static func accumulate(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, radix: Int, negative: Bool) -> Int?? {
        guard start < bytes.count else { return nil }
        var total = 0
        var overflowed = false
        for index in start..<bytes.count {
            guard let digit = digitValue(bytes[index], radix: radix) else { return nil }
            if overflowed { continue }
            let (shifted, o1) = total.multipliedReportingOverflow(by: radix)
            let (next, o2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            if o1 || o2 { overflowed = true } else { total = next }
        }
        return overflowed ? .some(nil) : .some(total)
    }

    /// `[-+]?(\.inf|\.Inf|\.INF)` or `\.nan|\.NaN|\.NAN`.
    private static func infinityOrNaN(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = bytes.count
        guard count == 4 || count == 5 else { return nil }
        if count == 4, matches(bytes, oneOf: ".nan", ".NaN", ".NAN") { return .nan }
        var body = bytes
        var sign = 1.0
        if count == 5 {
            guard bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") else { return nil }
            sign = bytes[0] == UInt8(ascii: "-") ? -1 : 1
            body = UnsafeBufferPointer(rebasing: bytes[1...])
        }
        return matches(body, oneOf: ".inf", ".Inf", ".INF") ? sign * .infinity : nil
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloatSyntax(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        func isDigit(_ at: Int) -> Bool { at < count && bytes[at] >= UInt8(ascii: "0") && bytes[at] <= UInt8(ascii: "9") }
        func skipDigits() -> Int {
            let begin = index
            while isDigit(index) { index += 1 }
            return index - begin
        }
        if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        let integerDigits = skipDigits()
        var fractionDigits = 0
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fractionDigits = skipDigits()
        }
        guard integerDigits > 0 || fractionDigits > 0 else { return false }
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            guard skipDigits() > 0 else { return false }
        }
        return index == count
    }
}
