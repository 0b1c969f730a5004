/// A JSON value and a deterministic writer for it.
///
/// Written by hand rather than through `JSONEncoder` so that the bytes are the same on every platform
/// and Foundation version: keys sorted by code point, `null` written for every absent value, two-space
/// indentation with `"key": value`, `[]` and `{}` for empty collections, and `/` left unescaped.
enum CheckJSON: Sendable {
    case null
    case int(Int)
    case string(String)
    case array([CheckJSON])
    case object(JSONMembers)

    /// A string, or `null` when absent.
    static func nullable(_ value: String?) -> CheckJSON {
        value.map { .string($0) } ?? .null
    }

    /// A whole number, or `null` when absent.
    static func nullable(_ value: Int?) -> CheckJSON {
        value.map { .int($0) } ?? .null
    }

    /// The document, pretty-printed, ending with a newline.
    var document: String {
        var out = JSONText()
        write(to: &out, indent: 0)
        out.append("\n")
        return out.string
    }

    /// Writes the value as it appears at nesting level `indent` (its first line not indented).
    func write(to out: inout JSONText, indent: Int) {
        switch self {
        case .null:
            out.append("null")
        case .int(let value):
            out.append(String(value))
        case .string(let value):
            out.appendQuoted(value)
        case .array(let elements):
            guard !elements.isEmpty else {
                out.append("[]")
                return
            }
            out.append("[\n")
            for (index, element) in elements.enumerated() {
                out.indent(indent + 1)
                element.write(to: &out, indent: indent + 1)
                out.append(index == elements.count - 1 ? "\n" : ",\n")
            }
            out.indent(indent)
            out.append("]")
        case .object(let members):
            guard !members.isEmpty else {
                out.append("{}")
                return
            }
            let sorted = members.sorted
            out.append("{\n")
            for (index, member) in sorted.enumerated() {
                out.indent(indent + 1)
                out.appendQuoted(member.key)
                out.append(": ")
                member.value.write(to: &out, indent: indent + 1)
                out.append(index == sorted.count - 1 ? "\n" : ",\n")
            }
            out.indent(indent)
            out.append("}")
        }
    }
}

/// JSON text as it is written: UTF-8 bytes appended in place, which is much cheaper than growing
/// a `String` piece by piece.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Indentation for the levels reports reach, made once.
    private static let indentation: [[UInt8]] = (0..<12).map { Array(repeating: 0x20, count: 2 * $0) }

    /// Two spaces per level.
    mutating func indent(_ level: Int) {
        if level < Self.indentation.count {
            bytes.append(contentsOf: Self.indentation[level])
        } else {
            bytes.append(contentsOf: Array(repeating: 0x20, count: 2 * level))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string literal: quotes, backslashes and control characters escaped, and U+2028 and
    /// U+2029 too (so the output is also safe inside a JavaScript string); everything else as UTF-8.
    mutating func appendQuoted(_ value: String) {
        bytes.append(0x22)
        defer { bytes.append(0x22) }
        // Most strings need no escape: copied whole, which is far cheaper than scalar by scalar.
        if !Self.needsEscape(value) {
            append(value)
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
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    append("\\u")
                    for shift in stride(from: 12, through: 0, by: -4) {
                        bytes.append(Self.hexDigits[Int((scalar.value >> UInt32(shift)) & 0xF)])
                    }
                } else {
                    UTF8.encode(scalar) { bytes.append($0) }
                }
            }
        }
    }

    /// Whether the text holds a quote, a backslash, a control character, U+2028 or U+2029
    /// (E2 80 A8 and E2 80 A9 in UTF-8; other characters starting with E2, such as ’ and –,
    /// need no escape).
    private static func needsEscape(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            for index in bytes.indices {
                let byte = bytes[index]
                if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
                if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
                   bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                    return true
                }
            }
            return false
        }
    }
}

/// An object's members, written with a dictionary literal; the writer puts them in key order.
/// (Kept as pairs: a report writes millions of members, and hashing each key only to sort them
/// again costs more than the sort.)
struct JSONMembers: ExpressibleByDictionaryLiteral, Sendable {
    private var pairs: [(key: String, value: CheckJSON)]

    init(dictionaryLiteral elements: (String, CheckJSON)...) {
        pairs = elements.map { (key: $0.0, value: $0.1) }
    }

    init(_ elements: [(String, CheckJSON)]) {
        pairs = elements.map { (key: $0.0, value: $0.1) }
    }

    var isEmpty: Bool { pairs.isEmpty }

    /// The members sorted by key in code point order (UTF-8 byte order); most are written in
    /// that order already, which a single pass confirms.
    var sorted: [(key: String, value: CheckJSON)] {
        let inOrder = pairs.indices.dropFirst().allSatisfy { JSONMembers.precedes(pairs[$0 - 1].key, pairs[$0].key) }
        return inOrder ? pairs : pairs.sorted { JSONMembers.precedes($0.key, $1.key) }
    }

    private static func precedes(_ first: String, _ second: String) -> Bool {
        var first = first, second = second
        return first.withUTF8 { a in
            second.withUTF8 { b in
                for index in 0..<min(a.count, b.count) where a[index] != b[index] {
                    return a[index] < b[index]
                }
                return a.count < b.count
            }
        }
    }
}
