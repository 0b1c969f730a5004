import Testing
import YAMLTree
@testable import RuleEngine

/// A problem a test expects: where, and how its message starts.
struct ExpectedProblem: Sendable, CustomStringConvertible {
    var file: String
    var line: Int
    var column: Int
    var message: String

    init(_ file: String, _ line: Int, _ column: Int, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// A problem in `pack1.yaml`.
    init(_ line: Int, _ column: Int, _ message: String) {
        self.init("pack1.yaml", line, column, message)
    }

    var description: String { "\(file):\(line):\(column): \(message)" }

    func matches(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.file == file && diagnostic.location == TestPack.at(line, column)
            && diagnostic.message.hasPrefix(message)
    }

    /// Expects exactly `expected`, in any order.
    static func verify(_ problems: [Diagnostic], _ expected: [ExpectedProblem],
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(problems.count == expected.count, "got:\n\(problems.map(\.description).joined(separator: "\n"))",
                sourceLocation: sourceLocation)
        for problem in expected where !problems.contains(where: problem.matches) {
            Issue.record("missing \(problem) in:\n\(problems.map(\.description).joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
    }
}

@Suite struct PackDecoderTests {
    static let header = """
        dutycheck: 1
        pack: test-pack
        title: Test pack
        version: "1"
        citations:
          act:
            title: Test Act 2024, section 1
            url: https://example.org/act
            kind: statute
        rules:

        """

    /// A pack whose one rule (starting on line 11) has the given extra lines after its required keys.
    static func oneRule(_ lines: String...) -> String {
        header + TestPack.rule("only", lines.joined(separator: "\n    ")) + "\n"
    }

    static func problems(_ text: String) -> [Diagnostic] {
        TestPack.loadProblems([("pack1.yaml", text)])
    }

    @Test func aGoodPackDecodesWithItsDefaults() throws {
        let text = TestPack.source(defaults: "{severity: warning, warn: 2 weeks}", lets: ["plan: first(plans)"], rules: [
            TestPack.rule("a", "require: exists(plan)"),
            TestPack.rule("b", "deadline: {due: plan.due}", severity: .info, confidence: .unconfirmed),
            TestPack.rule("c", "every: {last: review, interval: 1 year, warn: 3 months}", "waivable: false"),
        ])
        let pack = try PackDecoder.decode(bytes: Array(text.utf8), file: "p.yaml")
        #expect(pack.id == "test-pack" && pack.title == "Test pack" && pack.version == "1" && pack.file == "p.yaml")
        #expect(pack.sha256.count == 64)
        #expect(pack.citations["act"] == Citation(id: "act", title: "Test Act 2024, section 1", url: "https://example.org/act", kind: .statute))
        #expect(pack.lets.keys.sorted() == ["plan"])
        #expect(pack.rules.map(\.id) == ["a", "b", "c"])
        #expect(pack.rules.map(\.severity) == [.warning, .info, .warning])
        #expect(pack.rules.map(\.confidence) == [.confirmed, .unconfirmed, .confirmed])
        #expect(pack.rules.map(\.waivable) == [true, true, false])
        #expect(pack.rules.map(\.check.kind) == ["require", "deadline", "every"])
        #expect(pack.rules.map(\.check.warn) == [nil, CalendarDuration(days: 14), CalendarDuration(months: 3)])
        #expect(pack.rules.map(\.location) == [TestPack.at(14, 5), TestPack.at(20, 5), TestPack.at(27, 5)])
    }

    @Test func withoutAnyWarnTheWindowIsThirtyDays() throws {
        let pack = try PackDecoder.decode(bytes: Array(Self.oneRule("in_force: {periods: plans}").utf8), file: "p.yaml")
        #expect(pack.rules.first?.check.warn == CalendarDuration(days: 30))
    }

    @Test(arguments: [
        // Unknown keys, with a suggestion when one is close.
        ("severty: error\n    require: true", ExpectedProblem(16, 5, "unknown key \"severty\"; did you mean \"severity\"?")),
        ("colour: red\n    require: true", ExpectedProblem(16, 5, "unknown key \"colour\"")),
        ("in_force: {periods: plans, wran: 3 days}", ExpectedProblem(16, 32, "unknown key \"wran\"; did you mean \"warn\"?")),
        // Values.
        ("severity: fatal\n    require: true", ExpectedProblem(16, 15, "unknown value for \"severity\" \"fatal\"")),
        ("waivable: maybe\n    require: true", ExpectedProblem(16, 15, "\"waivable\" must be true or false")),
        ("deadline: {due: plan.due, warn: 30 dayz}", ExpectedProblem(16, 37, "\"warn\" must be a duration such as \"30 days\"")),
        ("every: {last: x, interval: monthly}", ExpectedProblem(16, 32, "\"interval\" must be a duration")),
        ("every: {last: x, interval: -1 days}", ExpectedProblem(16, 32, "\"interval\" must be a duration")),
        // Written right, but longer than any two dates are apart (it had been called no duration at all).
        ("deadline: {due: plan.due, warn: 9223372036854775807 years}",
         ExpectedProblem(16, 37, "\"warn\" is too long a duration: no two dates DutyCheck counts (years 1 to 9999) are that far apart")),
        ("every: {last: x, interval: 4000000 days}",
         ExpectedProblem(16, 32, "\"interval\" is too long a duration: no two dates DutyCheck counts (years 1 to 9999) are that far apart")),
        ("every: {last: x}", ExpectedProblem(16, 12, "missing required key \"interval\"")),
        ("deadline: {done: x}", ExpectedProblem(16, 15, "missing required key \"due\"")),
        ("in_force: {warn: 3 days}", ExpectedProblem(16, 15, "missing required key \"periods\"")),
        ("as: partner\n    require: true", ExpectedProblem(16, 9, "\"as\" only makes sense with \"for_each\"")),
        // A waived finding's message comes from its waiver: a `waived` template was accepted and never used.
        ("require: true\n    message: {missing: Not yet., waived: Deferred.}",
         ExpectedProblem(17, 34, "a waived finding's message is written from its waiver (until, approved_by and reason), followed by the message")),
        ("label: partner.name\n    require: true", ExpectedProblem(16, 12, "\"label\" only makes sense with \"for_each\"")),
        // The check.
        ("remedy: Do it.", ExpectedProblem(11, 5, "a rule needs exactly one check: require, in_force, every or deadline")),
        ("require: true\n    every: {last: x, interval: 1 year}", ExpectedProblem(11, 5, "a rule has exactly one check, but this one has require, every")),
        // Expressions: the column is inside the pack file, after any opening quote.
        ("require: a == == b", ExpectedProblem(16, 19, "expected a value, found")),
        ("require: 'a == == b'", ExpectedProblem(16, 20, "expected a value, found")),
        ("require: \"a == == b\"", ExpectedProblem(16, 20, "expected a value, found")),
        ("require: partnership.nation = \"wales\"", ExpectedProblem(16, 33, "`=` is not an operator")),
        ("require: count(plans", ExpectedProblem(16, 19, "this `(` is never closed")),
        ("require: today > 2024-02-30", ExpectedProblem(16, 22, "2024-02-30")),
        ("require: today > 31/03/2024", ExpectedProblem(16, 24, "unexpected character `/`")),
        ("deadline: {due: plan.due + 30 dys}", ExpectedProblem(16, 35, "`dys` is not a duration unit")),
        ("applies: 'partnership.nation == \"england\" and'\n    require: true", ExpectedProblem(16, 50, "the expression ends where a value was expected")),
        // Where the file's text is not the value: folded and literal blocks (indentation, folded
        // line breaks), quoted scalars over lines and with escapes (`\"`, `\t`, `''`).
        ("require: >-\n      exists(a) and\n        exists(b) and )", ExpectedProblem(18, 23, "expected a value, found `)`")),
        ("require: |\n      exists(a) and\n        exists(b) ==", ExpectedProblem(18, 21, "the expression ends where a value was expected")),
        ("require: \"exists(\\\"x\\\") and \\t exists(b) and )\"", ExpectedProblem(16, 50, "expected a value, found `)`")),
        ("require: \"label(\\u0078) and\n      b == == c\"", ExpectedProblem(17, 12, "expected a value, found `==`")),
        ("require: 'label(''x'') and\n      exists(y) +'", ExpectedProblem(17, 18, "the expression ends where a value was expected")),
        ("require: a and\n      b == == c", ExpectedProblem(17, 12, "expected a value, found `==`")),
        // A tag or an anchor before the scalar is not part of it.
        ("require: !!str 'count(plans) >'", ExpectedProblem(16, 35, "the expression ends where a value was expected")),
        ("require: &check \"a == == b\"", ExpectedProblem(16, 27, "expected a value, found")),
        ("require: !!str  # a text\n      'exists(a) and ('", ExpectedProblem(17, 23, "the expression ends where a value was expected")),
        ("message: >\n      Done on {done}.\n      Not done: {status ==}.\n    require: true", ExpectedProblem(18, 27, "the expression ends where a value was expected")),
        ("require: \"\"", ExpectedProblem(16, 14, "an expression must be non-empty text")),
        ("require: [a, b]", ExpectedProblem(16, 14, "an expression must be non-empty text, not a list")),
    ])
    func oneProblemInARule(line: String, expected: ExpectedProblem) {
        ExpectedProblem.verify(Self.problems(Self.oneRule(line)), [expected])
    }

    @Test func unknownCitationKeysAreReportedWithASuggestion() {
        let text = Self.header + """
              - id: only
                title: Only
                duty: A duty.
                basis: [act, akt, cda-1998]
                confidence: confirmed
                require: true

            """
        ExpectedProblem.verify(Self.problems(text), [
            ExpectedProblem(14, 18, "unknown citation key \"akt\"; did you mean \"act\"?"),
            ExpectedProblem(14, 23, "unknown citation key \"cda-1998\""),
        ])
    }

    /// Citation ids follow the pack schema's pattern, so a pack that loads also passes the schema.
    @Test func citationIDsAreLowercase() {
        let text = Self.header.replacingOccurrences(of: "  act:\n", with: "  Act-59A:\n") + "  - id: r\n    require: true\n"
        let problems = Self.problems(text)
        #expect(problems.contains {
            $0.location == SourceLocation(line: 6, column: 3)
                && $0.message == "a citation id must be lowercase letters, digits and hyphens, starting with a letter or digit, not \"Act-59A\""
        }, "\(problems.map(\.message))")
        #expect(PackDecoder.isValidCitationID("abcpa-2014-s59a") && PackDecoder.isValidCitationID("2014-act"))
        #expect(!PackDecoder.isValidCitationID("-act") && !PackDecoder.isValidCitationID("") && !PackDecoder.isValidCitationID("act_1"))
    }

    @Test func missingRequiredRuleKeysAreEachReported() {
        let text = Self.header + "  - id: Bad_ID\n    require: true\n"
        ExpectedProblem.verify(Self.problems(text), [
            ExpectedProblem(11, 9, "a rule id must be lowercase letters, digits and hyphens, not \"Bad_ID\""),
            ExpectedProblem(11, 5, "missing required key \"title\""),
            ExpectedProblem(11, 5, "missing required key \"duty\""),
            ExpectedProblem(11, 5, "missing required key \"basis\""),
            ExpectedProblem(11, 5, "missing required key \"confidence\""),
        ])
    }

    @Test func duplicateRuleIDsWithinAPack() throws {
        let text = TestPack.source(rules: [TestPack.rule("same", "require: true"), TestPack.rule("other", "require: true"),
                                           TestPack.rule("same", "require: false")])
        let problems = Self.problems(text)
        ExpectedProblem.verify(problems, [ExpectedProblem(23, 5, "duplicate rule id \"same\" (first defined at line 11)")])
        #expect(problems.first?.notes == [Diagnostic.Note("first defined here", at: TestPack.at(11, 5))])
    }

    @Test func aDuplicateIDIsReportedEvenWhenTheFirstRuleIsBroken() {
        let text = TestPack.source(rules: [TestPack.rule("same", "remedy: Do it."), TestPack.rule("same", "require: true")])
        ExpectedProblem.verify(Self.problems(text), [
            ExpectedProblem(11, 5, "a rule needs exactly one check"),
            ExpectedProblem(17, 5, "duplicate rule id \"same\" (first defined at line 11)"),
        ])
    }

    @Test func duplicateRuleIDsAcrossPacks() {
        let first = TestPack.source(id: "first-pack", rules: [TestPack.rule("shared", "require: true")])
        let second = TestPack.source(id: "second-pack", rules: [TestPack.rule("own", "require: true"), TestPack.rule("shared", "require: true")])
        let problems = TestPack.loadProblems([("pack1.yaml", first), ("pack2.yaml", second)])
        ExpectedProblem.verify(problems, [ExpectedProblem("pack2.yaml", 17, 5, "duplicate rule id \"shared\" (also defined in pack1.yaml at line 11)")])
    }

    /// A clash across packs waited until each pack's other problems were fixed: the pack with them
    /// did not decode, so its ids were not known. Every problem is now reported in one run.
    @Test func idClashesAreReportedWithAPacksOtherProblems() {
        let first = TestPack.source(id: "first-pack", rules: [TestPack.rule("shared", "require: true", "titel: typo")])
        let second = TestPack.source(id: "first-pack", rules: [TestPack.rule("own", "require: (true"), TestPack.rule("shared", "require: true")])
        let problems = TestPack.loadProblems([("pack1.yaml", first), ("pack2.yaml", second)]).map(\.description)
        #expect(problems.count == 4, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("pack1.yaml:17:5: error: unknown key \"titel\"") })
        #expect(problems.contains { $0.hasPrefix("pack2.yaml:16:") })
        #expect(problems.contains("pack2.yaml:2:7: error: pack id \"first-pack\" is also used by pack1.yaml at line 2"))
        #expect(problems.contains("pack2.yaml:17:5: error: duplicate rule id \"shared\" (also defined in pack1.yaml at line 11)"))
    }

    /// A rule id repeated within a pack and also defined in another was reported once for each
    /// repeat, and every clash came after every file's own problems; now each file's come together.
    @Test func aClashIsReportedOnceWithItsFile() {
        let first = TestPack.source(id: "first-pack", rules: [TestPack.rule("shared", "require: true")])
        let second = TestPack.source(id: "second-pack", rules: [TestPack.rule("shared", "require: true"), TestPack.rule("shared", "require: true")])
        let third = TestPack.source(id: "third-pack", rules: [TestPack.rule("own", "require: (true")])
        let problems = TestPack.loadProblems([("pack1.yaml", first), ("pack2.yaml", second), ("pack3.yaml", third)]).map(\.description)
        #expect(problems.map { $0.prefix(10) } == ["pack2.yaml", "pack2.yaml", "pack3.yaml"], "\(problems)")
        #expect(problems.filter { $0.contains("also defined in pack1.yaml") } == [
            "pack2.yaml:11:5: error: duplicate rule id \"shared\" (also defined in pack1.yaml at line 11)",
        ])
    }

    @Test func duplicatePackIDs() {
        let problems = TestPack.loadProblems([
            ("pack1.yaml", TestPack.source(rules: [TestPack.rule("a", "require: true")])),
            ("pack2.yaml", TestPack.source(rules: [TestPack.rule("b", "require: true")])),
        ])
        #expect(problems.map(\.description) == ["pack2.yaml:2:7: error: pack id \"test-pack\" is also used by pack1.yaml at line 2"])
    }

    @Test func noPacksAtAll() {
        #expect(TestPack.loadProblems([]).map(\.description) == ["rules: error: no rule packs were found"])
    }

    @Test func letCycles() {
        let text = TestPack.source(lets: ["a: b + 1", "b: c", "c: a", "d: d", "e: a"], rules: [TestPack.rule("r", "require: e")])
        ExpectedProblem.verify(Self.problems(text), [
            ExpectedProblem(11, 3, "let \"a\" depends on itself: a -> b -> c -> a"),
            ExpectedProblem(14, 3, "let \"d\" depends on itself: d -> d"),
        ])
    }

    @Test func howDeepLetsNestIsBounded() throws {
        // Each let wraps the one before in 10 `not`s: l_i nests 1 + 11 i levels deep, so l5 (56)
        // is allowed and l6 (67) is refused, at the deepest let only.
        let nots = Array(repeating: "not", count: 10).joined(separator: " ")
        func lets(_ count: Int) -> [String] { (0..<count).map { "l\($0): " + ($0 == 0 ? "x" : "'\(nots) l\($0 - 1)'") } }
        let fine = try TestPack.ruleSet(rules: TestPack.rule("r", "require: l5"), lets: lets(6))
        #expect(try TestPack.onlyFinding("x: true\n", asOf: "2024-01-01", rules: fine).status == .met)
        ExpectedProblem.verify(Self.problems(TestPack.source(lets: lets(8), rules: [TestPack.rule("r", "require: l7")])), [
            ExpectedProblem(18, 3, "let \"l7\" nests 78 levels deep through the lets it reads; at most 64 are allowed, so that evaluating it cannot exhaust the stack"),
        ])
        // A rule's own let adds to the depth of the pack's lets it reads: 8 + 1 + 56.
        let extended = TestPack.source(lets: lets(6), rules: [TestPack.rule("r", "let: {top: '\(Array(repeating: "not", count: 8).joined(separator: " ")) l5'}", "require: top")])
        ExpectedProblem.verify(Self.problems(extended), [
            ExpectedProblem(23, 11, "let \"top\" nests 65 levels deep through the lets it reads; at most 64 are allowed, so that evaluating it cannot exhaust the stack"),
        ])
    }

    @Test func letsMayUseEachOtherWithoutACycle() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("r", "require: c"), lets: ["a: x", "b: a > 1", "c: b and a < 5"])
        #expect(try TestPack.onlyFinding("x: 3\n", asOf: "2024-01-01", rules: rules).status == .met)
        #expect(try TestPack.onlyFinding("x: 7\n", asOf: "2024-01-01", rules: rules).status == .missing)
    }

    @Test(arguments: [
        ("dutycheck: 2", ExpectedProblem(1, 12, "format version 2 is not supported")),
        ("dutycheck: one", ExpectedProblem(1, 12, "\"dutycheck\" must be the format version number, 1")),
        ("dutycheck: 1.5", ExpectedProblem(1, 12, "\"dutycheck\" must be the format version number, 1")),
        ("dutycheck: 2.0", ExpectedProblem(1, 12, "format version 2 is not supported")),
    ])
    func formatVersion(line: String, expected: ExpectedProblem) {
        let text = TestPack.source(rules: [TestPack.rule("a", "require: true")]).replacingFirstLine(with: line)
        ExpectedProblem.verify(Self.problems(text), [expected])
    }

    /// `1.0` is the number 1, as the record schema's `const: 1` reads it.
    @Test func formatVersionWrittenAsAWholeFloatIsOne() {
        let text = TestPack.source(rules: [TestPack.rule("a", "require: true")]).replacingFirstLine(with: "dutycheck: 1.0")
        ExpectedProblem.verify(Self.problems(text), [])
    }

    @Test func citationProblems() {
        let text = """
            dutycheck: 1
            pack: p
            title: P
            version: "1"
            citations:
              act:
                title: Test Act
                urls: https://example.org/act
                kind: statue
              guide:
                title: Guide
                url: http://example.org/guide
                kind: guidance
            rules:
              - id: a
                title: A
                duty: D.
                basis: act
                confidence: confirmed
                require: true

            """
        ExpectedProblem.verify(Self.problems(text), [
            ExpectedProblem(8, 5, "unknown key \"urls\"; did you mean \"url\"?"),
            ExpectedProblem(7, 5, "missing required key \"url\""),
            ExpectedProblem(9, 11, "unknown value for \"kind\" \"statue\"; did you mean \"statute\"?"),
            ExpectedProblem(12, 10, "a citation url must start with https://"),
            // The broken citation is reported where it is written, not again where the rule cites it.
        ])
    }

    /// A citation that is declared but rejected is reported once, where it is written: a rule
    /// citing it is not told the key is unknown. A key the pack never declares still is.
    @Test(arguments: [
        ("{title: C, url: https://example.org/c, kind: law}",
         "pack1.yaml:6:52: error: unknown value for \"kind\" \"law\" (expected one of: statute, regulation, statutory_guidance, guidance)"),
        ("{title: C, url: http://example.org/c, kind: statute}", "pack1.yaml:6:23: error: a citation url must start with https://"),
        ("{title: C, kind: statute}", "pack1.yaml:6:7: error: missing required key \"url\""),
        ("{title: C, url: https://example.org/c}", "pack1.yaml:6:7: error: missing required key \"kind\""),
        ("law", "pack1.yaml:6:7: error: citation \"c1\" must be a mapping, not text"),
        ("{title: C, url: https://example.org/c, kind: statute, nation: scotland}",
         "pack1.yaml:6:69: error: unknown value for \"nation\" \"scotland\" (expected one of: england, wales)"),
    ])
    func aRejectedCitationIsNotUnknownWhereItIsCited(citation: String, problem: String) {
        let text = """
            dutycheck: 1
            pack: p
            title: P
            version: "1"
            citations:
              c1: \(citation)
              c2: {title: C2, url: https://example.org/c2, kind: statute}
            rules:
              - id: a
                title: A
                duty: D.
                basis: [c1, c2]
                confidence: confirmed
                require: true
              - id: b
                title: B
                duty: D.
                basis: [c1, c3]
                confidence: confirmed
                require: true

            """
        #expect(Self.problems(text).map(\.description) == [
            problem,
            "pack1.yaml:18:17: error: unknown citation key \"c3\"; did you mean \"c1\"?",
        ])
    }

    /// Every problem in a pack is reported at once, each at its own line and column.
    @Test func everyProblemIsReportedTogether() {
        let text = """
            dutycheck: 1
            pack: broken
            titel: Broken pack
            version: "1"
            citations:
              act:
                title: Test Act
                url: https://example.org/act
                kind: statute
                urls: https://example.org
            let:
              a: b + 1
              b: a
            rules:
              - id: first
                title: First
                duty: A duty.
                basis: [akt]
                confidence: confirmed
                severty: error
                require: partnership.nation == == "england"
              - id: second
                title: Second
                duty: A duty.
                basis: [act]
                confidence: confirmed
                deadline: {due: plan.due, warn: 30 dayz}
              - id: second
                title: Second again
                duty: A duty.
                basis: [act]
                confidence: confirmed
                require: true
              - id: none
                title: No check
                duty: A duty.
                basis: [act]
                confidence: confirmed
              - id: two
                title: Two checks
                duty: A duty.
                basis: [act]
                confidence: confirmed
                require: true
                every: {last: x, interval: 1 year}
              - id: dated
                title: Dated
                duty: A duty.
                basis: [act]
                confidence: unsure
                require: today > 2024-02-30

            """
        ExpectedProblem.verify(Self.problems(text), [
            ExpectedProblem(3, 1, "unknown key \"titel\"; did you mean \"title\"?"),
            ExpectedProblem(1, 1, "missing required key \"title\""),
            ExpectedProblem(10, 5, "unknown key \"urls\"; did you mean \"url\"?"),
            ExpectedProblem(12, 3, "let \"a\" depends on itself: a -> b -> a"),
            ExpectedProblem(18, 13, "unknown citation key \"akt\"; did you mean \"act\"?"),
            ExpectedProblem(20, 5, "unknown key \"severty\"; did you mean \"severity\"?"),
            ExpectedProblem(21, 36, "expected a value, found"),
            ExpectedProblem(27, 37, "\"warn\" must be a duration"),
            ExpectedProblem(28, 5, "duplicate rule id \"second\" (first defined at line 22)"),
            ExpectedProblem(34, 5, "a rule needs exactly one check"),
            ExpectedProblem(39, 5, "a rule has exactly one check, but this one has require, every"),
            ExpectedProblem(50, 17, "unknown value for \"confidence\" \"unsure\""),
            ExpectedProblem(51, 22, "2024-02-30"),
        ])
    }

    @Test(arguments: [
        ("", ExpectedProblem(1, 1, "the file is empty")),
        ("a: [1, 2\n", ExpectedProblem(2, 1, "")),
        ("pack: a\npack: b\n", ExpectedProblem(2, 1, "duplicate key \"pack\"")),
        ("- 1\n", ExpectedProblem(1, 1, "a rule pack must be a mapping, not a list")),
    ])
    func badYAMLIsOneProblem(text: String, expected: ExpectedProblem) {
        ExpectedProblem.verify(Self.problems(text), [expected])
    }

    @Test func structuralProblems() {
        let text = "dutycheck: 1\npack: p\ntitle: [P]\nversion: \"1\"\nrules: []\n"
        ExpectedProblem.verify(Self.problems(text), [
            ExpectedProblem(3, 8, "\"title\" must be text, not a list"),
            ExpectedProblem(5, 8, "a pack must have at least one rule"),
        ])
        ExpectedProblem.verify(Self.problems("dutycheck: 1\npack: p\ntitle: P\nversion: \"1\"\nrules: {a: 1}\n"), [
            ExpectedProblem(5, 8, "\"rules\" must be a list, not a mapping"),
        ])
        ExpectedProblem.verify(Self.problems("dutycheck: 1\npack: p\ntitle: P\nversion: \"1\"\n"), [
            ExpectedProblem(1, 1, "missing required key \"rules\""),
        ])
    }
}

private extension String {
    func replacingFirstLine(with line: String) -> String {
        guard let newline = firstIndex(of: "\n") else { return line }
        return line + self[newline...]
    }
}
