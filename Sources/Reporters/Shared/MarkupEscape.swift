/// Context-specific escaping for every value that comes from a record or a rule pack, shared by
/// the board report, the rule catalogue and the email HTML.
enum MarkupEscape {
    /// True for characters that end a line in some reader: CR, LF, NEL, LS, PS (and CRLF as one).
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// C0 and C1 controls (other than tab and line breaks) and DEL: never meaningful in a report.
    static func isStrayControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value == 0x09 || isLineBreak(scalar) { return false }
        return value < 0x20 || (0x7F...0x9F).contains(value)
    }

    /// Splits text at line breaks (CRLF counts once).
    static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { character in
            character.unicodeScalars.contains { isLineBreak($0) }
        }
    }

    // MARK: HTML

    /// Text for an element's content or a quoted attribute value: `& < > " '` become references,
    /// stray controls become U+FFFD, and line breaks become spaces.
    static func html(_ text: String) -> String {
        if !needsHTMLEscaping(text) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if isLineBreak(scalar) { out += " " }
                else if isStrayControl(scalar) { out += "\u{FFFD}" }
                else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Whether `html(_:)` would change `text`, read from its UTF-8 bytes: a markup character, a
    /// control or DEL, or the encoding of a C1 control (NEL among them), U+2028 or U+2029.
    private static func needsHTMLEscaping(_ text: String) -> Bool {
        var text = text   // `withUTF8` reads a native string in place
        return text.withUTF8 { bytes in
            for (index, byte) in bytes.enumerated() {
                switch byte {
                case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x7F: return true
                case 0x00...0x1F where byte != 0x09: return true
                case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]): return true
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    return true
                default: continue
                }
            }
            return false
        }
    }

    /// Element content that keeps the value's own line breaks as `<br>`.
    static func htmlLines(_ text: String) -> String {
        lines(text).map { html(String($0)) }.joined(separator: "<br>")
    }

    /// A link target, or nil unless it is a plain absolute http(s) URL with nothing that could
    /// break out of an attribute or start another scheme.
    static func safeURL(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        for scalar in url.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value >= 0x7F { return nil }
            if "\"'<>\\`{}|^".unicodeScalars.contains(scalar) { return nil }
        }
        return url
    }

    /// A CSS string literal's content (without the quotes): everything but ASCII letters, digits
    /// and spaces becomes a hexadecimal escape, so no value can end the string or the style sheet.
    static func cssString(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let plain = (0x30...0x39).contains(value) || (0x41...0x5A).contains(value)
                || (0x61...0x7A).contains(value) || value == 0x20
            if plain {
                out.unicodeScalars.append(scalar)
            } else if isLineBreak(scalar) || isStrayControl(scalar) {
                out += "\\20 "
            } else {
                out += "\\" + String(value, radix: 16) + " "
            }
        }
        return out
    }

    // MARK: Markdown

    /// Inline Markdown text that renders as exactly the characters given, on one line.
    ///
    /// Every ASCII punctuation character that can start syntax in CommonMark or GitHub's
    /// extensions (emphasis, code, links, raw HTML, entities, tables, strikethrough, maths) is
    /// backslash-escaped; a leading heading, list or block-quote marker is escaped too. Line breaks
    /// become `<br>`, so a value never ends a table row or starts a new block. A web address that
    /// GitHub's autolink extension will link is left as written (see `MarkdownWebAddress`), so
    /// the value must not follow a letter or sit inside link text, and in a table the writer must
    /// still escape its `|` (`markdownTableCell`).
    static func markdown(_ text: String) -> String {
        markdown(text, place: .boundary)
    }

    /// `<br>` and then `text` as `markdown(_:)` writes it, for a value on a new line of a cell:
    /// GitHub does not begin a `www.` link just after the `>` of `<br>`.
    static func markdownAfterBreak(_ text: String) -> String {
        "<br>" + markdown(text, place: .afterBreak)
    }

    /// Text for between a link's brackets, every address escaped too: GitHub does not autolink
    /// there, so an address left as written would be read as Markdown.
    static func markdownLinkText(_ text: String) -> String {
        markdown(text, place: .linkText)
    }

    /// Where a value starts, which decides whether GitHub can autolink a web address in it.
    enum MarkdownPlace {
        case boundary, afterBreak, linkText
    }

    private static func markdown(_ text: String, place: MarkdownPlace) -> String {
        let segments = lines(text).enumerated().map { index, line in
            markdownLine(String(line), place: index == 0 ? place : (place == .linkText ? .linkText : .afterBreak))
        }
        return segments.joined(separator: "<br>")
    }

    /// A table cell's Markdown with every `|` escaped, those of web addresses included: GitHub
    /// splits a row at each `|` without a backslash before it, and takes the backslash off before
    /// it reads the cell, so the address is still linked with its `|`.
    static func markdownTableCell(_ cell: String) -> String {
        var out = ""
        var previous: Character?
        for character in cell {
            if character == "|" && previous != "\\" { out += "\\" }
            out.append(character)
            previous = character
        }
        return out
    }

    private static let alwaysEscaped = Set("\\`*_[]<>|~&$!".unicodeScalars)
    private static let lineStartEscaped = Set("#+-=".unicodeScalars)

    private static func markdownLine(_ text: String, place: MarkdownPlace) -> String {
        var out = ""
        var atStart = true
        var leadingDigits = true
        var index = 0
        // What the line shows, which is what GitHub's autolink reads; a stray control shows as U+FFFD
        // and, like any other character, ends the line's start.
        let scalars = text.unicodeScalars.map { scalar -> Unicode.Scalar in
            if scalar == "\t" { return " " }
            return isStrayControl(scalar) ? "\u{FFFD}" : scalar
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if place != .linkText, "hHfFw".unicodeScalars.contains(scalar),
               let writing = MarkdownWebAddress.writing(scalars, at: index, startIsBoundary: place == .boundary) {
                switch writing {
                case let .link(end, tail, resume):
                    out.unicodeScalars.append(contentsOf: scalars[index..<end])
                    out += tail
                    index = resume
                case let .plain(prefix, resume):
                    out += prefix
                    index = resume
                }
                atStart = false
                leadingDigits = false
                continue
            }
            defer { index += 1 }
            if atStart && scalar == " " { out += " "; continue }
            let isDigit = ("0"..."9").contains(scalar)
            if alwaysEscaped.contains(scalar) || (atStart && lineStartEscaped.contains(scalar)) {
                out += "\\"
            } else if leadingDigits && !atStart && (scalar == "." || scalar == ")") {
                out += "\\"    // "1." or "1)" would start an ordered list
            }
            out.unicodeScalars.append(scalar)
            if !isDigit { leadingDigits = false }
            atStart = false
        }
        return out
    }

    /// A link destination for Markdown: nil unless `safeURL` accepts it; parentheses are
    /// percent-encoded so the destination cannot end early.
    static func markdownURL(_ url: String) -> String? {
        guard let safe = safeURL(url) else { return nil }
        var out = ""
        for scalar in safe.unicodeScalars {
            switch scalar {
            case "(": out += "%28"
            case ")": out += "%29"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
