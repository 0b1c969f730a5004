import Testing
import YAMLTree

/// One test (or more) for each libyaml pitfall in swift-style.md §4.4, plus the empty-input abort.
@Suite struct PitfallTests {
    // MARK: 1. Aliases and billion laughs

    /// Nine levels of nine aliases each: 9^9 logical nodes from a 700-byte file.
    static let billionLaughs: String = {
        var lines = ["l0: &l0 [lol]"]
        for level in 1...9 {
            let refs = Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ")
            lines.append("l\(level): &l\(level) [\(refs)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    /// A direction control (an override or isolate) in any text is refused where the text starts:
    /// left open in a name, it reverses what a report, an e-mail or a terminal shows after it. The
    /// snippet shows it as U+FFFD, so the error itself is not reversed. The marks U+200E and U+200F
    /// are left alone.
    @Test(arguments: [
        ("name: London \u{202E}of Bromley\n", 1, 7, "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("name: \"London \\u202Aof\"\n", 1, 7, "U+202A (LEFT-TO-RIGHT EMBEDDING)"),
        ("list:\n  - ok\n  - x\u{2067}y\n", 3, 5, "U+2067 (RIGHT-TO-LEFT ISOLATE)"),
        ("k\u{2069}: 1\n", 1, 1, "U+2069 (POP DIRECTIONAL ISOLATE)"),
    ])
    func directionControlsAreRefused(text: String, line: Int, column: Int, control: String) {
        let error = loadError(text)
        #expect(error?.location == SourceLocation(line: line, column: column))
        #expect(error?.message == "this text holds \(control), an invisible control that reverses or reorders the text shown "
            + "around it in reports, e-mails and terminals: remove it")
        let rendered = error?.rendered(in: SourceText(bytes: Array(text.utf8))) ?? ""
        #expect(!rendered.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
    }

    /// In UTF-16 the control's bytes are not UTF-8's, and in a quoted escape they are not in the file
    /// at all: both are still found.
    @Test func directionControlsAreFoundInUTF16AndEscapes() {
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "a: x\u{202E}y\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(loadError(bytes: utf16)?.message.hasPrefix("this text holds U+202E (RIGHT-TO-LEFT OVERRIDE)") == true)
        #expect(loadError("a: \"x\\u2066y\"\n")?.message.hasPrefix("this text holds U+2066 (LEFT-TO-RIGHT ISOLATE)") == true)
    }

    /// libyaml decodes `%XX` in a tag, so the tag named in a message has its controls escaped.
    @Test func aTagIsShownWithItsControlsEscaped() {
        #expect(loadError("name: !%E2%80%AE abc\n")?.message == "unsupported tag !\\u{202E}; only !!str, !!int, !!float, !!bool and !!null are allowed")
        #expect(loadError("name: !%1B%5B31m abc\n")?.message.hasPrefix("unsupported tag !\\u{1B}[31m;") == true)
    }

    @Test func directionMarksAreText() throws {
        #expect(loadError("name: \"\u{200F}\u{627}\u{200E}\"\n") == nil)
    }

    @Test func billionLaughsFailsFastAtTheAlias() {
        let clock = ContinuousClock()
        var error: Diagnostic?
        let elapsed = clock.measure { error = loadError(Self.billionLaughs) }
        #expect(elapsed < .seconds(1))
        // l5 stands for 125,479 nodes (level k: 1 + 9 x level k-1, from 2), so the first alias
        // to it, in l6, takes the count past 200,000.
        #expect(error?.message == "alias *l5 expands the document beyond the limit of 200000 nodes")
        #expect(error?.location == at(7, 10))
    }

    @Test func aliasesCountTheirWholeSubtree() throws {
        // root 1 + key a 1 + [1,2,3] 4 + key b 1 + *x 4 + key c 1 + *x 4 = 16 logical nodes.
        let text = "a: &x [1, 2, 3]\nb: *x\nc: *x\n"
        let root = try load(text, limits: YAMLLimits(maxNodes: 16))
        #expect(root["c"] == root["a"].map { YAMLNode(kind: $0.kind, location: at(3, 4)) })
        let error = loadError(text, limits: YAMLLimits(maxNodes: 15))
        #expect(error?.message == "alias *x expands the document beyond the limit of 15 nodes")
        #expect(error?.location == at(3, 4))
    }

    @Test func plainNodesCountTowardsTheLimitToo() {
        let error = loadError("[1, 2, 3, 4]", limits: YAMLLimits(maxNodes: 4))
        #expect(error?.message == "the document has more than 4 nodes")
        #expect(error?.location == at(1, 11))
    }

    @Test func anAliasTakesTheAliasLocationAndKeepsTheAnchoredChildren() throws {
        let root = try load("base: &b\n  name: x\ncopy: *b\n")
        let copy = try #require(root["copy"])
        #expect(copy.location == at(3, 7))
        #expect(copy["name"]?.location == at(2, 9))
        #expect(copy["name"]?.stringValue == "x")
    }

    // MARK: 2. Recursive aliases

    @Test(arguments: [
        ("&a [*a]", at(1, 5)),
        ("a: &x {b: *x}", at(1, 11)),
        ("a: &x\n  - 1\n  - *x\n", at(3, 5)),
    ])
    func aliasInsideItsOwnAnchorIsUndefined(text: String, location: SourceLocation) {
        let error = loadError(text)
        #expect(error?.message.hasPrefix("undefined alias *") == true)
        #expect(error?.location == location)
    }

    @Test func undefinedAliasMessage() {
        #expect(renderedError("a: 1\nb: *nope\n") == """
            t.yaml:2:4: error: undefined alias *nope (an anchor must be complete before it is used)
            b: *nope
               ^
            """)
    }

    // MARK: 3. Depth

    @Test func deepNestingFailsAtTheLimitWithoutRecursing() {
        let text = String(repeating: "[", count: 200_000)
        let error = loadError(text)
        #expect(error?.message == "nesting is deeper than the limit of 64 levels")
        #expect(error?.location == at(1, 65))
    }

    @Test func nestingAtTheLimitLoads() throws {
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        var node = try load(text)
        var depth = 1
        while let inner = node.items?.first {
            node = inner
            depth += 1
        }
        #expect(depth == 64)
    }

    @Test func aliasesCannotNestPastTheLimit() {
        let text = "a: &deep [[[1]]]\nb: [*deep]\n"
        #expect((try? load(text, limits: YAMLLimits(maxDepth: 5))) != nil)
        let error = loadError(text, limits: YAMLLimits(maxDepth: 4))
        #expect(error?.message == "alias *deep nests the document deeper than the limit of 4 levels")
        #expect(error?.location == at(2, 5))
    }

    // MARK: 4. Duplicate keys

    @Test func duplicateKeyNamesBothLines() {
        #expect(renderedError("a: 1\nb: 2\na: 3\n") == """
            t.yaml:3:1: error: duplicate key "a" (first defined at line 1)
            a: 3
            ^
            t.yaml:1:1: note: first defined here
            """)
        #expect(loadError("a: 1\nb: 2\na: 3\n")?.notes == [Diagnostic.Note("first defined here", at: at(1, 1))])
    }

    @Test(arguments: [
        ("a: 1\n\"a\": 2", "a"),
        ("1: x\n0x1: y", "0x1"),
        ("1: x\n'1': y", "1"),
        ("~: x\nnull: y", "null"),
        ("{b: 1, c: {d: 1, d: 2}}", "d"),
    ])
    func duplicatesCompareTextAndResolvedValue(text: String, key: String) {
        #expect(loadError(text)?.message.hasPrefix("duplicate key \"\(key)\"") == true)
    }

    @Test func sameKeyInDifferentMappingsIsFine() throws {
        let root = try load("a: {x: 1}\nb: {x: 2}\n")
        #expect(root["b"]?["x"]?.intValue == 2)
    }

    @Test func duplicateInALargeMappingIsFoundThroughTheIndex() {
        var lines = (1...30).map { "key\($0): \($0)" }
        lines.append("key7: again")
        let error = loadError(lines.joined(separator: "\n"))
        #expect(error?.message == "duplicate key \"key7\" (first defined at line 7)")
        #expect(error?.location == at(31, 1))
        var numeric = (1...30).map { "\($0): x" }
        numeric.append("0x1E: y")
        #expect(loadError(numeric.joined(separator: "\n"))?.message == "duplicate key \"0x1E\" (first defined at line 30)")
    }

    @Test(arguments: [
        ("? [a]\n: 1\n", "a mapping key must be a scalar, not a sequence", at(1, 3)),
        ("{[a]: 1}", "a mapping key must be a scalar, not a sequence", at(1, 2)),
        ("? {a: 1}\n: 1\n", "a mapping key must be a scalar, not a mapping", at(1, 3)),
        ("x: &m {a: 1}\n*m : 2\n", "a mapping key must be a scalar, not a mapping", at(2, 1)),
    ])
    func nonScalarKeysAreErrors(text: String, message: String, location: SourceLocation) {
        let error = loadError(text)
        #expect(error?.message == message)
        #expect(error?.location == location)
    }

    // MARK: 5. Duplicate anchors

    @Test func aRedefinedAnchorShadowsTheEarlierOne() throws {
        let root = try load("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
        #expect(root["b"]?.intValue == 1)
        #expect(root["d"]?.intValue == 2)
    }

    // MARK: 6. Tags, typing and merge keys

    @Test func untaggedAndStrTaggedScalarsDiffer() throws {
        let root = try load("a: 123\nb: !!str 123\nc: yes\n")
        #expect(root["a"]?.scalarValue == .int(123))
        #expect(root["b"]?.scalarValue == .string("123"))
        #expect(root["c"]?.scalarValue == .string("yes"))
    }

    @Test func mergeKeysAreRefused() {
        #expect(renderedError("base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n") == """
            t.yaml:3:3: error: merge keys (<<) are not supported; write the keys out in full
              <<: *b
              ^
            """)
    }

    @Test func aQuotedMergeKeyIsAnOrdinaryString() throws {
        #expect(try load("\"<<\": 1\n")["<<"]?.intValue == 1)
    }

    // MARK: 7. Encoding and positions

    @Test func invalidUTF8IsPositionedFromTheByteOffset() {
        let bytes = Array("a: 1\nb: caf".utf8) + [0xFF] + Array("\n".utf8)
        let error = loadError(bytes: bytes)
        #expect(error?.message == "invalid UTF-8 (invalid leading UTF-8 octet 0xFF)")
        #expect(error?.location == at(2, 7))
        #expect(render(error!, source: bytes) == """
            t.yaml:2:7: error: invalid UTF-8 (invalid leading UTF-8 octet 0xFF)
            b: caf\u{FFFD}
                  ^
            """)
    }

    @Test func truncatedUTF8AtTheEnd() {
        let bytes = Array("a: é".utf8).dropLast()
        let error = loadError(bytes: Array(bytes))
        #expect(error?.message == "invalid UTF-8 (incomplete UTF-8 octet sequence)")
        #expect(error?.location == at(1, 4))
    }

    @Test func controlCharacterIsPositionedAtItsColumnNotAtOneOne() {
        let error = loadError("a: b\u{7}c\n")
        #expect(error?.message == "control character U+0007 is not allowed")
        #expect(error?.location == at(1, 5))
        #expect(renderedError("x: 1\nab: \u{1B}[31m\n") == """
            t.yaml:2:5: error: control character U+001B is not allowed
            ab: \u{FFFD}[31m
                ^
            """)
    }

    @Test func utf8ByteOrderMarkIsSkipped() throws {
        let root = try YAMLLoader.load(bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\nb: x\n".utf8), file: "t.yaml")
        #expect(root.entries?.first?.key.location == at(1, 1))
        #expect(root["a"]?.location == at(1, 4))
        #expect(root["b"]?.location == at(2, 4))
        let bad = [0xEF, 0xBB, 0xBF] + Array("a: \u{7}\n".utf8)
        #expect(loadError(bytes: bad)?.location == at(1, 4))
    }

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    @Test(arguments: [false, true])
    func utf16WithByteOrderMarkIsAccepted(bigEndian: Bool) throws {
        let root = try YAMLLoader.load(bytes: Self.utf16("name: Zoë 😀\nn: 2\n", bigEndian: bigEndian), file: "t.yaml")
        #expect(root["name"]?.stringValue == "Zoë 😀")
        #expect(root.entries?.last?.key.location == at(2, 1))
        #expect(root["n"]?.location == at(2, 4))
        let error = loadError(bytes: Self.utf16("a: 😀\nb: \u{7}\n", bigEndian: bigEndian))
        #expect(error?.location == at(2, 4))
    }

    @Test func columnsCountUnicodeScalars() throws {
        let root = try load("ké: 😀x\nb: [é, 😀, z]\n")
        #expect(root["ké"]?.location == at(1, 5))
        #expect(root["b"]?.items?.map(\.location) == [at(2, 5), at(2, 8), at(2, 11)])
    }

    @Test func aTabCountsAsOneColumn() throws {
        let root = try load("a: [1,\t2]\n")
        #expect(root["a"]?.items?.last?.location == at(1, 8))
    }

    /// libyaml breaks lines at NEL, LS and PS as well as CR, LF and CRLF.
    @Test(arguments: ["\u{85}", "\u{2028}", "\u{2029}", "\r", "\r\n"])
    func unusualLineBreaksMoveLineNumbers(lineBreak: String) throws {
        let text = ["a: 1", "b: [x,", " y]", "c: 3"].joined(separator: lineBreak)
        let root = try load(text)
        #expect(root["b"]?.location == at(2, 1 + 3))
        #expect(root["b"]?.items?.last?.location == at(3, 2))
        #expect(root["c"]?.location == at(4, 4))
        let bad = ["a: 1", "b: 2", "a: 3"].joined(separator: lineBreak)
        #expect(renderedError(bad) == """
            t.yaml:3:1: error: duplicate key "a" (first defined at line 1)
            a: 3
            ^
            t.yaml:1:1: note: first defined here
            """)
    }

    @Test func snippetShowsTheLineAfterANextLine() {
        #expect(renderedError("a: 1\u{85}b: [1,\u{2028}c: 2") == """
            t.yaml:3:5: error: did not find expected ',' or ']' (while parsing a flow sequence that started at line 2, column 4); the `[` at line 2, column 4 is not closed on its line, so the lines after it were read as part of it: end it with `]`, or, if the value is text that begins with `[`, put the whole value in quotes
            c: 2
                ^
            """)
    }

    // MARK: 8. Collection end marks

    @Test func collectionsArePlacedAtTheirStart() throws {
        let root = try load("top:\n  inner: 1\n  list:\n    - a\n")
        #expect(root.location == at(1, 1))
        #expect(root["top"]?.location == at(2, 3))
        #expect(root["top"]?["list"]?.location == at(4, 5))
    }

    // MARK: 9. Multiple documents and empty input

    @Test func aSecondDocumentIsAnError() {
        #expect(renderedError("a: 1\n---\nb: 2\n") == """
            t.yaml:2:1: error: a second YAML document starts here; a file holds exactly one document
            ---
            ^
            """)
        #expect(loadError("a: 1\n...\nb: 2\n")?.location == at(3, 1))
    }

    @Test func oneDocumentWithMarkersLoads() throws {
        #expect(try load("---\na: 1\n...\n")["a"]?.intValue == 1)
    }

    /// Passing libyaml a NULL input pointer aborts the process (assertion in Debian's build);
    /// reaching the expectation at all shows the loader never does.
    @Test func emptyInputIsAnErrorNotAnAbort() {
        let error = loadError(bytes: [])
        #expect(error?.message == "the file is empty; it must hold one YAML document")
        #expect(error?.location == at(1, 1))
    }

    @Test(arguments: ["# only a comment\n", "\n\n   \n", "\u{FEFF}", "# a\n# b"])
    func aFileWithoutADocumentIsAnError(text: String) {
        let error = loadError(text)
        #expect(error?.message == "the file holds no YAML document, only comments or blank lines")
        #expect(error?.location == at(1, 1))
    }

    @Test func anExplicitEmptyDocumentIsNull() throws {
        #expect(try load("---\n").isNull)
        #expect(try load("~").isNull)
    }

    // MARK: 10. Version directives

    @Test(arguments: ["%YAML 1.1", "%YAML 1.2"])
    func versionDirectivesStillUseTheCoreSchema(directive: String) throws {
        let root = try load("\(directive)\n---\nflag: yes\nn: 0o10\n")
        #expect(root["flag"]?.stringValue == "yes")
        #expect(root["n"]?.intValue == 8)
    }

    @Test func otherVersionsAreRefusedByLibyaml() {
        let error = loadError("%YAML 2.0\n---\na: 1\n")
        #expect(error?.message == "found incompatible YAML document")
        #expect(error?.location == at(1, 1))
    }
}

extension PitfallTests {
    /// Keys compare by Unicode scalars, as YAML does: a precomposed and a decomposed `é` are two
    /// keys, in small mappings (hashes) and large ones (index) alike, and lookups keep them apart.
    @Test(arguments: [0, 40])
    func canonicallyEquivalentKeysStayDistinct(padding: Int) throws {
        let filler = (0..<padding).map { "k\($0): \($0)\n" }.joined()
        let root = try load(filler + "caf\u{E9}: composed\ncafe\u{301}: decomposed\n")
        #expect(root["caf\u{E9}"]?.stringValue == "composed")
        #expect(root["cafe\u{301}"]?.stringValue == "decomposed")
        let error = loadError(filler + "caf\u{E9}: 1\ncaf\u{E9}: 2\n")
        #expect(error?.message == "duplicate key \"caf\u{E9}\" (first defined at line \(padding + 1))")
    }
}
