/// Plain words for the slips a person editing YAML by hand makes most, which libyaml reports in
/// its own terms and often on another line: a tab or a pasted non-breaking space in the
/// indentation, a colon with no space after it, a pasted space after a colon or a list item's
/// `-`, a quote never closed inside `{…}`, and (`SyntaxSlips+Indentation.swift`) an entry out of
/// line with its neighbours, `: ` inside a value, a list item among keys, a `[` or `{` never closed.
///
/// Each looks only at the lines libyaml names, so it cannot misread the rest of the file; where
/// none applies, libyaml's own message stands.
enum SyntaxSlips {
    /// What to add to libyaml's message, and where the slip itself is.
    struct Slip: Equatable {
        var hint: String
        var location: SourceLocation
    }

    static func explain(problem: String, context: String?, at location: SourceLocation,
                        contextLocation: SourceLocation?, in source: SourceText) -> Slip? {
        let lines = [location.line] + (contextLocation.map { [$0.line] } ?? [])
        for line in lines {
            if let slip = badIndentation(onLine: line, in: source) { return slip }
        }
        if colonProblems.contains(problem) {
            // Only lines libyaml points at: the problem's own, the key it was scanning, and the line
            // just above when it sits at the same indentation (a sibling that should have been a
            // key). Elsewhere `a:b` is legal text: a list item, a block scalar's content. Blank and
            // comment lines between them do not count.
            var candidates = [location.line]
            if context == "while scanning a simple key", let contextLocation { candidates.append(contextLocation.line) }
            if let above = previousContentLine(before: location.line, in: source),
               isSiblingKey(above, of: location.line, in: source) {
                candidates.append(above)
            }
            for line in candidates {
                if let slip = colonWithoutSpace(onLine: line, in: source) { return slip }
            }
            if let slip = pastedSpaceAfterDash(stoppedAt: location, parsingFrom: contextLocation, in: source),
               slip.location.line == location.line || mendingGetsPast(slip, stoppedAt: location, in: source) {
                return slip
            }
            // A pasted space as a line's first character puts the line at the top level, and libyaml
            // stumbles on the lines after it.
            if let line = pastedSpaceOpeningEntry(above: location.line, in: source),
               let slip = badIndentation(onLine: line, in: source), mendingGetsPast(slip, stoppedAt: location, in: source) {
                return slip
            }
            if problem == "mapping values are not allowed in this context",
               let slip = colonInValue(stoppedAt: location, in: source) {
                return slip
            }
            if let slip = misalignedEntry(problem: problem, stoppedAt: location, in: source) { return slip }
            if let slip = listItemAmongKeys(problem: problem, context: context, stoppedAt: location,
                                            parsingFrom: contextLocation, in: source) {
                return slip
            }
            if let slip = textAmongKeys(problem: problem, context: context, stoppedAt: location,
                                        parsingFrom: contextLocation, in: source) {
                return slip
            }
        }
        if let context, context.hasPrefix("while parsing a flow"), let contextLocation, contextLocation.line < location.line,
           let slip = unclosedQuote(from: contextLocation, closedBy: context.contains("mapping") ? "}" : "]", stoppedAt: location, in: source) {
            return slip
        }
        if let slip = unclosedCollection(context: context, stoppedAt: location, parsingFrom: contextLocation, in: source) {
            return slip
        }
        return nil
    }

    /// A tab, or a space other than U+0020, among the blanks that begin the line.
    private static func badIndentation(onLine number: Int, in source: SourceText) -> Slip? {
        guard let scalars = source.scalars(ofLine: number) else { return nil }
        for (index, scalar) in scalars.enumerated() {
            let location = SourceLocation(line: number, column: index + 1)
            switch scalar {
            case " ": continue
            case "\t":
                return Slip(hint: "a tab cannot indent YAML: indent with spaces", location: location)
            default:
                guard scalar.isPastedSpace else { return nil }
                return Slip(hint: "the line is indented with \(name(of: scalar)), which YAML does not count as indentation "
                                  + "(often pasted from a word processor): indent with ordinary spaces", location: location)
            }
        }
        return nil
    }

    /// What libyaml says when a line it expected to be `key: value` was not.
    private static let colonProblems: Set = ["could not find expected ':'", "did not find expected key",
                                             "did not find expected '-' indicator", "mapping values are not allowed in this context"]

    /// `key:value` as a line's first entry: YAML reads a colon as a key's end only before a space.
    /// The key must look like a record key (a letter, then letters, digits, `_` or `-`), and a
    /// `/` after the colon is a URL (`https://…`), not a slip. A pasted space after the colon is
    /// named, since the person sees a space there already.
    private static func colonWithoutSpace(onLine number: Int, in source: SourceText) -> Slip? {
        guard let scalars = source.scalars(ofLine: number) else { return nil }
        var start = 0
        while start < scalars.count, scalars[start] == " " { start += 1 }
        if start + 1 < scalars.count, scalars[start] == "-", scalars[start + 1] == " " {
            start += 2
            while start < scalars.count, scalars[start] == " " { start += 1 }
        }
        var colon = start
        while colon < scalars.count, isKeyCharacter(scalars[colon], first: colon == start) { colon += 1 }
        guard colon > start, colon + 1 < scalars.count, scalars[colon] == ":",
              !" \t/".unicodeScalars.contains(scalars[colon + 1]) else { return nil }
        let key = String(String.UnicodeScalarView(scalars[start..<colon]))
        if scalars[colon + 1].isPastedSpace {
            return pastedSpaceAfterColon(scalars[colon + 1], key: key, at: SourceLocation(line: number, column: colon + 2))
        }
        let value = String(String.UnicodeScalarView(scalars[(colon + 1)..<contentEnd(of: scalars, from: colon + 1)]))
        guard !value.contains(": ") else { return nil }
        return Slip(hint: "`\(shortened(key + ":" + value))` has no space after its colon, so it reads as text, not a key and "
                          + "its value: write `\(shortened(key + ": " + value))`",
                    location: SourceLocation(line: number, column: colon + 1))
    }

