import Foundation
@testable import RuleEngine
import Testing
import TestSupport

/// A record's evaluation has a budget of steps, so that no record or pack can make a check take
/// minutes or hours; the shipped packs spend a small part of it on a real record.
@Suite struct EvaluationBudgetTests {
    static func bromley() throws -> Record {
        let path = Fixtures.path("Examples/bromley/record.yaml").path
        return try RecordDecoder.decode(bytes: try Fixtures.bytes("Examples/bromley/record.yaml"), file: path,
                                        rules: try ShippedPackTests.loadRules())
    }

    @Test func theShippedPacksSpendASmallPartOfTheBudgetOnTheBromleyRecord() throws {
        let budget = EvaluationBudget()
        let result = RecordEvaluator(rules: try ShippedPackTests.loadRules())
            .evaluate(try Self.bromley(), asOf: try #require(CivilDate(iso: "2024-04-02")), budget: budget)
        let spent = EvaluationBudget.steps - budget.remaining
        #expect(spent > 1_000)
        // The budget's comment says about 3,300 times: far more than a real record needs.
        #expect(spent * 1_000 < EvaluationBudget.steps, "spent \(spent)")
        #expect(!result.findings.contains { $0.message.contains("evaluation steps") })
    }

    /// Past the budget the check stops at the rule being checked, and says which: the record is
    /// refused, not reported on with findings half made.
    @Test func aRecordPastItsBudgetStopsAtTheRuleBeingChecked() throws {
        let rules = try ShippedPackTests.loadRules()
        let result = RecordEvaluator(rules: rules)
            .evaluate(try Self.bromley(), asOf: try #require(CivilDate(iso: "2024-04-02")), budget: EvaluationBudget(steps: 1_000))
        let stopped = try #require(result.stopped)
        let rule = try #require(rules.rule(withID: stopped.rule))
        #expect(stopped.location == rule.location)
        #expect(rules.packs.first { $0.id == stopped.pack }?.file == stopped.packFile)
        // The findings go no further than the rule that ran out.
        #expect(result.findings.last?.rule == stopped.rule)
        #expect(stopped.diagnostic(record: "r.yaml").message.hasPrefix("checking r.yaml stopped in rule \"\(stopped.rule)\": "
            + "the check took more than 5,000,000 evaluation steps, the most one record may take"))
    }

    /// Past the record's budget of text (messages, remedies, labels, subjects and owners), findings
    /// keep their status and default message, and say why their own was not written; until then,
    /// every finding has its own.
    @Test func pastTheTextBudgetFindingsSayTheirMessageWasNotWritten() throws {
        let budget = EvaluationBudget(textBytes: 4_000)
        let result = RecordEvaluator(rules: try ShippedPackTests.loadRules())
            .evaluate(try Self.bromley(), asOf: try #require(CivilDate(iso: "2024-04-02")), budget: budget)
        let full = RecordEvaluator(rules: try ShippedPackTests.loadRules())
            .evaluate(try Self.bromley(), asOf: try #require(CivilDate(iso: "2024-04-02")))
        let first = try #require(result.findings.firstIndex { $0.message.hasSuffix(EvaluationBudget.textSpentNote) })
        #expect(result.findings[first...].allSatisfy { $0.message.hasSuffix(EvaluationBudget.textSpentNote) && $0.remedy == nil })
        #expect(result.findings.map(\.status) == full.findings.map(\.status))
        #expect(result.findings[..<first].map(\.message) == full.findings[..<first].map(\.message))
        let written = full.findings[..<first].map { finding in
            [finding.message, finding.remedy, finding.label, finding.subject].reduce(0) { $0 + ($1?.utf8.count ?? 0) }
                + finding.owners.reduce(0) { $0 + $1.utf8.count }
        }
        // The one that passed the budget is written whole; the text before it was within the budget.
        #expect(written.reduce(0, +) >= 4_000)
        #expect(written.dropLast().reduce(0, +) < 4_000)
    }
}
