/// A JSON value and a deterministic writer for it.
///
/// Written by hand rather than through `JSONEncoder` so that the bytes are the same on every platform
/// and Foundation version: keys sorted by code point, `null` written for every absent value, two-space
/// indentation with `"key": value`, `[]` and `{}` for empty collections, and `/` left unescaped.
enum CheckJSON: Sendable, Equatable {
    case null
    case int(Int)
    case string(String)
    case array([CheckJSON])
    case object([String: CheckJSON])

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
        var out = ""
        write(to: &out, indent: 0)
        out += "\n"
        return out
    }

    /// Writes the value as it appears at nesting level `indent` (its first line not indented).
    func write(to out: inout String, indent: Int) {
        switch self {
        case .null:
            out += "null"
        case .int(let value):
            out += String(value)
        case .string(let value):
            Self.writeString(value, to: &out)
        case .array(let elements):
            guard !elements.isEmpty else {
                out += "[]"
                return
            }
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += Self.spaces(indent + 1)
                element.write(to: &out, indent: indent + 1)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += Self.spaces(indent) + "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            out += "{\n"
            for (index, key) in keys.enumerated() {
                out += Self.spaces(indent + 1)
                Self.writeString(key, to: &out)
                out += ": "
                members[key, default: .null].write(to: &out, indent: indent + 1)
                out += index == keys.count - 1 ? "\n" : ",\n"
            }
            out += Self.spaces(indent) + "}"
        }
    }

    /// Indentation for the levels reports reach, made once.
    private static let indentation = (0..<12).map { String(repeating: "  ", count: $0) }

    static func spaces(_ level: Int) -> String {
        level < indentation.count ? indentation[level] : String(repeating: "  ", count: level)
    }

    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    /// Writes a JSON string literal: quotes, backslashes and control characters escaped, and U+2028 and
    /// U+2029 too (so the output is also safe inside a JavaScript string); everything else as UTF-8.
    static func writeString(_ value: String, to out: inout String) {
        // Most strings need no escape: copied whole, which is far cheaper than scalar by scalar.
        // (0xE2 starts U+2028 and U+2029, so a string with it takes the careful path.)
        if value.allUTF8({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0xE2 }) {
            out += "\""
            out += value
            out += "\""
            return
        }
        var scalars = String.UnicodeScalarView()
        scalars.append("\"")
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": scalars.append(contentsOf: "\\\"".unicodeScalars)
            case "\\": scalars.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": scalars.append(contentsOf: "\\n".unicodeScalars)
            case "\r": scalars.append(contentsOf: "\\r".unicodeScalars)
            case "\t": scalars.append(contentsOf: "\\t".unicodeScalars)
            case "\u{08}": scalars.append(contentsOf: "\\b".unicodeScalars)
            case "\u{0C}": scalars.append(contentsOf: "\\f".unicodeScalars)
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    scalars.append(contentsOf: "\\u".unicodeScalars)
                    for shift in stride(from: 12, through: 0, by: -4) {
                        scalars.append(hexDigits[Int((scalar.value >> UInt32(shift)) & 0xF)])
                    }
                } else {
                    scalars.append(scalar)
                }
            }
        }
        scalars.append("\"")
        out += String(scalars)
    }
}
