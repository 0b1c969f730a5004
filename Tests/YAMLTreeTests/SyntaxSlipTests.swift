import Testing
@testable import YAMLTree

/// The slips of hand-editing that libyaml reports in its own words, often on another line: each
/// is reported at the slip itself, with libyaml's message and plain advice.
@Suite struct SyntaxSlipTests {
    @Test(arguments: [
        // A tab indenting a key.
        ("plan:\n  title: A\n\tstatus: agreed\n", 3, 1,
         "found a tab character that violates indentation (while scanning a plain scalar that started at line 2, column 10); "
             + "a tab cannot indent YAML: indent with spaces"),
        // A non-breaking space pasted into the indentation.
        ("plans:\n  - title: A\n  \u{A0} status: agreed\n", 3, 3,
         "did not find expected '-' indicator (while parsing a block collection that started at line 2, column 3); "
             + "the line is indented with a non-breaking space, U+00A0, which YAML does not count as indentation "
             + "(often pasted from a word processor): indent with ordinary spaces"),
        // No space after a key's colon: reported at the colon, not on the next line.
        ("plan:\n  status:agreed   # as minuted\n  title: A\n", 2, 9,
         "did not find expected key (while parsing a block mapping that started at line 1, column 1); "
             + "`status:agreed` has no space after its colon, so it reads as text, not a key and its value: write `status: agreed`"),
        // A list item's first key, over the item's next key.
        ("plans:\n  - title:Plan\n    status: draft\n", 2, 10,
         "mapping values are not allowed in this context; "
             + "`title:Plan` has no space after its colon, so it reads as text, not a key and its value: write `title: Plan`"),
        // The next line continues the text, and libyaml stops at its colon.
        ("plan:\n  status:agreed\n  title: A\n", 2, 9,
         "mapping values are not allowed in this context; "
             + "`status:agreed` has no space after its colon, so it reads as text, not a key and its value: write `status: agreed`"),
        // The colon in `https://` is the URL's; the slip is the one before it.
        ("plan:\n  website:https://example.org\n  title: A\n", 2, 10,
         "mapping values are not allowed in this context; "
             + "`website:https://example.org` has no space after its colon, so it reads as text, not a key and its value: "
             + "write `website: https://example.org`"),
        // A quote opened inside `{…}` and never closed: reported where it opens, not at the next quote.
        ("contact: {name: 'Safer Team, email: a@example.org}\nnotes: none\nmore: none\nlast: the board's own\n", 1, 17,
         "did not find expected ',' or '}' (while parsing a flow mapping that started at line 1, column 10); "
             + "the quote at line 1, column 17 is not closed on its line, so everything up to the next `'` (by line 4) was read as one text"),
    ])
    func aSlipIsReportedWhereItIsWithAdvice(text: String, line: Int, column: Int, message: String) throws {
        let error = try #require(loadError(text))
        #expect(error.location == SourceLocation(line: line, column: column))
        #expect(error.message == message)
    }

