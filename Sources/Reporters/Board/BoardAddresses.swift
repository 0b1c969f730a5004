/// Web addresses, e-mail addresses and file names in a rule's text. Their underscores, dots and
/// slashes are part of them, not of a record path, so the report's plain wording leaves them whole.
enum BoardAddresses {
    /// File name endings a rule's text may mention ("record_2024.yaml").
    private static let fileEndings: Set<String> = ["yaml", "yml", "json", "md", "html", "htm", "txt", "csv",
                                                   "pdf", "doc", "docx", "xls", "xlsx", "odt", "ics", "xml"]
    private static let openers: Set<Character> = ["(", "[", "<", "\"", "'", "\u{201C}", "\u{2018}"]
    private static let closers: Set<Character> = [")", "]", ">", "\"", "'", "\u{201D}", "\u{2019}", ".", ",", ";", ":", "!", "?"]

    /// The ranges of `text` that are addresses or file names: each a run without spaces, less the
    /// brackets, quotation marks and stops around it.
    static func ranges(in text: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard !text[index].isWhitespace else {
                index = text.index(after: index)
                continue
            }
            var start = index
            while index < text.endIndex, !text[index].isWhitespace { index = text.index(after: index) }
            var end = index
            while start < end, openers.contains(text[start]) { start = text.index(after: start) }
            while start < end, closers.contains(text[text.index(before: end)]) { end = text.index(before: end) }
            if start < end, isAddress(text[start..<end]) { found.append(start..<end) }
        }
        return found
    }

    /// Whether `range` lies inside one of `addresses`.
    static func covers(_ addresses: [Range<String.Index>], _ range: Range<String.Index>) -> Bool {
        addresses.contains { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }
    }

    /// A URL (`scheme://...`, `www....`), an e-mail address, a file path (with a `/`) or a file name
    /// with a known ending. A record path has none of these.
    private static func isAddress(_ word: Substring) -> Bool {
        if word.contains("://") || word.contains("@") || word.contains("/") { return true }
        if word.lowercased().hasPrefix("www.") { return true }
        guard let dot = word.lastIndex(of: "."), dot > word.startIndex else { return false }
        return fileEndings.contains(word[word.index(after: dot)...].lowercased())
    }
}
