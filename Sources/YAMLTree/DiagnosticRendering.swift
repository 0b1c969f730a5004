/// Renders a diagnostic the way compilers do, for a terminal or a log:
///
///     file:line:col: error: message
///     the source line
///          ^
///     file:line:col: note: a note's message
///
/// The result has no trailing newline. The snippet (source line and caret) appears only when
/// `source` is given and holds the line; a diagnostic without a location, or pointing past the
/// end of the file, renders as its first line alone. Notes are one line each.
///
/// Columns count Unicode scalars, as libyaml does, and the caret line has one character per
/// scalar before the column. **Tabs** are shown as they are in the source line and copied as tabs
/// into the caret line, so the caret stays under the right character whatever width a terminal
/// gives a tab. Control characters (direction controls included) and invalid UTF-8 in the source
/// line are shown as U+FFFD, one per scalar or bad sequence, so nothing is sent raw to the terminal. (Wide characters such
/// as CJK or emoji still take two terminal cells for one caret position.) A line longer than
/// `SourceText.snippetWidth` scalars is shown cut to that many around the caret, with `...`
/// marking what is left out at either end.
public func render(_ diagnostic: Diagnostic, source: [UInt8]?) -> String {
    diagnostic.rendered(in: source.map { SourceText(bytes: $0) })
}

extension Diagnostic {
    /// This diagnostic with its source line and caret; see `render(_:source:)`.
    public func rendered(source: [UInt8]?) -> String {
        render(self, source: source)
    }

    /// This diagnostic with its source line and caret, from an already built `SourceText`.
    public func rendered(in source: SourceText?) -> String {
        var output = description
        if let location, let snippet = source?.snippet(at: location) {
            output += "\n" + snippet
        }
        for note in notes {
            output += "\n\(MessageText.escaped(file)):"
            if let noteLocation = note.location { output += "\(noteLocation.line):\(noteLocation.column):" }
            output += " note: \(note.message)"
        }
        return output
    }
}

extension SourceText {
    /// The most scalars of a source line a snippet shows. A longer line (minified YAML, a huge
    /// scalar) is cut to this many around the caret, with `...` where text is left out, so each
    /// diagnostic prints a bounded amount however long the line.
    public static let snippetWidth = 100
    /// Of a cut line, how many scalars come before the caret, unless the line ends soon after it.
    static let snippetLead = 60

    /// The line holding `location` and a caret line under its column, joined by a newline;
    /// nil when the file has no such line. See `render(_:source:)` for how tabs are shown.
    public func snippet(at location: SourceLocation) -> String? {
        let caretColumn = max(location.column, 1)
        var shownColumns = 1..<1
        guard let line = scalars(ofLine: location.line, columns: { length in
            shownColumns = Self.snippetColumns(lineLength: length, caret: caretColumn)
            return shownColumns
        }) else { return nil }
        let cutBefore = shownColumns.lowerBound > 1
        let cutAfter = shownColumns.upperBound <= line.length
        var shown = String.UnicodeScalarView()
        var caret = ""
        if cutBefore {
            shown.append(contentsOf: "...".unicodeScalars)
            caret = "   "
        }
        var column = shownColumns.lowerBound
        for scalar in line.scalars {
            shown.append(Self.isDisplayable(scalar) ? scalar : "\u{FFFD}")
            if column < caretColumn { caret.append(scalar == "\t" ? "\t" : " ") }
            column += 1
        }
        if cutAfter { shown.append(contentsOf: "...".unicodeScalars) }
        if column < caretColumn {
            // A position past the end of the line: as far as it is, within reason.
            caret += String(repeating: " ", count: min(caretColumn - column, Self.snippetWidth))
        }
        return String(shown) + "\n" + caret + "^"
    }

    /// The columns of a line of `lineLength` scalars that a snippet with its caret at `caret`
    /// shows: all of a line no longer than `snippetWidth`, otherwise `snippetWidth` of them with
    /// `snippetLead` before the caret, or more when the line ends within the rest of the width,
    /// so that the window is always full.
    static func snippetColumns(lineLength: Int, caret: Int) -> Range<Int> {
        guard lineLength > snippetWidth else { return 1..<(lineLength + 1) }
        let anchor = min(caret, lineLength + 1)
        let last = min(lineLength, max(1, anchor - snippetLead) + snippetWidth - 1)
        let first = last - snippetWidth + 1
        return first..<(last + 1)
    }

    /// Tabs, and what a message would not escape: a direction control in the source line would
    /// reverse the snippet shown after it.
    private static func isDisplayable(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || !MessageText.isEscaped(scalar)
    }
}
