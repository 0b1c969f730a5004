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
}
