/// Slips libyaml reports on the line they are on but in its own terms: an entry that does not start
/// in the column of the entries beside it, a value holding `: ` (which YAML reads as the start of
/// another key), a list item among a mapping's keys, and a `[` or `{` never closed. Each hint that
/// advises a mend is given only if the file so mended parses past that line, so a line that is
/// wrong in some other way keeps libyaml's words.
extension SyntaxSlips {
    /// Most columns tried for a misplaced entry: those of the nearest entries above it.
    private static let columnsTried = 4

    /// The line libyaml stopped on starts its entry in a column no entry above it uses, and moved
    /// to the column of one of the nearest entries above, the file parses past it.
    static func misalignedEntry(stoppedAt location: SourceLocation, in source: SourceText) -> Slip? {
        guard let scalars = source.scalars(ofLine: location.line) else { return nil }
        let indent = scalars.prefix { $0 == " " }.count
        guard indent < scalars.count, scalars[indent] != "#" else { return nil }
        for (column, line) in neighbourColumns(above: location.line, in: source) where column != indent {
            let mended = Array(repeating: " ", count: column) + scalars[indent...]
            guard mending(line: location.line, to: mended, getsPast: location.line, in: source) else { continue }
            let own = head(of: scalars, from: indent)
            let other = source.scalars(ofLine: line).map { head(of: $0, from: column) } ?? ""
            return Slip(hint: "`\(own)` starts at column \(indent + 1), but `\(other)` on line \(line) starts at column "
                              + "\(column + 1): the entries of one mapping or list must start in the same column, so move it to "
                              + "column \(column + 1) (or to the column of the entries it belongs with)",
                        location: location)
        }
        return nil
    }

    /// The columns (counted from 0) where the nearest entries above line `number` start, nearest
    /// first, each with the line it was seen on: a line's own start, and for a list item the start of
    /// the key after its `- `. Blank and comment lines are passed over.
    private static func neighbourColumns(above number: Int, in source: SourceText) -> [(column: Int, line: Int)] {
        var found: [(column: Int, line: Int)] = []
        var line = number
        while found.count < columnsTried, let above = previousContentLine(before: line, in: source),
              let scalars = source.scalars(ofLine: above) {
            line = above
            let indent = scalars.prefix { $0 == " " }.count
            var starts = [indent]
            if indent + 1 < scalars.count, scalars[indent] == "-", scalars[indent + 1] == " " {
                let key = scalars[(indent + 1)...].prefix { $0 == " " }.count + indent + 1
                if key < scalars.count { starts.insert(key, at: 0) }
            }
            for start in starts where !found.contains(where: { $0.column == start }) {
                found.append((start, above))
            }
            if indent == 0 { break }  // nothing above a top-level entry is nearer
        }
        return Array(found.prefix(columnsTried))
    }

    /// How a message shows the entry starting at `start`: its key and colon (`area:`), or a list
    /// item's dash and key (`- id:`): up to the colon, a space or 30 characters.
    private static func head(of scalars: [Unicode.Scalar], from start: Int) -> String {
        guard start < scalars.count else { return "" }
        var end = start
        if scalars[end] == "-", end + 1 < scalars.count, scalars[end + 1] == " " { end += 2 }
        while end < scalars.count, scalars[end] != ":", scalars[end] != " ", end - start < 30 { end += 1 }
        if end < scalars.count, scalars[end] == ":" { end += 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// `key: text: more`: libyaml stops at the second `: `, which would start a key inside a value.
    /// Given when the value, put in single quotes, lets the file parse past the line.
    static func colonInValue(stoppedAt location: SourceLocation, in source: SourceText) -> Slip? {
        guard let scalars = source.scalars(ofLine: location.line) else { return nil }
        var start = scalars.prefix { $0 == " " }.count
        if start + 1 < scalars.count, scalars[start] == "-", scalars[start + 1] == " " {
            start += 2
            while start < scalars.count, scalars[start] == " " { start += 1 }
        }
        var colon = start
        while colon < scalars.count, isKeyCharacter(scalars[colon], first: colon == start) { colon += 1 }
        guard colon > start, colon + 1 < scalars.count, scalars[colon] == ":", scalars[colon + 1] == " " else { return nil }
        var valueStart = colon + 1
        while valueStart < scalars.count, scalars[valueStart] == " " { valueStart += 1 }
        // The stop must be inside a plain value: not a quoted one, a flow collection or a comment.
        guard valueStart < scalars.count, location.column - 1 > valueStart,
              !"'\"{[|>#&*!".unicodeScalars.contains(scalars[valueStart]) else { return nil }
        let valueEnd = contentEnd(of: scalars, from: valueStart)
        guard location.column - 1 < valueEnd else { return nil }
        var quoted: [Unicode.Scalar] = ["'"]
        for scalar in scalars[valueStart..<valueEnd] {
            quoted.append(scalar)
            if scalar == "'" { quoted.append("'") }
        }
        quoted.append("'")
        let mended = Array(scalars[..<valueStart]) + quoted + scalars[valueEnd...]
        guard mending(line: location.line, to: mended, getsPast: location.line, in: source) else { return nil }
        let key = String(String.UnicodeScalarView(scalars[start..<colon]))
        let value = String(String.UnicodeScalarView(quoted))
        return Slip(hint: "the value of `\(key)` holds a colon followed by a space, which YAML reads as the start of "
                          + "another key: put the value in quotes, `\(key): \(value)`",
                    location: location)
    }

    /// `- item` where a mapping expects its next key: a list must hang from a key of its own.
    static func listItemAmongKeys(problem: String, context: String?, stoppedAt location: SourceLocation,
                                  parsingFrom contextLocation: SourceLocation?, in source: SourceText) -> Slip? {
        guard problem == "did not find expected key", context == "while parsing a block mapping", let contextLocation,
              let scalars = source.scalars(ofLine: location.line), location.column >= 1, location.column < scalars.count,
              scalars[location.column - 1] == "-", scalars[location.column] == " " else { return nil }
        return Slip(hint: "a list item (`- `) stands where the mapping begun on line \(contextLocation.line) expects its next "
                          + "key: a list goes under a key of its own (`key:` on the line before the items), or the item is "
                          + "out of line with the items of its list",
                    location: location)
    }

    /// A `[` or `{` opening a value and not closed on its line, where closing it at the line's end
    /// lets the file parse past where libyaml stopped. The error stays where libyaml stopped, since a
    /// collection may rightly run over lines; the hint says where it opened.
    static func unclosedCollection(context: String?, stoppedAt location: SourceLocation,
                                   parsingFrom contextLocation: SourceLocation?, in source: SourceText) -> Slip? {
        guard let context, context.hasPrefix("while parsing a flow"), let contextLocation, contextLocation.line < location.line,
              let scalars = source.scalars(ofLine: contextLocation.line), contextLocation.column >= 1,
              contextLocation.column <= scalars.count else { return nil }
        let opener = scalars[contextLocation.column - 1]
        guard opener == "[" || opener == "{" else { return nil }
        let closer: Unicode.Scalar = opener == "[" ? "]" : "}"
        let end = contentEnd(of: scalars, from: contextLocation.column - 1)
        let mended = Array(scalars[..<end]) + [closer] + scalars[end...]
        guard mending(line: contextLocation.line, to: mended, getsPast: location.line, in: source) else { return nil }
        return Slip(hint: "the `\(opener)` at line \(contextLocation.line), column \(contextLocation.column) is not closed on "
                          + "its line, so the lines after it were read as part of it: end it with `\(closer)`",
                    location: location)
    }
}
