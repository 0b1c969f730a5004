import Testing
@testable import RuleEngine

/// Filters nested in filters double the work at each level: a pack of twenty-two levels, which
/// loads, took minutes to check. The check now stops at the record's budget of steps.
@Suite struct NestedFilterBudgetTests {
    static func nested(_ levels: Int) -> String {
        var require = "true"
        for _ in 0..<levels { require = "count([1, 2][? \(require)]) >= 0" }
        return require
    }

    static func finding(levels: Int) throws -> Finding {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("nested", "require: '\(nested(levels))'", "owner: '\"board\"'"))
        return try TestPack.onlyFinding("dutycheck: 1\npartnership: {name: A}\n", asOf: "2024-04-02", rules: rules)
    }

    @Test func twentyTwoLevelsStopAtTheBudget() throws {
        let finding = try Self.finding(levels: 22)
        #expect(finding.status == .missing)
        #expect(finding.message.contains("checking this record took more than 5000000 evaluation steps"), "\(finding.message)")
    }

    @Test func tenLevelsAreWithinIt() throws {
        #expect(try Self.finding(levels: 10).status == .met)
    }
}
