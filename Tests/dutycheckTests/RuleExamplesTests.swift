import Testing
import TestSupport

/// A rule's own test cases (`examples:`, DESIGN.md §4), beside or instead of `tests/*.yaml`: the
/// key was refused as unknown, so a pack written that way did not load at all.
@Suite struct RuleExamplesTests {
    static let pack = InlineExamplesPack.text

    static func workspace(_ pack: String = pack) throws -> Workspace {
        try Workspace.with(["rules/inline.yaml": pack])
    }

    @Test func examplesRunWithoutATestsFolder() throws {
        let outcome = try Self.workspace().run("rules", "test", "rules")
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout == "2 test cases, 2 expected findings\n2 passed, 0 failed\n")
    }

    @Test func aFailingExampleFailsAtItsLineInThePack() throws {
        let outcome = try Self.workspace(Self.pack.replacingOccurrences(of: "- {status: missing}", with: "- {status: met}")).run("rules", "test", "rules")
        #expect(outcome.status == 1)
        #expect(outcome.stdout.hasPrefix("rules/inline.yaml:24:13: error: not agreed: board-agreed: expected met, found missing — "), "\(outcome.stdout)")
        #expect(outcome.stdout.hasSuffix("1 passed, 2 failed\n"), "\(outcome.stdout)")
    }

    /// A malformed example is a problem of its pack wherever the pack loads (DESIGN.md §4: every
    /// problem in a pack is reported): `check` ran such a pack without a word, and only `rules
    /// test` refused it. A well-formed example is still only run by `rules test`.
    @Test func aMalformedExampleIsAPackErrorWhereverThePackLoads() throws {
        let workspace = try Self.workspace(Self.pack.replacingOccurrences(of: "- {status: met}", with: "- {status: mett}"))
        try workspace.write("r.yaml", "dutycheck: 1\nboard: {agreed: true}\n")
        for arguments in [["check", "--rules", "rules", "--as-of", "2024-04-02", "r.yaml"], ["validate", "--rules", "rules", "r.yaml"],
                          ["rules", "list", "--rules", "rules"], ["rules", "test", "rules"]] {
            let outcome = try workspace.run(arguments)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.stderr.hasPrefix("rules/inline.yaml:19:22: error: unknown value for \"status\" \"mett\""), "\(arguments): \(outcome.stderr)")
        }
        let failing = try Self.workspace(Self.pack.replacingOccurrences(of: "- {status: missing}", with: "- {status: met}"))
        try failing.write("r.yaml", "dutycheck: 1\nboard: {agreed: true}\n")
        let check = try failing.run("check", "--rules", "rules", "--as-of", "2024-04-02", "r.yaml")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// `rules test` reports a malformed example together with its test files' problems, in one run.
    @Test func rulesTestReportsExamplesWithItsTestFiles() throws {
        let workspace = try Self.workspace(Self.pack.replacingOccurrences(of: "- {status: met}", with: "- {status: mett}"))
        try workspace.write("rules/tests/t.yaml", "dutycheck: 1\ntests:\n  - {name: n, as_of: 2024-04-02, record: {}, expect: [{rule: board-agreed, statuss: met}]}\n")
        let outcome = try workspace.run("rules", "test", "rules")
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("rules/tests/t.yaml:3:76: error: unknown key \"statuss\""), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("rules/inline.yaml:19:22: error: unknown value for \"status\" \"mett\""), "\(outcome.stderr)")
    }

    /// `rule: ~` in an example named no rule and the expected finding was dropped without a word,
    /// so a case could check nothing and pass; `examples: []` checked nothing either.
    @Test func anExampleNamingNoRuleOrNoExampleIsAnError() throws {
        let noRule = try Self.workspace(Self.pack.replacingOccurrences(of: "- {status: met}", with: "- {rule: ~, status: met}"))
            .run("rules", "test", "rules")
        #expect(noRule.status == 2)
        #expect(noRule.stderr.hasPrefix("rules/inline.yaml:19:20: error: \"rule\" must be text"), "\(noRule.stderr)")
        let none = try Self.workspace(Self.pack.components(separatedBy: "    examples:\n")[0] + "    examples: []\n")
            .run("rules", "list", "--rules", "rules")
        #expect(none.status == 2)
        #expect(none.stderr.contains("rules/inline.yaml:14:15: error: \"examples\" needs at least one test case"), "\(none.stderr)")
    }

    @Test func examplesThatAreNotAListAreAnError() throws {
        let outcome = try Self.workspace(Self.pack.replacingOccurrences(of: "    examples:\n", with: "    examples: soon\n    unused:\n"))
            .run("rules", "list", "--rules", "rules")
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("rules/inline.yaml:14:15: error: \"examples\" must be a list of test cases, not text"), "\(outcome.stderr)")
    }
}