    /// An entry out of line with its neighbours, `: ` inside a plain value, a list item among a
    /// mapping's keys and a `[` or `{` left open keep libyaml's place, with advice that is given only
    /// where the mend it advises gets libyaml past the line.
    @Test(arguments: [
        // A key one column too far in reads as more of the value above: both mends are named.
        ("partnership:\n  name: X\n   area: Y\n  nation: england\n", 3, 8,
         "mapping values are not allowed in this context; " + runOn("area:", "name", 2, 3)),
        ("notes:\n  summary: The plan was agreed\n    on 1 April: see minutes\n", 3, 15,
         "mapping values are not allowed in this context; " + runOn("on 1 April:", "summary", 2, 3)),
        // A key too far out, or a list item out of line with its list, where several columns would
        // do: the nearest first.
        ("a:\n  b: 1\n c: 2\n", 3, 2,
         "did not find expected key (while parsing a block mapping that started at line 1, column 1); "
             + misaligned("c:", 2, "a:", 1, 1, or: ", or to column 3 if it belongs with `b:` on line 2")),
        ("partners:\n  - id: a\n    name: x\n   - id: b\n", 4, 4,
         "did not find expected '-' indicator (while parsing a block collection that started at line 2, column 3); "
             + misaligned("- id:", 4, "- id:", 2, 3)),
        ("partners:\n  - id: a\n    name: x\n      role: police\n", 4, 11,
         "mapping values are not allowed in this context; " + runOn("role:", "name", 3, 5)),
        ("partnership:\n  contact:\n    name: A\n    email: b\n   area: Y\n", 5, 4,
         "did not find expected key (while parsing a block mapping that started at line 2, column 3); "
             + misaligned("area:", 4, "contact:", 2, 3, or: ", or to column 5 if it belongs with `email:` on line 4, "
                 + "or to column 1 if it belongs with `partnership:` on line 1")),
        // A line of text among keys is named, not the key after it.
        ("partnership:\n  name: X\n  see https://example.org/record\n  nation: england\n", 3, 3,
         "could not find expected ':' (while scanning a simple key that started at line 3, column 3); line 3 is text standing "
             + "among the keys of a mapping, where each entry is `key: value`: give it its key, or, if it continues the value "
             + "above, indent it further than that value's key or put the whole value in quotes"),
        // A hint quoting a long line quotes only its start.
        ("partnership:\n  nation:" + String(repeating: "e", count: 200) + "\n  area: x\n", 2, 9,
         "mapping values are not allowed in this context; `nation:" + String(repeating: "e", count: 53) + "…` has no space after "
             + "its colon, so it reads as text, not a key and its value: write `nation: " + String(repeating: "e", count: 52) + "…`"),
        // `: ` inside a value, quoted with a quote inside it doubled.
        ("notes:\n  - title: Plan: 2024\n", 2, 16,
         "mapping values are not allowed in this context; the value of `title` holds a colon followed by a space, which YAML "
             + "reads as the start of another key: put the value in quotes, `title: 'Plan: 2024'`"),
        // A mapping written on one line: nesting is the other mend.
        ("partnership:\n  contact: name: A\n", 2, 16,
         "mapping values are not allowed in this context; the value of `contact` holds a colon followed by a space, which YAML "
             + "reads as the start of another key: put the value in quotes, `contact: 'name: A'`; or, if `name:` is a key inside "
             + "`contact`, put it on a line of its own, indented under `contact:`"),
        ("a: it's: here\n", 1, 8,
         "mapping values are not allowed in this context; the value of `a` holds a colon followed by a space, which YAML "
             + "reads as the start of another key: put the value in quotes, `a: 'it''s: here'`"),
        ("partnership:\n  name: X\n  - area: Y\n", 3, 3,
         "did not find expected key (while parsing a block mapping that started at line 2, column 3); a list item (`- `) stands "
             + "where the mapping begun on line 2 expects its next key: a list goes under a key of its own (`key:` on the line "
             + "before the items), or the item is out of line with the items of its list"),
        ("contact: {name: Team, email: a@example.org\nnotes: none\n", 2, 6,
         "did not find expected ',' or '}' (while parsing a flow mapping that started at line 1, column 10); the `{` at line 1, "
             + "column 10 is not closed on its line, so the lines after it were read as part of it: end it with `}`, or, if the value "
             + "is text that begins with `{`, put the whole value in quotes"),
        // Text a hint quotes has its direction and control characters escaped.
        ("a: b: c\u{202E} x\n", 1, 5,
         "mapping values are not allowed in this context; the value of `a` holds a colon followed by a space, which YAML "
             + "reads as the start of another key: put the value in quotes, `a: 'b: c\\u{202E} x'`; or, if `b:` is a key inside "
             + "`a`, put it on a line of its own, indented under `a:`"),
        // A comment ends the value above, so nothing runs on: the line is only out of place.
        ("k: v #c\n  x: 1\n", 2, 3,
         "did not find expected key (while parsing a block mapping that started at line 1, column 1); " + misaligned("x:", 3, "k:", 1, 1)),
        // The key a run-on line would start is the one before `: `, not a URL's scheme.
        ("notes:\n  summary: see\n    https://example.org: y\n", 3, 24,
         "mapping values are not allowed in this context; " + runOn("https://example.org:", "summary", 2, 3)),
        // Text among keys after a quoted value cannot continue it; and an invisible break is named
        // only where a space in its place mends the file.
        ("a:\n  b: \"x\"\n  some text\n  c: 1\n", 3, 3,
         "could not find expected ':' (while scanning a simple key that started at line 3, column 3); line 3 is text standing "
             + "among the keys of a mapping, where each entry is `key: value`: give it its key"),
        ("a: \"x\"\u{2028}more text\nb: 1\n", 2, 1,
         "could not find expected ':' (while scanning a simple key that started at line 2, column 1); line 2 is text standing "
             + "among the keys of a mapping, where each entry is `key: value`: give it its key"),
        ("notes: a\u{2028}b\nc: 1\n", 2, 1,
         "could not find expected ':' (while scanning a simple key that started at line 2, column 1); line 1 ends in U+2028 "
             + "(LINE SEPARATOR), an invisible character YAML counts as a line break, so line 2 stands on its own among the keys: "
             + "replace that character with a space"),
        // Where the advised mend would not get past the line, libyaml's words stand: the line has
        // another slip too, or a list runs over lines on purpose.
        ("partnership:\n  name: X\n   area: Y: Z\n", 3, 8, "mapping values are not allowed in this context"),
        ("covers: [a,\n  b, c: d e\n", 3, 1, "did not find expected ',' or ']' (while parsing a flow sequence that started at line 1, column 9)"),
    ])
    func aSlipOnTheLineLibyamlStopsOnIsExplained(text: String, line: Int, column: Int, message: String) throws {
        let error = try #require(loadError(text))
        #expect(error.location == SourceLocation(line: line, column: column))
        #expect(error.message == message)
    }

