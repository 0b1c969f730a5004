/// Slips libyaml reports in its own terms: an entry that does not start in the column of the
/// entries beside it, or is indented under a key that has a value; a value holding `: ` (which YAML
/// reads as the start of another key); a line of text among keys; a list item among a mapping's
/// keys; and a `[` or `{` never closed. Each hint that advises a mend is given only if the file so
/// mended parses past the line libyaml stopped on, so a line that is wrong in some other way keeps
/// libyaml's words; the list-item hint only names what is there.
extension SyntaxSlips {
    /// Most columns tried for a misplaced entry: those of the nearest entries above it.
    private static let columnsTried = 4

    /// The line libyaml stopped on is an entry (`key:` or `- `) starting in a column no entry above
    /// it uses, and moved to the column of one of the nearest entries above, the file parses past it.
    /// Where several columns would do, the nearest to where it is now is advised first (an entry is
    /// most often one space out) and the others named too: only the writer knows which mapping it
    /// belongs to.
    static func misalignedEntry(problem: String, stoppedAt location: SourceLocation, in source: SourceText) -> Slip? {
        guard let scalars = source.scalars(ofLine: location.line) else { return nil }
        let indent = scalars.prefix { $0 == " " }.count
        guard indent < scalars.count, scalars[indent] != "#" else { return nil }
        // Only a key's colon inside the value makes libyaml say "mapping values".
        if problem == "mapping values are not allowed in this context",
           let slip = runOnValue(scalars, indent: indent, stoppedAt: location, in: source) {
            return slip
        }
        // A line of text run on from a value above is not an entry: moving it would make it a key.
        let own = head(of: scalars, from: indent)
        guard own.hasSuffix(":") || own.hasPrefix("- ") else { return nil }
        var fits: [(column: Int, line: Int)] = []
        for (column, line) in neighbourColumns(above: location.line, in: source) where column != indent {
            let mended = Array(repeating: " ", count: column) + scalars[indent...]
            if mending(line: location.line, to: mended, getsPast: location.line, in: source) { fits.append((column, line)) }
        }
        fits.sort { (abs($0.column - indent), $0.column) < (abs($1.column - indent), $1.column) }
        guard let best = fits.first else { return nil }
        func entry(_ fit: (column: Int, line: Int)) -> String {
            "`\(source.scalars(ofLine: fit.line).map { head(of: $0, from: fit.column) } ?? "")` on line \(fit.line)"
        }
        var hint = "`\(own)` starts at column \(indent + 1), but \(entry(best)) starts at column \(best.column + 1): the entries of "
            + "one mapping or list must start in the same column, so move it to column \(best.column + 1)"
        for other in fits.dropFirst() {
            hint += ", or to column \(other.column + 1) if it belongs with \(entry(other))"
        }
        return Slip(hint: hint, location: location)
    }

