/// How the Markdown writer shows a web address so GitHub's autolink extension links it as written.
///
/// The extension reads the raw Markdown, so a backslash put before an address's `_` or `&` ends up
/// in the link. An address GitHub will certainly link is therefore written unescaped (it is then
/// link text, never Markdown syntax), and the punctuation GitHub leaves out of the link after it is
/// written so that GitHub still trims it (a named reference such as `&ast;` is trimmed whole). An
/// address it might not link is written escaped with its start broken (`https\:`, `&#119;ww.`),
/// so that it shows as text rather than as a link with backslashes in it.
enum MarkdownWebAddress {
    enum Writing: Equatable {
        /// Write `text[start..<end]` as it is, then `tail`, and carry on from `resume`.
        case link(end: Int, tail: String, resume: Int)
        /// Write `prefix`, then carry on escaping from `resume`.
        case plain(prefix: String, resume: Int)
    }

    /// The writing for an address starting at `start` in one line of display text (tabs already
    /// spaces), or nil when nothing there could become a link. `startIsBoundary` says whether
    /// GitHub can begin a `www.` link at the line's start (not after the `<br>` of a line break).
    static func writing(_ text: [Unicode.Scalar], at start: Int, startIsBoundary: Bool) -> Writing? {
        var guarded: Writing { guardedStart(text, at: start) }
        // GitHub does not link `www.` after `[`: write it as text, not as an address escaped for a link.
        if start > 0, text[start - 1] == "[", hasPrefix(text, at: start, "www.", ignoringCase: false) { return guarded }
        guard let hostStart = addressStart(text, at: start, startIsBoundary: startIsBoundary) else { return nil }
        // An underscore in the host, or a non-ASCII character or a backslash after it, might leave
        // the address unlinked (cmark-gfm's releases differ on them).
        var hostEnd = hostStart
        while hostEnd < text.count, isHostCharacter(text[hostEnd]) { hostEnd += 1 }
        guard hostStart < text.count, isASCIIAlphanumeric(text[hostStart]), !text[hostStart..<hostEnd].contains("_"),
              hostEnd == text.count || (text[hostEnd].isASCII && text[hostEnd] != "\\") else { return guarded }
        var wordEnd = start
        while wordEnd < text.count, text[wordEnd] != " " { wordEnd += 1 }
        let scanned = text[start..<(text[start..<wordEnd].firstIndex(of: "<") ?? wordEnd)]
        let linkEnd = start + GFMAutolinkEnd.end(scanned)
        // A backslash in the link would read as escaping a table's `|` after it.
        guard linkEnd > hostStart, !text[start..<linkEnd].contains("\\"), let tail = trimmedTail(text[linkEnd..<wordEnd]) else { return guarded }
        let written = Array(text[start..<linkEnd]) + Array(tail.unicodeScalars)
        // What a caller writes straight after a value (`**`, `)`) joins the scan when the address
        // ends the value; the link must end in the same place whatever it is.
        let followers = wordEnd == text.count ? ["", ")", "**", "**)", ")**", "**:"] : [""]
        for follower in followers {
            let scan = written + Array(follower.unicodeScalars)
            let slice = scan[0..<(scan.firstIndex(of: "<") ?? scan.count)]
            guard GFMAutolinkEnd.end(slice) == linkEnd - start else { return guarded }
        }
        return .link(end: linkEnd, tail: tail, resume: wordEnd)
    }

    /// Where the host starts if `http://`, `https://`, `ftp://` or `www.` begins at `start` in a
    /// place GitHub links from: a scheme not run on from a letter (GitHub would read the letter
    /// as part of it), `www.` at a boundary GitHub accepts.
    private static func addressStart(_ text: [Unicode.Scalar], at start: Int, startIsBoundary: Bool) -> Int? {
        let before: Unicode.Scalar? = start > 0 ? text[start - 1] : nil
        for scheme in ["http://", "https://", "ftp://"] where hasPrefix(text, at: start, scheme, ignoringCase: true) {
            if let before, GFMAutolinkEnd.isASCIILetter(before) { return nil }
            return start + scheme.unicodeScalars.count
        }
        guard hasPrefix(text, at: start, "www.", ignoringCase: false) else { return nil }
        if let before { return " *_~(".unicodeScalars.contains(before) ? start : nil }
        return startIsBoundary ? start : nil
    }

    /// The address's start, escaped and broken so that GitHub does not link it.
    private static func guardedStart(_ text: [Unicode.Scalar], at start: Int) -> Writing {
        if text[start] == "w" {
            return .plain(prefix: "&#119;", resume: start + 1)
        }
        let colon = text[start...].firstIndex(of: ":")!
        return .plain(prefix: String(String.UnicodeScalarView(text[start..<colon])) + "\\:", resume: colon + 1)
    }

    /// The punctuation GitHub trims after the link, written so that it is still trimmed and shows
    /// as written: plain where it means nothing in Markdown there, a named reference otherwise;
    /// nil if some character can be neither.
    private static func trimmedTail(_ tail: ArraySlice<Unicode.Scalar>) -> String? {
        var out = ""
        for scalar in tail {
            if ".,:?!;'\")}".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if let name = namedReferences[scalar] {
                out += "&\(name);"
            } else {
                return nil
            }
        }
        return out
    }

    private static let namedReferences: [Unicode.Scalar: String] = [
        "*": "ast", "_": "lowbar", "]": "rsqb", "[": "lsqb", "<": "lt", ">": "gt", "&": "amp",
        "\\": "bsol", "`": "grave", "|": "verbar", "$": "dollar", "#": "num", "(": "lpar",
    ]

    private static func hasPrefix(_ text: [Unicode.Scalar], at start: Int, _ prefix: String, ignoringCase: Bool) -> Bool {
        let wanted = Array(prefix.unicodeScalars)
        guard start + wanted.count <= text.count else { return false }
        return zip(text[start...], wanted).allSatisfy { have, want in
            have == want || (ignoringCase && String(have).lowercased() == String(want))
        }
    }

    private static func isHostCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIAlphanumeric(scalar) || scalar == "-" || scalar == "_" || scalar == "."
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        GFMAutolinkEnd.isASCIILetter(scalar) || ("0"..."9").contains(scalar)
    }
}