    private static func runOn(_ own: String, _ key: String, _ line: Int, _ column: Int) -> String {
        "`\(own)` is indented under `\(key):` on line \(line), which has a value on its line, so it is read as more of that "
            + "value, where a colon and a space cannot be: if `\(own)` is a key of its own, start it at column \(column); if it "
            + "continues the value, put the whole value of `\(key)` in quotes"
    }

    private static func misaligned(_ own: String, _ column: Int, _ other: String, _ line: Int, _ otherColumn: Int,
                                   or alternative: String = "") -> String {
        "`\(own)` starts at column \(column), but `\(other)` on line \(line) starts at column \(otherColumn): the entries of "
            + "one mapping or list must start in the same column, so move it to column \(otherColumn)" + alternative
    }

    /// A space pasted from a word processor (U+00A0) looks like a space but is text to YAML:
    /// named where it is, whichever line libyaml stops on.
    @Test(arguments: [
        // As the first character of the indentation, the line is read as a top-level key and the
        // next line continues its value.
        ("partnership:\n  name: X\n\u{A0} area: London Borough of Bromley\n  nation: england\n", 3, 1,
         "mapping values are not allowed in this context; " + indentedWithNBSP),
        ("partnership:\n  name: X\n\u{A0}\u{A0}area: London Borough of Bromley\n  nation: england\n", 3, 1,
         "mapping values are not allowed in this context; " + indentedWithNBSP),
        // ... or, after a comment, libyaml stops at the next key.
        ("partnership:\n  name: X\n\u{A0} area_type: london_borough\n  # tier two\n  tier_one_authority: GLA\n", 3, 1,
         "did not find expected key (while parsing a block mapping that started at line 1, column 1); " + indentedWithNBSP),
        // After a key's colon.
        ("partnership:\n  area:\u{A0}London Borough of Bromley\n  nation: england\n", 2, 8,
         "mapping values are not allowed in this context; " + nbspAfterColon("area")),
        ("plans:\n  - status:\u{A0}consulted\n    title: A\n", 2, 12,
         "mapping values are not allowed in this context; " + nbspAfterColon("status")),
        ("plans:\n  - title:\u{A0}A\n    # agreed at the board\n    status: agreed\n", 2, 11,
         "did not find expected '-' indicator (while parsing a block collection that started at line 2, column 3); "
             + nbspAfterColon("title")),
        ("contact:\u{A0}{name: Community Safety Team, email: a@example.org}\n", 1, 9,
         "mapping values are not allowed in this context; " + nbspAfterColon("contact")),
        // After a list item's dash: on the line libyaml stops at, and on the first item above it.
        ("partners:\n  - id: lbb\n  -\u{A0}id: met-police\n    role: police\n", 3, 4,
         "did not find expected '-' indicator (while parsing a block collection that started at line 2, column 3); " + nbspAfterDash),
        ("partners:\n  -\u{A0}id: lbb\n    role: local_authority\n", 2, 4,
         "mapping values are not allowed in this context; " + nbspAfterDash),
    ])
    func aPastedSpaceIsNamedWhereItIs(text: String, line: Int, column: Int, message: String) throws {
        let error = try #require(loadError(text))
        #expect(error.location == SourceLocation(line: line, column: column))
        #expect(error.message == message)
    }

    private static let indentedWithNBSP = "the line is indented with a non-breaking space, U+00A0, which YAML does not count as "
        + "indentation (often pasted from a word processor): indent with ordinary spaces"
    private static let nbspAfterDash = "the space after the list item's `-` is a non-breaking space, U+00A0, which YAML does not "
        + "count as a space (often pasted from a word processor), so the `-` and what follows read as one text, not a list item: "
        + "replace it with an ordinary space"

    private static func nbspAfterColon(_ key: String) -> String {
        "the space after `\(key):` is a non-breaking space, U+00A0, which YAML does not count as a space (often pasted from "
            + "a word processor), so `\(key):` and what follows read as one text, not a key and its value: "
            + "replace it with an ordinary space"
    }

