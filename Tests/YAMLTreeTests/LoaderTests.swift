import CLibYAML
import Testing
import YAMLTree

/// The shape of loaded trees, their positions, accessors, limits and libyaml's own errors.
@Suite struct LoaderTests {
    @Test func linkedLibyamlIsVersion02() {
        let version = String(cString: yaml_get_version_string())
        #expect(version.hasPrefix("0.2"))
    }

    static let record = """
        dutycheck: 1
        partnership:
          name: Safer Bromley Partnership
          nation: england
        partners:
          - id: lbb
            responsible_authority: true
          - {id: met, approved: ~}
        plans:
          - period: {start: 2024-04-01, end: 2027-03-31}
            covers: [crime_and_disorder, serious_violence]

        """

    @Test func loadsARecordWithPositions() throws {
        let root = try load(Self.record)
        #expect(root.kindName == "mapping")
        #expect(root.entries?.map { $0.key.scalar?.text } == ["dutycheck", "partnership", "partners", "plans"])
        #expect(root["dutycheck"]?.intValue == 1)
        #expect(root["partnership"]?["name"]?.stringValue == "Safer Bromley Partnership")
        #expect(root["partnership"]?["name"]?.location == at(3, 9))
        let partners = try #require(root["partners"]?.items)
        #expect(partners.count == 2)
        #expect(partners[0].location == at(6, 5))
        #expect(partners[0]["responsible_authority"]?.boolValue == true)
        #expect(partners[1]["approved"]?.isNull == true)
        #expect(partners[1]["approved"]?.location == at(8, 25))
        let period = try #require(root["plans"]?.items?.first?["period"])
        #expect(period["end"]?.stringValue == "2027-03-31")
        #expect(period["end"]?.location == at(10, 38))
        #expect(root["plans"]?.items?.first?["covers"]?.items?.compactMap(\.stringValue)
                == ["crime_and_disorder", "serious_violence"])
    }

    @Test func scalarStylesAreKept() throws {
        let root = try load("""
            p: plain
            s: 'single'
            d: "double"
            l: |
              literal
            f: >
              folded
              text

            """)
        let styles = root.entries?.compactMap { $0.value.scalar?.style }
        #expect(styles == [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
        #expect(root["l"]?.stringValue == "literal\n")
        #expect(root["f"]?.stringValue == "folded text\n")
    }

    @Test func scalarsAreCopiedByLengthSoNULSurvives() throws {
        let text = try #require(try load(#"v: "a\0b""#)["v"]?.stringValue)
        #expect(Array(text.utf8) == [0x61, 0x00, 0x62])
    }

    @Test func accessorsReturnNilForOtherKinds() throws {
        let root = try load("m: {a: 1}\ns: [x]\nt: text\nn: 2.5\nb: false\nz: ~\n")
        #expect(root["s"]?["a"] == nil)
        #expect(root["m"]?["missing"] == nil)
        #expect(root["t"]?.entries == nil)
        #expect(root["m"]?.items == nil)
        #expect(root["m"]?.scalar == nil)
        #expect(root["n"]?.stringValue == nil)
        #expect(root["n"]?.doubleValue == 2.5)
        #expect(root["m"]?["a"]?.doubleValue == 1)
        #expect(root["t"]?.intValue == nil)
        #expect(root["z"]?.isNull == true)
        #expect(root["t"]?.isNull == false)
        #expect(root["m"]?.isMapping == true)
        #expect(root["s"]?.isSequence == true)
        let names = root.entries?.map(\.value.kindName)
        #expect(names == ["mapping", "sequence", "string", "number", "boolean", "null"])
        #expect(root["m"]?["a"]?.kindName == "integer")
    }

    @Test func subscriptMatchesTheKeyText() throws {
        let root = try load("'quoted': 1\n2024: year\nnull: n\n")
        #expect(root["quoted"]?.intValue == 1)
        #expect(root["2024"]?.stringValue == "year")
        #expect(root["null"]?.stringValue == "n")
    }

    /// Each entry keeps its key's hash for look-ups by name: the loader's (plain, quoted and alias
    /// keys alike) is the one an entry made by hand works out, and a key with a character outside
    /// ASCII, which may equal an ASCII name canonically, has none (0), so its text is compared.
    @Test func entriesKeepTheirKeysHashes() throws {
        let root = try load("""
            plain: 1
            "quoted": 2
            &name anchored: 3
            nested: {*name : 4}
            caf\u{E9}: 5

            """)
        let entries = try #require(root.entries)
        #expect(entries.map(\.keyHash) == ["plain", "quoted", "anchored", "nested", "caf\u{E9}"].map(KeyHash.ofASCII))
        #expect(entries.map(\.keyHash) == entries.map { YAMLEntry(key: $0.key, value: $0.value).keyHash })
        #expect(root["nested"]?.entries?.first?.keyHash == KeyHash.ofASCII("anchored"))
        #expect(entries[4].keyHash == 0 && KeyHash.ofASCII("plain") != 0)
        // Changing a key changes its hash.
        var entry = entries[0]
        entry.key = entries[1].key
        #expect(entry.keyHash == KeyHash.ofASCII("quoted"))
    }

    @Test func anEmptyValueIsNullAndKeepsAPosition() throws {
        let root = try load("a:\nb: 1\n")
        #expect(root["a"]?.isNull == true)
        #expect(root["a"]?.scalar?.text == "")
    }

    @Test func fileOverTheByteLimitIsRefusedBeforeParsing() {
        let error = loadError("a: [1, 2, 3", limits: YAMLLimits(maxBytes: 10))
        #expect(error?.message == "the file is 11 bytes, over the limit of 10 bytes")
        #expect(error?.location == at(1, 1))
        #expect((try? load("a: 1", limits: YAMLLimits(maxBytes: 4))) != nil)
    }

    @Test func scalarsAndTheirTextAreBounded() throws {
        let limits = YAMLLimits(maxScalarBytes: 8, maxTextBytes: 20)
        #expect((try? load("a: 12345678", limits: limits)) != nil)
        #expect(loadError("a: 123456789", limits: limits)?.description == "t.yaml:1:4: error: a scalar of 9 bytes is longer than the limit of 8 bytes")
        // The anchored scalar, the keys and each alias count: 1 + 8 + 1 + 8 = 18, then 1 + 8 = 27.
        #expect(loadError("a: &x 12345678\nb: *x\nc: *x\n", limits: limits)?.description
                == "t.yaml:3:4: error: alias *x expands the document beyond the limit of 20 bytes of text")
        // Without aliases, past the limit at the scalar that crosses it.
        #expect(loadError("a: 12345678\nb: 12345678\nc: 12\n", limits: limits)?.description
                == "t.yaml:3:4: error: the document has more than 20 bytes of text")
    }

    @Test func defaultLimits() {
        let limits = YAMLLimits()
        #expect(limits.maxBytes == 4 << 20)
        #expect(limits.maxDepth == 64)
        #expect(limits.maxNodes == 200_000)
    }

    @Test(arguments: [
        ("a: [1, 2\n", "did not find expected ',' or ']' (while parsing a flow sequence that started at line 1, column 4); "
             + "the `[` at line 1, column 4 is not closed on its line, so the lines after it were read as part of it: end it with `]`, "
             + "or, if the value is text that begins with `[`, put the whole value in quotes", at(2, 1)),
        ("a: b: c\n", "mapping values are not allowed in this context; the value of `a` holds a colon followed by a space, "
             + "which YAML reads as the start of another key: put the value in quotes, `a: 'b: c'`; or, if `b:` is a key inside "
             + "`a`, put it on a line of its own, indented under `a:`", at(1, 5)),
        ("a: 1\n b: 2\n", "mapping values are not allowed in this context; `b:` is indented under `a:` on line 1, which has a "
             + "value on its line, so it is read as more of that value, where a colon and a space cannot be: if `b:` is a key of "
             + "its own, start it at column 1; if it continues the value, put the whole value of `a` in quotes", at(2, 3)),
        // The end of the file is not the mistake: the quote left open is.
        ("a: 'open\n", "while scanning a quoted scalar that starts here, found unexpected end of stream at the end of the file (line 2, column 1): the closing quote is missing", at(1, 4)),
        ("- a\nb: c\n", "did not find expected '-' indicator (while parsing a block collection that started at line 1, column 1)", at(2, 1)),
        ("a: @x\n", "found character that cannot start any token (while scanning for the next token)", at(1, 4)),
    ])
    func libyamlSyntaxErrorsArePositioned(text: String, message: String, location: SourceLocation) {
        let error = loadError(text)
        #expect(error?.message == message)
        #expect(error?.location == location)
    }

    @Test func theFileNameIsCarried() {
        do {
            _ = try YAMLLoader.load(bytes: Array("a: [".utf8), file: "records/bromley.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "records/bromley.yaml")
            #expect(error.description == "records/bromley.yaml:1:5: error: did not find expected node content (while parsing a flow node)")
        }
    }

    @Test func loadingIsDeterministicAndEquatable() throws {
        #expect(try load(Self.record) == load(Self.record))
        #expect(try load("a: 1") != load("a: 2"))
    }
}

extension LoaderTests {
    /// libyaml reports an error at the very end on a line after the last; it is moved back to
    /// just after the last character so there is a line to show.
    @Test func anErrorAtTheEndOfAFileWithoutANewlinePointsAfterItsLastCharacter() {
        #expect(renderedError("a: [1,\nc: 2") == """
            t.yaml:2:5: error: did not find expected ',' or ']' (while parsing a flow sequence that started at line 1, column 4); the `[` at line 1, column 4 is not closed on its line, so the lines after it were read as part of it: end it with `]`, or, if the value is text that begins with `[`, put the whole value in quotes
            c: 2
                ^
            """)
    }
}
