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
/// gives a tab. Control characters and invalid UTF-8 in the source line are shown as U+FFFD,
/// one per scalar or bad sequence, so nothing is sent raw to the terminal. (Wide characters such
/// as CJK or emoji still take two terminal cells for one caret position.)
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
            output += "\n\(file):"
            if let noteLocation = note.location { output += "\(noteLocation.line):\(noteLocation.column):" }
            output += " note: \(note.message)"
        }
        return output
    }
}

extension SourceText {
    /// The line holding `location` and a caret line under its column, joined by a newline;
    /// nil when the file has no such line. See `render(_:source:)` for how tabs are shown.
    public func snippet(at location: SourceLocation) -> String? {
        guard let text = line(location.line) else { return nil }
        var shown = String.UnicodeScalarView()
        var caret = ""
        var column = 1
        for scalar in text.unicodeScalars {
            let visible = Self.isDisplayable(scalar) ? scalar : "\u{FFFD}"
            shown.append(visible)
            if column < location.column { caret.append(scalar == "\t" ? "\t" : " ") }
            column += 1
        }
        if column < location.column {
            caret += String(repeating: " ", count: location.column - column)
        }
        return String(shown) + "\n" + caret + "^"
    }

    private static func isDisplayable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return true
        case 0x00..<0x20, 0x7F..<0xA0: return false
        default: return true
        }
    }
}
