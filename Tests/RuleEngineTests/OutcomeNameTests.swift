import Testing
@testable import RuleEngine

/// A message or remedy may name the finding's own `status`, `due`, `done`, `days` and `subject`,
/// before any record key of the same name (DESIGN.md §4 Names).
@Suite struct OutcomeNameTests {
    static let record = """
        status: draft
        tasks:
          - {id: first, due: 2024-03-31, done: 2024-03-20}
          - {id: second, due: 2024-03-31}
        """

    @Test func messagesAndRemediesReadTheFindingsOutcome() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule(
            "tasks", "for_each: tasks", "as: task", "subject: task.id",
            "deadline: {due: task.due, done: task.done}",
            #"message: "{subject} is {status}: due {due}, done {done}, {days} days; the record says {$.status}""#,
            #"remedy: "Finish {subject} ({status})""#))
        #expect(try #require(rules.packs.first?.rules.first).templatesReadOutcome)
        let findings = try TestPack.evaluate(Self.record, asOf: "2024-04-02", rules: rules).findings
        #expect(findings.map(\.message) == [
            "first is met: due 31 March 2024, done 20 March 2024, not recorded days; the record says draft",
            "second is overdue: due 31 March 2024, done not recorded, 2 days; the record says draft",
        ])
        #expect(findings.map(\.remedy) == ["Finish first (met)", "Finish second (overdue)"])
    }

    /// Inside a filter an outcome name is the item's key, as in the check: a plan with no status
    /// was kept by `[? status == "missing"]` in a missing finding's message (the finding's status
    /// filled in), so the message named plans the check had not counted.
    @Test func insideAFilterTheNamesAreTheItemsKeys() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule(
            "plans", "require: 'count(plans[? status != \"draft\"]) == 9'",
            #"message: "{count(plans[? status != \"draft\"])} not drafts: {plans[? status != \"draft\"].title}; {plans[? status == \"missing\"].title ?? \"none\"} missing; this finding is {status}""#))
        let record = "plans:\n  - {title: A, status: agreed}\n  - {title: B}\n  - {title: C, status: draft}\n"
        let finding = try TestPack.onlyFinding(record, asOf: "2024-04-02", rules: rules)
        #expect(finding.status == .missing)
        #expect(finding.message == "1 not drafts: A; none missing; this finding is missing")
    }

    @Test func withoutOutcomeNamesTheRecordKeyIsRead() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("plain", "require: true", #"message: "The record says {$.status}.""#))
        #expect(try #require(rules.packs.first?.rules.first).templatesReadOutcome == false)
        #expect(try TestPack.onlyFinding(Self.record, asOf: "2024-04-02", rules: rules).message == "The record says draft.")
    }
}
