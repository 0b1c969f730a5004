import YAMLTree

/// One content line of an iCalendar file, unfolded (RFC 5545 §3.1), with where it came from in the
/// file, so that a problem found in it is reported at its place.
struct ContentLine {
    /// The unfolded text; empty for a blank line.
    var text: String
    /// The 1-based physical line it starts on.
    var line: Int
    /// The UTF-8 offsets in `text` at which each continuation line's text begins, in order.
    var folds: [Int] = []

    /// The position in the file of the character at `index` in `text` (the end of `text` counts as
    /// a position after its last character). Columns count Unicode scalars, as `SourceLocation`
    /// does, and a continuation line's leading space or tab is its column 1.
    func location(of index: String.Index) -> SourceLocation {
        let offset = text.utf8.distance(from: text.startIndex, to: index)
        let segment = folds.lastIndex { $0 <= offset }
        let start = segment.map { folds[$0] } ?? 0
        let startIndex = text.utf8.index(text.startIndex, offsetBy: start)
        let column = text.unicodeScalars[startIndex..<index].count + (segment == nil ? 1 : 2)
        return SourceLocation(line: line + (segment.map { $0 + 1 } ?? 0), column: column)
    }

    /// The content lines of `text`, blank lines included, and the position just after its end.
    ///
    /// Physical lines end at LF or CRLF; a bare CR stays in its line (and is refused there as a
    /// control character). A line that begins with a space or a tab continues the line before it,
    /// unless that line is blank or there is none: then it is a content line of its own, and its
    /// leading space makes it malformed.
    static func split(_ text: Substring) -> (lines: [ContentLine], end: SourceLocation) {
        var lines: [ContentLine] = []
        var physicalLine = 0
        var lastLine: Substring = ""
        // Split by UTF-8 byte rather than by Character: far quicker on a large file, and a line
        // break is the same bytes whatever grapheme it might form with its neighbours.
        for var physical in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            physicalLine += 1
            if physical.last == 0x0D { physical = physical.dropLast() }
            lastLine = Substring(physical)
            // Indexed rather than bound to a name, so that the text grows in place and is not
            // copied for each continuation.
            if let first = physical.first, first == 0x20 || first == 0x09, !lines.isEmpty, !lines[lines.count - 1].text.isEmpty {
                lines[lines.count - 1].folds.append(lines[lines.count - 1].text.utf8.count)
                lines[lines.count - 1].text += Substring(physical.dropFirst())
            } else {
                lines.append(ContentLine(text: String(Substring(physical)), line: physicalLine))
            }
        }
        // The piece after the last line break is empty when the text ends with one: no line.
        if lines.last?.text.isEmpty == true, lines.last?.line == physicalLine { lines.removeLast() }
        return (lines, SourceLocation(line: physicalLine, column: lastLine.unicodeScalars.count + 1))
    }
}