    /// Where the text from `start` on a line ends: before a comment (`#` after a blank) and the
    /// blanks before it, or before the line's trailing blanks.
    static func contentEnd(of scalars: [Unicode.Scalar], from start: Int) -> Int {
        var end = scalars.count
        if start + 1 < scalars.count {
            for index in (start + 1)..<scalars.count where scalars[index] == "#" && (scalars[index - 1] == " " || scalars[index - 1] == "\t") {
                end = index
                break
            }
        }
        while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
        return end
    }

    static func isKeyCharacter(_ scalar: Unicode.Scalar, first: Bool) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z": true
        case "0"..."9", "_", "-": !first
        default: false
        }
    }

    /// A quote opened on the line where a `{…}` or `[…]` begins and not closed on that line: the
    /// quoted text runs on to the next quote in the file, and libyaml complains there.
    private static func unclosedQuote(from start: SourceLocation, closedBy closer: Unicode.Scalar, stoppedAt stop: SourceLocation,
                                      in source: SourceText) -> Slip? {
        guard let scalars = source.scalars(ofLine: start.line) else { return nil }
        var index = start.column - 1
        var previous: Unicode.Scalar = " "
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "#", previous == " " { return nil }  // a comment: nothing after it counts
            // A quote opens a quoted scalar only where a value begins.
            if scalar == "'" || scalar == "\"", "{[,: ".unicodeScalars.contains(previous) {
                guard let close = closingQuote(scalar, in: scalars, after: index) else {
                    // A quoted text may run over lines; one meant to close on this line ends the
                    // line with the collection's closing bracket (before any comment).
                    guard lastCharacter(of: scalars[(index + 1)...]) == closer else { return nil }
                    return Slip(hint: "the quote at line \(start.line), column \(index + 1) is not closed on its line, "
                                      + "so everything up to the next `\(scalar)` (by line \(stop.line)) was read as one text",
                                location: SourceLocation(line: start.line, column: index + 1))
                }
                index = close + 1
                previous = scalar
                continue
            }
            previous = scalar
            index += 1
        }
        return nil
    }

    /// The text's last character before trailing blanks and a comment.
    private static func lastCharacter(of text: ArraySlice<Unicode.Scalar>) -> Unicode.Scalar? {
        var end = text.endIndex
        for index in text.indices where text[index] == "#" && index > text.startIndex && text[index - 1] == " " {
            end = index
            break
        }
        return text[text.startIndex..<end].last { $0 != " " && $0 != "\t" }
    }

    /// The offset of the quote closing the one at `open`: `''` is an escaped quote in single
    /// quotes, `\"` in double quotes.
    private static func closingQuote(_ quote: Unicode.Scalar, in scalars: [Unicode.Scalar], after open: Int) -> Int? {
        var index = open + 1
        while index < scalars.count {
            if quote == "\"", scalars[index] == "\\" {
                index += 2
                continue
            }
            if scalars[index] == quote {
                if quote == "'", index + 1 < scalars.count, scalars[index + 1] == "'" {
                    index += 2
                    continue
                }
                return index
            }
            index += 1
        }
        return nil
    }

    /// Whether line `above` begins an entry at the column where line `below` begins: a key of the
    /// same mapping (`title:Plan` over `status: draft`), or a list item's first key over the item's
    /// next one (`- title:Plan` over `  status: draft`). A list item over a list item is not: there
    /// `- a:b` is legal text.
    private static func isSiblingKey(_ above: Int, of below: Int, in source: SourceText) -> Bool {
        guard let upper = entryStart(ofLine: above, in: source), let lower = entryStart(ofLine: below, in: source) else {
            return false
        }
        return upper.column == lower.column && !lower.isListItem
    }

    /// The column where a line's entry begins (after its indentation, and after `- ` on a list
    /// item), and whether it is a list item; nil for a blank line or one not in the file.
    private static func entryStart(ofLine number: Int, in source: SourceText) -> (column: Int, isListItem: Bool)? {
        guard let scalars = source.scalars(ofLine: number) else { return nil }
        var index = scalars.prefix { $0 == " " }.count
        guard index < scalars.count else { return nil }
        var isListItem = false
        if scalars[index] == "-", index + 1 < scalars.count, scalars[index + 1] == " " {
            isListItem = true
            index += 1
            while index < scalars.count, scalars[index] == " " { index += 1 }
        }
        return (index + 1, isListItem)
    }
}
