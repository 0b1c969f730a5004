/// Spaces YAML does not count as spaces, mostly a non-breaking space pasted from a word
/// processor: the person sees a space where YAML sees text, so libyaml's complaint is usually
/// about something else, often on a later line.
extension SyntaxSlips {
    /// A pasted space right after a key's colon (`area:` + U+00A0), found where the key is.
    static func pastedSpaceAfterColon(_ space: Unicode.Scalar, key: String, at location: SourceLocation) -> Slip {
        Slip(hint: pastedSpaceAfterColonHint(space, key: key, readAs: "one text"), location: location)
    }

    /// Why `key:` and a pasted `space` do not make a key and its value: they are read as `readAs`.
    static func pastedSpaceAfterColonHint(_ space: Unicode.Scalar, key: String, readAs: String) -> String {
        "the space after `\(key):` is \(name(of: space)), which YAML does not count as a space "
            + "(often pasted from a word processor), so `\(key):` and what follows read as \(readAs), "
            + "not a key and its value: replace it with an ordinary space"
    }

    /// `-` and a pasted space starting a line, on a line libyaml names: the line it stopped on, the
    /// start of what it was parsing, or the line above when the stopping line begins where that
    /// item's next entry or the next item would. Elsewhere `-` + U+00A0 may be legal text.
    static func pastedSpaceAfterDash(stoppedAt location: SourceLocation, parsingFrom contextLocation: SourceLocation?,
                                     in source: SourceText) -> Slip? {
        if let slip = pastedSpaceAfterDash(onLine: location.line, in: source) { return slip }
        if let contextLocation, let slip = pastedSpaceAfterDash(onLine: contextLocation.line, in: source),
           slip.location.column == contextLocation.column + 1 {
            return slip
        }
        guard let above = previousContentLine(before: location.line, in: source),
              let slip = pastedSpaceAfterDash(onLine: above, in: source),
              let start = source.scalars(ofLine: location.line)?.prefix(while: { $0 == " " }).count else { return nil }
        let dashColumn = slip.location.column - 1
        return [dashColumn, dashColumn + 2].contains(start + 1) ? slip : nil
    }

    private static func pastedSpaceAfterDash(onLine number: Int, in source: SourceText) -> Slip? {
        guard let scalars = source.scalars(ofLine: number) else { return nil }
        let dash = scalars.prefix { $0 == " " }.count
        guard dash + 1 < scalars.count, scalars[dash] == "-", scalars[dash + 1].isPastedSpace else { return nil }
        return Slip(hint: "the space after the list item's `-` is \(name(of: scalars[dash + 1])), which YAML does not count "
                          + "as a space (often pasted from a word processor), so the `-` and what follows read as one text, "
                          + "not a list item: replace it with an ordinary space",
                    location: SourceLocation(line: number, column: dash + 2))
    }

    /// The nearest line above `number` that begins at column 1 (the top-level entry the lines up
    /// to `number` belong to), when it begins with a pasted space. Such a line is read as a
    /// top-level entry however far it was meant to be indented, so the lines after it go wrong.
    static func pastedSpaceOpeningEntry(above number: Int, in source: SourceText) -> Int? {
        var line = number - 1
        while line >= 1 {
            if let first = source.scalars(ofLine: line)?.first, first != " ", first != "#" {
                return first.isPastedSpace ? line : nil
            }
            line -= 1
        }
        return nil
    }

    /// The nearest line above `number` that is neither blank nor only a comment.
    static func previousContentLine(before number: Int, in source: SourceText) -> Int? {
        var line = number - 1
        while line >= 1 {
            if let first = source.scalars(ofLine: line)?.first(where: { $0 != " " }), first != "#" { return line }
            line -= 1
        }
        return nil
    }

    static func name(of space: Unicode.Scalar) -> String {
        if space == "\u{A0}" { return "a non-breaking space, U+00A0" }
        return "the space U+" + MessageText.hex(space.value)
    }
}

extension Unicode.Scalar {
    /// A space other than U+0020 and tab, which YAML reads as text, not as a blank.
    public var isPastedSpace: Bool {
        self != " " && self != "\t" && properties.isWhitespace && !isYAMLLineBreak
    }
}

/// A key that holds `:` and a pasted space: inside `{…}` YAML reads `area:` + U+00A0 + `Y` as one
/// key, so the file loads and the slip shows only as an unknown key, whose message can say why.
/// So does a key indented with a pasted space: the space is part of its name, and at the start of
/// a line it makes the key a top-level one, whatever entry it was meant to belong to.
public enum PastedSpaceInKey {
    /// The hint for `key`, or nil when it neither begins with a pasted space nor holds a colon
    /// followed by one.
    public static func hint(for key: String) -> String? {
        let scalars = Array(key.unicodeScalars)
        if let first = scalars.first, first.isPastedSpace {
            return "the key begins with \(SyntaxSlips.name(of: first)), which YAML does not count as a space (often "
                + "pasted from a word processor), so it is part of the key's name, and at the start of a line it "
                + "makes the key a top-level one however far it was meant to be indented: use ordinary spaces"
        }
        for index in scalars.indices.dropLast() where scalars[index] == ":" && scalars[index + 1].isPastedSpace {
            let name = String(String.UnicodeScalarView(scalars[..<index]))
            return SyntaxSlips.pastedSpaceAfterColonHint(scalars[index + 1], key: name, readAs: "one key")
        }
        return nil
    }
}
