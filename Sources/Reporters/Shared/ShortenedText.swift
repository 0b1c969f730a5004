/// A name cut to fit where space is fixed (an email subject, a printed page header).
enum ShortenedText {
    /// `text` when it has at most `maxLength` characters; otherwise its start, without the spaces
    /// the cut leaves at its end, and "…", in `maxLength` characters at most.
    static func shortened(_ text: String, to maxLength: Int) -> String {
        guard maxLength > 0, text.count > maxLength else { return text }
        var cut = String(text.prefix(maxLength - 1))
        while cut.last == " " { cut.removeLast() }
        return cut + "…"
    }
}
