import Foundation
import Testing
import YAMLTree
@testable import RuleEngine

/// Rule tests (`Rules/tests/*.yaml`): decoding, running, and the passing-and-failing coverage check.
@Suite struct RuleTestRunnerTests {
    static let rules = Result {
        try TestPack.ruleSet(rules:
            TestPack.rule("plan-due", "deadline: {due: plan.due, done: plan.done}"),
            TestPack.rule("board-agreed", "require: board.agreed"),
            TestPack.rule("partner-approved", "for_each: partners", "subject: item.id", "require: item.approved"))
    }

    /// Lines 1-27: three cases that pass and show every rule both met and not.
    static let passing = """
        dutycheck: 1
        tests:
          - name: everything in order
            as_of: 2024-04-02
            record:
              plan: {due: 2024-03-31, done: 2024-03-01}
              board: {agreed: true}
              partners: [{id: lbb, approved: true}]
            expect:
              - {rule: plan-due, status: met, due: 2024-03-31}
              - {rule: board-agreed, status: met}
              - {rule: partner-approved, subject: lbb, status: met}
          - name: nothing done
            as_of: 2024-04-02
            record:
              plan: {due: 2024-03-31}
              board: {agreed: false}
              partners: [{id: lbb, approved: true}, {id: met-police}]
            expect:
              - {rule: plan-due, status: overdue, due: 2024-03-31, days: 2}
              - {rule: board-agreed, status: missing}
              - {rule: partner-approved, subject: met-police, status: missing}
              - {rule: partner-approved, status: met}
          - name: waived
            as_of: 2024-04-02
            record:
              plan: {due: 2024-03-31}
              waivers: [{rule: plan-due, reason: Agreed., approved_by: Board, until: 2024-04-30}]
            expect:
              - {rule: plan-due, status: waived, due: 2024-03-31}

        """

    static func suite(_ text: String, file: String = "tests/t.yaml") throws -> RuleTestSuite {
        try RuleTestSuite.decode(bytes: Array(text.utf8), file: file, rules: rules.get())
    }

    static func decodeProblems(_ text: String) -> [Diagnostic] {
        do {
            _ = try suite(text)
            return []
        } catch let list as DiagnosticList {
            return list.diagnostics
        } catch {
            return [Diagnostic(file: "?", location: nil, message: "\(error)")]
        }
    }

    @Test func decodesCasesAndExpectations() throws {
        let suite = try Self.suite(Self.passing)
        #expect(suite.file == "tests/t.yaml")
        #expect(suite.cases.map(\.name) == ["everything in order", "nothing done", "waived"])
        #expect(suite.cases.map(\.asOf) == Array(repeating: CivilDate(iso: "2024-04-02")!, count: 3))
        #expect(suite.cases.map(\.expectations.count) == [3, 4, 1])
        let overdue = suite.cases[1].expectations[0]
        #expect(overdue.rule == "plan-due" && overdue.status == .overdue && overdue.due == CivilDate(iso: "2024-03-31") && overdue.days == 2)
        #expect(overdue.location == TestPack.at(20, 9))
        #expect(suite.cases[1].location == TestPack.at(13, 5))
        #expect(suite.cases[2].record.waivers.map(\.rule) == ["plan-due"])
    }

    @Test func passingSuite() throws {
        let summary = RuleTestRunner(rules: try Self.rules.get()).run([try Self.suite(Self.passing)])
        #expect(summary.cases == 3)
        #expect(summary.expectations == 8)
        #expect(summary.passed == 8)
        #expect(summary.failures.map(\.description) == [])
    }