    /// A line indented under a key that has a plain value on its line is more of that value (YAML
    /// runs a plain value on over deeper lines), so a colon and a space in it start a key where none
    /// can be. Said so when starting the line at that key's column would get past it: quoting the
    /// value or giving the key its own line are both mends, and only the writer knows which is meant.
    private static func runOnValue(_ scalars: [Unicode.Scalar], indent: Int, stoppedAt location: SourceLocation,
                                   in source: SourceText) -> Slip? {
        guard let above = previousContentLine(before: location.line, in: source),
              let upper = source.scalars(ofLine: above) else { return nil }
        // The value above must be plain and run to the line's end: a comment ends it.
        guard let (keyStart, colon, valueStart) = keyedEntry(upper), indent > keyStart,
              valueStart < contentEnd(of: upper, from: valueStart), !"'\"{[|>&*!#".unicodeScalars.contains(upper[valueStart]),
              !hasComment(upper, after: valueStart),
              let ownColon = keyColon(in: scalars, from: indent), ownColon - indent <= 30 else { return nil }
        let mended = Array(repeating: " ", count: keyStart) + scalars[indent...]
        guard mending(line: location.line, to: mended, getsPast: location.line, in: source) else { return nil }
        let key = String(String.UnicodeScalarView(upper[keyStart..<colon]))
        let own = String(String.UnicodeScalarView(scalars[indent...ownColon]))
        return Slip(hint: "`\(own)` is indented under `\(key):` on line \(above), which has a value on its line, so it is read "
                          + "as more of that value, where a colon and a space cannot be: if `\(own)` is a key of its own, start "
                          + "it at column \(keyStart + 1); if it continues the value, put the whole value of `\(key)` in quotes",
                    location: location)
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
        guard let scalars = source.scalars(ofLine: location.line), let (start, colon, valueStart) = keyedEntry(scalars) else { return nil }
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
        var hint = "the value of `\(key)` holds a colon followed by a space, which YAML reads as the start of another key: "
            + "put the value in quotes, `\(key): \(shortened(value))`"
        // `contact: name: A` may be a mapping written on one line (a record's keys are snake_case).
        let inner = scalars[valueStart..<(location.column - 1)]
        if let first = inner.first, ("a"..."z").contains(first),
           inner.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) {
            let innerKey = String(String.UnicodeScalarView(inner))
            hint += "; or, if `\(innerKey):` is a key inside `\(key)`, put it on a line of its own, indented under `\(key):`"
        }
        return Slip(hint: hint, location: location)
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
                          + "its line, so the lines after it were read as part of it: end it with `\(closer)`, or, if the "
                          + "value is text that begins with `\(opener)`, put the whole value in quotes",
                    location: location)
    }

    /// A line of text with no `key:` standing among a mapping's keys (a value that lost its key, or
    /// a run-on value not indented under its key): libyaml reads on to the next line and complains
    /// there, so the line itself is named. Given only if commenting the line out gets libyaml past
    /// where it stopped.
    static func textAmongKeys(problem: String, context: String?, stoppedAt location: SourceLocation,
                              parsingFrom contextLocation: SourceLocation?, in source: SourceText) -> Slip? {
        guard problem == "could not find expected ':'", context == "while scanning a simple key", let contextLocation,
              contextLocation.line < location.line, let scalars = source.scalars(ofLine: contextLocation.line),
              !scalars.isEmpty else { return nil }
        guard mending(line: contextLocation.line, to: ["#"] + scalars, getsPast: location.line, in: source) else { return nil }
        // An invisible break ended the line above: the text was meant to be on it. Said so only if
        // a space in its place lets libyaml past.
        if let invisible = source.lineBreak(after: contextLocation.line - 1), invisible.value > 0x7F,
           let above = source.byteRange(ofLine: contextLocation.line - 1), let here = source.byteRange(ofLine: contextLocation.line),
           parsesPast(line: location.line, source.utf8[..<above.upperBound] + [0x20] + source.utf8[here.lowerBound...]) {
            return Slip(hint: "line \(contextLocation.line - 1) ends in \(MessageText.codePoint(invisible)), "
                              + "an invisible character YAML counts as a line break, so line \(contextLocation.line) stands on its "
                              + "own among the keys: replace that character with a space",
                        location: contextLocation)
        }
        // Indenting a run-on line helps only a plain value: a quoted, block or flow one has ended.
        let upper = previousContentLine(before: contextLocation.line, in: source).flatMap { source.scalars(ofLine: $0) }
        let plainAbove = upper.flatMap { line in keyedEntry(line).flatMap { $0.valueStart < line.count ? line[$0.valueStart] : nil } }
            .map { !"'\"{[|>".unicodeScalars.contains($0) }
        let mends = plainAbove == false ? "give it its key" : "give it its key, or, if it continues the value above, indent it "
            + "further than that value's key or put the whole value in quotes"
        return Slip(hint: "line \(contextLocation.line) is text standing among the keys of a mapping, where each entry is "
                          + "`key: value`: \(mends)",
                    location: contextLocation)
    }

    /// Whether a comment (`#` after a blank) follows offset `start` on the line.
    static func hasComment(_ scalars: [Unicode.Scalar], after start: Int) -> Bool {
        guard start + 1 < scalars.count else { return false }
        return ((start + 1)..<scalars.count).contains { scalars[$0] == "#" && (scalars[$0 - 1] == " " || scalars[$0 - 1] == "\t") }
    }

    /// The first colon from `start` that ends a key: followed by a blank or the line's end (the
    /// colon of `https://` is not one).
    static func keyColon(in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        (start..<scalars.count).first { scalars[$0] == ":" && ($0 + 1 == scalars.count || scalars[$0 + 1] == " " || scalars[$0 + 1] == "\t") }
    }

    /// A line read as `key: value` (after its indentation and any `- `), with a record-style key: where
    /// the key starts, where its colon is, and where the value starts after the blanks (the line's
    /// length when nothing follows them); nil for a line of any other shape.
    static func keyedEntry(_ scalars: [Unicode.Scalar]) -> (keyStart: Int, colon: Int, valueStart: Int)? {
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
        return (start, colon, valueStart)
    }

    /// `text` cut to `limit` characters with an ellipsis, for a hint that quotes part of a line (a
    /// line may be megabytes long).
    static func shortened(_ text: String, limit: Int = 60) -> String {
        text.unicodeScalars.count <= limit ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…"
    }
}
