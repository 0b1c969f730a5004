/// Where GitHub's autolink extension ends a web address, as cmark-gfm works it out from the text
/// that follows `http://`, `https://`, `ftp://` or `www.` (up to a space or `<`): trailing
/// `?!.,:*_~'"` and an entity-like `&name;` go, and a trailing `)` while the address has more `)`
/// than `(`. So GitHub does it, and so does Debian's cmark-gfm 0.29.0.gfm.6, which the tests run
/// (`check_markdown.py`), so every case here is checked against a real renderer. Linear in the
/// text: a value may hold tens of thousands of brackets.
enum GFMAutolinkEnd {
    static func end(_ text: ArraySlice<Unicode.Scalar>) -> Int {
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

    /// `&letters;` at the end is dropped whole.
    private static func entityStart(_ chars: [Unicode.Scalar], _ end: Int) -> Int? {
        var start = end - 2
        while start > 0, isASCIILetter(chars[start]) { start -= 1 }
        return start >= 0 && start < end - 2 && chars[start] == "&" ? start : nil
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