    @Test func aWrongExpectationFailsAtItsLine() throws {
        let text = Self.passing
            .replacingOnce("- {rule: plan-due, status: overdue, due: 2024-03-31, days: 2}", with: "- {rule: plan-due, status: overdue, due: 2024-03-31, days: 3}")
            .replacingOnce("- {rule: board-agreed, status: met}", with: "- {rule: board-agreed, status: missing}")
        let summary = RuleTestRunner(rules: try Self.rules.get()).run([try Self.suite(text)])
        #expect(summary.expectations == 8)
        #expect(summary.passed == 6)
        #expect(summary.failures.map(\.description) == [
            "tests/t.yaml:11:9: error: everything in order: board-agreed: expected missing, found met — In order.",
            "tests/t.yaml:20:9: error: nothing done: plan-due: expected overdue due 2024-03-31 days 3, found overdue due 2024-03-31 days 2 — Overdue by 2 days: it fell due on 31 March 2024.",
            // plan-due's other failing-looking example is waived, which shows nothing.
            "pack1.yaml:11:5: error: rule \"plan-due\" has no test with a failing example (missing, overdue, due-soon or late)",
            // board-agreed is now only ever expected to be missing.
            "pack1.yaml:17:5: error: rule \"board-agreed\" has no test with a passing example (met)",
        ])
    }

    @Test func aWrongDoneDateFailsAndShowsTheDoneFound() throws {
        let text = Self.passing.replacingOnce("- {rule: plan-due, status: met, due: 2024-03-31}",
                                              with: "- {rule: plan-due, status: met, due: 2024-03-31, done: 2024-03-02}")
        let summary = RuleTestRunner(rules: try Self.rules.get()).run([try Self.suite(text)])
        #expect(summary.passed == 7)
        #expect(summary.failures.map(\.description) == [
            "tests/t.yaml:10:9: error: everything in order: plan-due: expected met due 2024-03-31 done 2024-03-02, found met due 2024-03-31 done 2024-03-01 — Done on 1 March 2024.",
            // Its only met example now fails.
            "pack1.yaml:11:5: error: rule \"plan-due\" has no test with a passing example (met)",
        ])
    }

    @Test func anUnknownSubjectListsTheSubjectsFound() throws {
        let text = Self.passing.replacingOnce("subject: met-police, status: missing", with: "subject: police, status: missing")
        let summary = RuleTestRunner(rules: try Self.rules.get()).run([try Self.suite(text)])
        #expect(summary.failures.map(\.description) == [
            "tests/t.yaml:22:9: error: nothing done: no finding for partner-approved [police] (subjects found: lbb, met-police)",
            // That was the rule's only failing example.
            "pack1.yaml:23:5: error: rule \"partner-approved\" has no test with a failing example (missing, overdue, due-soon or late)",
        ])
    }

    /// A test's name, a subject and a message quoting the record printed their control characters
    /// raw: a newline broke the failure's line, and an escape sequence could clear the terminal.
    @Test func controlCharactersInAFailureAreEscaped() throws {
        let text = Self.passing
            .replacingOnce("name: nothing done", with: "name: \"nothing\\e[2J done\"")
            .replacingOnce("subject: met-police, status: missing", with: "subject: \"pol\\nice\", status: missing")
        let summary = RuleTestRunner(rules: try Self.rules.get()).run([try Self.suite(text)])
        #expect(summary.failures.first?.description
                == "tests/t.yaml:22:9: error: nothing\\u{1B}[2J done: no finding for partner-approved [pol\\u{A}ice] (subjects found: lbb, met-police)")
    }

    @Test func aLongListOfSubjectsFoundIsCut() {
        #expect(RuleTestRunner.shown((1...10).map { "s\($0)" }) == "s1, s2, s3, s4, s5, s6, s7, s8, s9, s10")
        #expect(RuleTestRunner.shown((1...2_000).map { "s\($0)" }) == "s1, s2, s3, s4, s5, s6, s7, s8, s9, s10 and 1990 more")
    }

    /// A rule that does not apply, or whose finding is waived, has not been checked: neither status
    /// shows that it can pass or fail, so neither counts towards the coverage check.
    @Test func notApplicableAndWaivedExamplesShowNeitherPassingNorFailing() throws {
        let rules = try TestPack.ruleSet(rules:
            TestPack.rule("english-only", "applies: 'nation == \"england\"'", "require: plan"))
        let text = """
            dutycheck: 1
            tests:
              - name: in Wales
                as_of: 2024-04-02
                record: {nation: wales}
                expect:
                  - {rule: english-only, status: not-applicable}
              - name: waived
                as_of: 2024-04-02
                record:
                  nation: england
                  waivers: [{rule: english-only, reason: Agreed., approved_by: Board, until: 2024-04-30}]
                expect:
                  - {rule: english-only, status: waived}

            """
        let suite = try RuleTestSuite.decode(bytes: Array(text.utf8), file: "tests/t.yaml", rules: rules)
        let summary = RuleTestRunner(rules: rules).run([suite])
        #expect(summary.passed == 2)
        #expect(summary.failures.map(\.description) == [
            "pack1.yaml:11:5: error: rule \"english-only\" has no test with a passing example (met) "
                + "and a failing example (missing, overdue, due-soon or late)",
        ])
    }

    /// An expected subject of `~` names no subject (any finding of the rule), as in a waiver, and is
    /// never the text "~".
    @Test func aNullSubjectNamesNone() throws {
        let text = Self.passing.replacingOnce("subject: met-police, status: missing", with: "subject: ~, status: missing")
        let summary = RuleTestRunner(rules: try Self.rules.get()).run([try Self.suite(text)])
        #expect(summary.failures.isEmpty, "\(summary.failures)")
    }

    @Test func anExpectedLabelMustMatch() throws {
        let labelled = Result {
            try TestPack.ruleSet(rules: TestPack.rule("plan-due", "deadline: {due: plan.due, done: plan.done}"),
                                 TestPack.rule("board-agreed", "require: board.agreed"),
                                 TestPack.rule("partner-approved", "for_each: partners", "subject: item.id", "label: item.name",
                                               "require: item.approved"))
        }
        let text = Self.passing
            .replacingOnce("partners: [{id: lbb, approved: true}]\n", with: "partners: [{id: lbb, name: Bromley, approved: true}]\n")
            .replacingOnce("subject: lbb, status: met}", with: "subject: lbb, label: London Borough of Bromley, status: met}")
        let suite = try RuleTestSuite.decode(bytes: Array(text.utf8), file: "tests/t.yaml", rules: labelled.get())
        #expect(suite.cases[0].expectations.map(\.label) == [nil, nil, "London Borough of Bromley"])
        let summary = RuleTestRunner(rules: try labelled.get()).run([suite])
        #expect(summary.failures.map(\.description).first
                == "tests/t.yaml:12:9: error: everything in order: partner-approved [lbb]: expected met labelled \"London Borough of Bromley\", found met labelled \"Bromley\" — In order.")
    }

    /// Who must act, and what the message and remedy say, can be expected too: each must hold for
    /// the finding to match, and a failure shows what was found for them.
    @Test func expectedOwnersAndWordsMustMatch() throws {
        let rules = try TestPack.ruleSet(rules:
            TestPack.rule("partner-approved", "for_each: partners", "subject: item.id", "owner: '[item.id, \"board\"]'",
                          "require: item.approved",
                          "message: {met: '{item.id} approved.', missing: '{item.id} has not approved.'}",
                          "remedy: Ask {item.id} to approve."))
        func failures(_ expectation: String) throws -> [String] {
            let text = """
                dutycheck: 1
                tests:
                  - name: one approval missing
                    as_of: 2024-04-02
                    record: {partners: [{id: lbb, approved: true}, {id: met-police}]}
                    expect:
                      - {rule: partner-approved, subject: lbb, status: met}
                      - \(expectation)

                """
            let suite = try RuleTestSuite.decode(bytes: Array(text.utf8), file: "tests/t.yaml", rules: rules)
            return RuleTestRunner(rules: rules).run([suite]).failures.map(\.description)
        }
        #expect(try failures("{rule: partner-approved, subject: met-police, status: missing, owners: [met-police, board], "
                             + "message_contains: has not approved, remedy_contains: [Ask met-police, approve.]}") == [])
        #expect(try failures("{rule: partner-approved, subject: met-police, status: missing, owners: [board, met-police]}") == [
            "tests/t.yaml:8:9: error: one approval missing: partner-approved [met-police]: expected missing owned by [board, met-police], "
                + "found missing owned by [met-police, board] — met-police has not approved.",
            "pack1.yaml:11:5: error: rule \"partner-approved\" has no test with a failing example (missing, overdue, due-soon or late)",
        ])
        #expect(try failures("{rule: partner-approved, subject: met-police, status: missing, message_contains: [has approved]}").first
                == "tests/t.yaml:8:9: error: one approval missing: partner-approved [met-police]: expected missing saying \"has approved\", "
                + "found missing — met-police has not approved.")
        #expect(try failures("{rule: partner-approved, subject: met-police, status: missing, remedy_contains: Ask lbb}").first
                == "tests/t.yaml:8:9: error: one approval missing: partner-approved [met-police]: expected missing with a remedy saying \"Ask lbb\", "
                + "found missing — met-police has not approved. (remedy: Ask met-police to approve.)")
        // `owners: []` expects nobody, which this rule never leaves.
        #expect(try failures("{rule: partner-approved, subject: met-police, status: missing, owners: []}").first?
                    .contains("expected missing owned by [], found missing owned by [met-police, board]") == true)
    }

    @Test func everyRuleNeedsAPassingAndAFailingExample() throws {
        let text = """
            dutycheck: 1
            tests:
              - name: only met
                as_of: 2024-04-02
                record: {plan: {due: 2024-03-31, done: 2024-03-01}, board: {agreed: false}}
                expect:
                  - {rule: plan-due, status: met}
                  - {rule: board-agreed, status: missing}

            """
        let summary = RuleTestRunner(rules: try Self.rules.get()).run([try Self.suite(text)])
        #expect(summary.passed == 2)
        #expect(summary.failures.map(\.description) == [
            "pack1.yaml:11:5: error: rule \"plan-due\" has no test with a failing example (missing, overdue, due-soon or late)",
            "pack1.yaml:17:5: error: rule \"board-agreed\" has no test with a passing example (met)",
            "pack1.yaml:23:5: error: rule \"partner-approved\" has no test with a passing example (met) and a failing example (missing, overdue, due-soon or late)",
        ])
    }

    @Test func noSuitesAtAllLeavesEveryRuleUncovered() throws {
        let summary = RuleTestRunner(rules: try Self.rules.get()).run([])
        #expect(summary.cases == 0 && summary.expectations == 0 && summary.passed == 0)
        #expect(summary.failures.count == 3)
    }

    @Test(arguments: [
        ("    as_of: 2024-04-02", "    as_of: 02/04/2024",
         [ExpectedProblem("tests/t.yaml", 4, 12, "\"as_of\": \"02/04/2024\" is not a date: write it as YYYY-MM-DD")]),
        ("    as_of: 2024-04-02", "    as_of: 2024-02-30", [ExpectedProblem("tests/t.yaml", 4, 12, "\"as_of\": 2024-02-30 is not a real day")]),
        ("    as_of: 2024-04-02", "    as_of: [2024-04-02]", [ExpectedProblem("tests/t.yaml", 4, 12, "\"as_of\" must be a date written YYYY-MM-DD")]),
        ("{rule: board-agreed, status: met}", "{rule: board-agred, status: met}",
         [ExpectedProblem("tests/t.yaml", 11, 16, "unknown rule \"board-agred\"; did you mean \"board-agreed\"?")]),
        ("{rule: board-agreed, status: met}", "{rule: board-agreed, status: mett}",
         [ExpectedProblem("tests/t.yaml", 11, 38, "unknown value for \"status\" \"mett\"; did you mean \"met\"?")]),
        ("{rule: board-agreed, status: met}", "{rule: board-agreed, status: met, days: two}",
         [ExpectedProblem("tests/t.yaml", 11, 49, "\"days\" must be a whole number")]),
        ("{rule: board-agreed, status: met}", "{rule: board-agreed, state: met}",
         [ExpectedProblem("tests/t.yaml", 11, 30, "unknown key \"state\"; did you mean \"status\"?"),
          ExpectedProblem("tests/t.yaml", 11, 9, "missing required key \"status\"")]),
        ("    as_of: 2024-04-02", "    asof: 2024-04-02", [ExpectedProblem("tests/t.yaml", 4, 5, "unknown key \"asof\"; did you mean \"as_of\"?"),
                                                          ExpectedProblem("tests/t.yaml", 3, 5, "missing required key \"as_of\"")]),
        ("until: 2024-04-30", "until: end of April", [ExpectedProblem("tests/t.yaml", 28, 78, "\"until\" must be a date")]),
        ("dutycheck: 1", "dutycheck: 3", [ExpectedProblem("tests/t.yaml", 1, 12, "format version 3 is not supported")]),
        ("{rule: board-agreed, status: met}", "{rule: board-agreed, status: met, owners: lbb}",
         [ExpectedProblem("tests/t.yaml", 11, 51, "\"owners\" must be a list of partner ids (or [] for nobody), not text")]),
        ("{rule: board-agreed, status: met}", "{rule: board-agreed, status: met, owners: [lbb, {id: x}]}",
         [ExpectedProblem("tests/t.yaml", 11, 57, "\"owners\" must be a list of partner ids (or [] for nobody); this item is a mapping")]),
        ("{rule: board-agreed, status: met}", "{rule: board-agreed, status: met, message_contains: []}",
         [ExpectedProblem("tests/t.yaml", 11, 61, "\"message_contains\" must not be an empty list")]),
        ("{rule: board-agreed, status: met}", "{rule: board-agreed, status: met, remedy_contains: {a: b}}",
         [ExpectedProblem("tests/t.yaml", 11, 60, "\"remedy_contains\" must be a list of text or one text, not a mapping")]),
        ("{rule: board-agreed, status: met}", "{rule: board-agreed, status: met, message_contains: [done, ~]}",
         [ExpectedProblem("tests/t.yaml", 11, 68, "\"message_contains\" must be a list of text; this item is empty")]),
        // Failures name their case: two cases of one name would leave it unclear which failed.
        ("  - name: nothing done", "  - name: everything in order",
         [ExpectedProblem("tests/t.yaml", 13, 5, "a test case named \"everything in order\" is already on line 3; give each case its own name")]),
    ] as [(String, String, [ExpectedProblem])])
    func badTestFilesAreReportedWithPositions(original: String, replacement: String, expected: [ExpectedProblem]) {
        ExpectedProblem.verify(Self.decodeProblems(Self.passing.replacingOnce(original, with: replacement)), expected)
    }

    @Test func anEmptyExpectListIsReported() {
        let text = "dutycheck: 1\ntests:\n  - name: x\n    as_of: 2024-04-02\n    record: {}\n    expect: []\n"
        ExpectedProblem.verify(Self.decodeProblems(text), [ExpectedProblem("tests/t.yaml", 6, 13, "\"expect\" must be a non-empty list")])
    }

    @Test func testsMustBeAList() {
        ExpectedProblem.verify(Self.decodeProblems("dutycheck: 1\ntests: {}\n"), [ExpectedProblem("tests/t.yaml", 2, 8, "\"tests\" must be a list")])
    }
}

private extension String {
    /// The text with the first occurrence of `target` replaced; the test fails if there is none.
    func replacingOnce(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else {
            Issue.record("\"\(target)\" is not in the text")
            return self
        }
        return replacingCharacters(in: range, with: replacement)
    }
}