    /// Inside `{…}` a colon ends a key only before a space, and `status:` + U+00A0 is a legal key
    /// of its own, so the file loads: the slip can only show as an unknown key.
    @Test func aPastedSpaceAfterAColonInAFlowMappingLoads() {
        #expect(loadError("plans:\n  - {status:\u{A0}consulted}\n") == nil)
    }

    /// A URL's colon alone is no slip: a colon inside a value is blamed on its own line, where
    /// quoting the value mends it.
    @Test func aColonInsideAValueIsNotBlamedOnALineAbove() throws {
        let error = try #require(loadError("links:\n  - https://example.org\nplan:\n  title: Plan: 2024\n"))
        #expect(error.message == "mapping values are not allowed in this context; the value of `title` holds a colon followed "
            + "by a space, which YAML reads as the start of another key: put the value in quotes, `title: 'Plan: 2024'`")
        #expect(error.location == SourceLocation(line: 4, column: 14))
    }

    /// Where `a:b` is legal text (a list item, a block scalar's line) or a quoted text runs on over
    /// lines on purpose, the error elsewhere keeps libyaml's words and place.
    @Test(arguments: [
        ("partnership:\n  name: X\n  tags:\n    - a:b\n    - c\n   nation: england\n", 6, 4),
        ("plans:\n  - title: A\n    notes: |\n      ratio:3\n     bad: 1\n", 5, 6),
        ("partnership: {name: \"Community\n  Safety\", nation: england area_type: x}\n", 2, 37),
        ("partnership: {name: \"Community (Safety) [SBP]\n  Partnership\", nation: england area_type: x}\n", 2, 42),
        ("notes:\n  - a:b\n  - x: y: z\n", 3, 9),
        // U+00A0 inside a value, quoted or plain, or after a colon or dash inside a list item's
        // text or a block scalar, is text.
        ("partnership:\n  name: Safer\u{A0}Bromley\n   nation: england\n", 3, 10),
        ("partnership:\n  name: 'Safer\u{A0}Bromley'\n   nation: england\n", 3, 4),
        ("notes:\n  - a:\u{A0}b\n  - x: y: z\n", 3, 9),
        ("notes:\n  - -\u{A0}b\n  - x: y: z\n", 3, 9),
        ("plans:\n  - title: A\n    notes: |\n      -\u{A0}first\n     bad: 1\n", 5, 6),
        ("notes: |\n  a\n  -\u{A0}b\n x: 1\n", 4, 2),
        // A quoted text run over lines may hold `-` + U+00A0, or start a line with U+00A0: legal, so
        // the error below keeps its place (mending the space would not get libyaml past it).
        ("partners:\n  - id: lbb\n    name: \"London\n    -\u{A0}Borough\"\n    role: police: x\n", 5, 17),
        ("note: \"a long\n\u{A0}text\"\n  bad: 1\n", 3, 3),
    ])
    func legalTextIsNotBlamed(text: String, line: Int, column: Int) throws {
        let error = try #require(loadError(text))
        #expect(!error.message.contains("no space after its colon"))
        #expect(!error.message.contains("not closed on its line"))
        #expect(!error.message.contains("U+00A0"))
        #expect(error.location == SourceLocation(line: line, column: column))
    }

    /// A closed quote inside `{…}` is no slip: the error after it keeps libyaml's place, and the
    /// hint is the `{` left open.
    @Test func aClosedQuoteInAFlowMappingIsNotBlamed() throws {
        let error = try #require(loadError("contact: {name: 'Safer Team', email: a@example.org\nnotes: none\n"))
        #expect(!error.message.contains("quote at line"))
        #expect(error.message.hasSuffix("; the `{` at line 1, column 10 is not closed on its line, so the lines after it were "
            + "read as part of it: end it with `}`, or, if the value is text that begins with `{`, put the whole value in quotes"))
        #expect(error.location?.line == 2)
    }

    @Test func utf16WithoutAByteOrderMarkIsNamed() throws {
        var bytes: [UInt8] = []
        for unit in "plan: agreed\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let error = try #require(loadError(bytes: bytes))
        #expect(error.location == SourceLocation(line: 1, column: 2))
        #expect(error.message == "control character U+0000 is not allowed; the file looks like UTF-16 without a byte-order mark: save it as UTF-8")
    }

    /// A NUL in a UTF-8 file is only a control character.
    @Test func aStrayNULIsNotCalledUTF16() throws {
        let error = try #require(loadError(bytes: Array("plan: agreed\nnote: a\u{0}b\n".utf8)))
        #expect(error.message == "control character U+0000 is not allowed")
    }
}
