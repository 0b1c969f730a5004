/// Where GitHub's autolink extension ends a web address, as cmark-gfm works it out from the text
/// that follows `http://`, `https://`, `ftp://` or `www.` (up to a space or `<`). Two versions are
/// modelled because they trim differently: 0.29.0.gfm.6 (Debian's, which the tests run) and the
/// later one GitHub runs. A writer that leaves an address unescaped must be right for both.
enum GFMAutolinkEnd {
    /// The end the older release gives: trailing `?!.,:*_~` and a trailing entity-like `&name;`
    /// go, and so does a trailing quote or closing bracket that does not close one in the address.
    static func older(_ text: ArraySlice<Unicode.Scalar>) -> Int {
        let chars = Array(text)
        var end = chars.count
        while end > 0 {
            let last = chars[end - 1]
            if "?!.,:*_~".unicodeScalars.contains(last) {
                end -= 1
            } else if last == ";" {
                end = entityStart(chars, end) ?? end - 1
            } else if let opener = opener(of: last) {
                let opening = chars[..<end].filter { $0 == opener }.count
                let closing = opener == last ? 0 : chars[..<end].filter { $0 == last }.count
                if opening == closing { break }
                end -= 1
            } else {
                break
            }
        }
        return end
    }

    /// The end the later release gives: trailing `?!.,:*_~'"` and entity-like `&name;` go, and a
    /// trailing `)` while the address has more `)` than `(`.
    static func later(_ text: ArraySlice<Unicode.Scalar>) -> Int {
        let chars = Array(text)
        let opening = chars.filter { $0 == "(" }.count
        var closing = chars.filter { $0 == ")" }.count
        var end = chars.count
        while end > 0 {
            let last = chars[end - 1]
            if last == ")" {
                if closing <= opening { return end }
                closing -= 1
                end -= 1
            } else if "?!.,:*_~'\"".unicodeScalars.contains(last) {
                end -= 1
            } else if last == ";" {
                end = entityStart(chars, end) ?? end - 1
            } else {
                return end
            }
        }
        return end
    }

    /// Both releases drop `&letters;` at the end whole.
    private static func entityStart(_ chars: [Unicode.Scalar], _ end: Int) -> Int? {
        var start = end - 2
        while start > 0, isASCIILetter(chars[start]) { start -= 1 }
        return start >= 0 && start < end - 2 && chars[start] == "&" ? start : nil
    }

    private static func opener(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "\"": "\""
        case "'": "'"
        case ")": "("
        case "]": "["
        case "}": "{"
        default: nil
        }
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
