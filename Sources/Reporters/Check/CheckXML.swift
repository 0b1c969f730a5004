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

    /// For each byte, whether it needs more than copying: markup characters, C0 controls (escaped
    /// or dropped), and EF, which may start U+FFFE or U+FFFF. In attributes, quotes, tabs and line
    /// feeds too.
    private static let specialInText = specialBytes(inAttribute: false)
    private static let specialInAttribute = specialBytes(inAttribute: true)

    private static func specialBytes(inAttribute: Bool) -> [Bool] {
        (0...255).map { (byte: Int) in
            switch byte {
            case 0x26, 0x3C, 0x3E, 0xEF: true
            case 0x09, 0x0A, 0x22, 0x27: inAttribute
            case 0x00..<0x20: true
            default: false
            }
        }
    }

    private static func escape(_ text: String, inAttribute: Bool) -> String {
        let special = inAttribute ? specialInAttribute : specialInText
        // Most text needs nothing done: returned as it is.
        if text.allUTF8({ !special[Int($0)] }) { return text }
        // A Swift string is valid UTF-8, so every byte of a multi-byte character is at least 0x80:
        // ordinary runs are copied whole, and only the special bytes are looked at.
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var runStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard special[Int(byte)] else {
                index += 1
                continue
            }
            out += bytes[runStart..<index]
            index += 1
            switch byte {
            case 0x26: out += "&amp;".utf8
            case 0x3C: out += "&lt;".utf8
            case 0x3E: out += "&gt;".utf8
            case 0x22: out += "&quot;".utf8
            case 0x27: out += "&apos;".utf8
            case 0x0D: out += "&#13;".utf8
            case 0x0A: out += "&#10;".utf8
            case 0x09: out += "&#9;".utf8
            case 0xEF where index + 1 < bytes.count && bytes[index] == 0xBF && bytes[index + 1] >= 0xBE:
                index += 2  // U+FFFE or U+FFFF: not allowed in XML 1.0, dropped
            case 0xEF: out.append(byte)
            default: break  // other C0 controls: not allowed in XML 1.0, dropped
            }
            runStart = index
        }
        out += bytes[runStart..<index]
        return String(decoding: out, as: UTF8.self)
    }
}
