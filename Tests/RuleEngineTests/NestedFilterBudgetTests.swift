import Testing
@testable import RuleEngine

/// Work that grows faster than its input stops at the record's budget of steps: filters nested in
/// filters double the work at each level (a pack of twenty-two levels, which loads, took minutes),
/// and `in` over a list, once for each of its items, is quadratic in it.
@Suite struct NestedFilterBudgetTests {
    static func nested(_ levels: Int) -> String {
        var require = "true"
        for _ in 0..<levels { require = "count([1, 2][? \(require)]) >= 0" }
        return require
    }

    static func result(_ rule: String, record: String = "dutycheck: 1\npartnership: {name: A}\n") throws -> RecordResult {
        try TestPack.evaluate(record, asOf: "2024-04-02", rules: try TestPack.ruleSet(rules: TestPack.rule("r", rule, "owner: '\"board\"'")))
    }

    @Test func twentyTwoNestedFiltersStopAtTheBudget() throws {
        let result = try Self.result("require: '\(Self.nested(22))'")
        #expect(result.stopped?.rule == "r")
        #expect(result.findings.map(\.status) == [.missing])
        #expect(result.findings.first?.message.contains("the check of this record took more than its budget of evaluation steps") == true)
    }

    @Test func tenAreWithinIt() throws {
        let result = try Self.result("require: '\(Self.nested(10))'")
        #expect(result.stopped == nil)
        #expect(result.findings.map(\.status) == [.met])
    }

    /// Each item `in` goes through is a step: 3,000 items each looked for in the 3,000 is 9,000,000.
    @Test(arguments: [(1_000, false), (3_000, true)])
    func inOverAListOnceForEachOfItsItemsIsCharged(count: Int, stops: Bool) throws {
        let record = "dutycheck: 1\npartnership: {name: A}\nxs: [" + (0..<count).map(String.init).joined(separator: ", ") + "]\n"
        let result = try Self.result("for_each: xs\n    as: x\n    require: 'x in $.xs'", record: record)
        #expect((result.stopped != nil) == stops)
    }

    /// 1,000 items, each with a rule whose one expression goes through the whole list: charged, a
    /// million steps, past a budget of 100,000; uncharged, a few steps per item, well within it.
    static let thousand = "dutycheck: 1\npartnership: {name: A}\nxs: [" + (0..<1_000).map(String.init).joined(separator: ", ")
        + "]\nys: [" + (0..<1_000).map { "{id: y\($0)}" }.joined(separator: ", ") + "]\n"

    @Test(arguments: [
        "require: '$.xs == $.xs'",                       // == goes through the list
        "require: 'count(label($.xs)) > 0'",             // label() goes through the list
        "require: 'count($.ys[? id == \"none\"]) == 0'",  // a keyed filter looks through its index
        // Printing: about 4,900 bytes, 76 steps, per item (a hole that reads only the record is printed once).
        "require: 'false'\n    message: {missing: \"{[x, $.xs]}\"}",
    ])
    func workThroughAListIsCharged(line: String) throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("r", "for_each: xs", "as: x", line, "owner: '\"board\"'"))
        let record = try RecordDecoder.decode(bytes: Array(Self.thousand.utf8), file: "record.yaml", rules: rules)
        let asOf = try #require(CivilDate(iso: "2024-04-02"))
        #expect(RecordEvaluator(rules: rules).evaluate(record, asOf: asOf, budget: EvaluationBudget(steps: 50_000)).stopped?.rule == "r")
        #expect(RecordEvaluator(rules: rules).evaluate(record, asOf: asOf).stopped == nil)
    }

    /// A rule test whose record runs out of steps fails its case, naming the rule, rather than
    /// being compared with findings half made.
    @Test func aRuleTestCaseThatRunsOutFails() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("nested", "require: '\(Self.nested(22))'", "owner: '\"board\"'"))
        let text = """
            dutycheck: 1
            tests:
              - name: deep
                as_of: 2024-04-02
                record: {partnership: {name: A}}
                expect:
                  - {rule: nested, status: met}
            """
        let summary = RuleTestRunner(rules: rules).run([try RuleTestSuite.decode(bytes: Array(text.utf8), file: "t.yaml", rules: rules)])
        #expect(summary.passed == 0)
        #expect(summary.failures.first?.description.hasPrefix("t.yaml:3:5: error: deep: its check stopped in rule \"nested\" "
            + "(pack1.yaml:11): the check took more than 5,000,000 evaluation steps") == true, "\(summary.failures)")
    }
}
