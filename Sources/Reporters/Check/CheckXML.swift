/// Escaping for XML 1.0 output.
///
/// Characters XML 1.0 cannot carry at all (C0 controls other than tab, line feed and carriage return,
/// and U+FFFE and U+FFFF) are dropped, since a single one makes the whole document unparseable.
enum CheckXML {
    /// Text for an attribute value in double quotes. Tabs and line breaks become character references, so a
    /// parser's attribute-value normalisation does not turn them into spaces.
    static func attribute(_ text: String) -> String {
        escape(text, inAttribute: true)
    }

    /// Character data for element content.
    static func text(_ text: String) -> String {
        escape(text, inAttribute: false)
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func escape(_ text: String, inAttribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "'" where inAttribute: out += "&apos;"
            case "\r": out += "&#13;"
            case "\n" where inAttribute: out += "&#10;"
            case "\t" where inAttribute: out += "&#9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
