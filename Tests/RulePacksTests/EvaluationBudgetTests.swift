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
        // The budget's comment says about 3,500 times: far more than a real record needs.
        #expect(spent * 1_000 < EvaluationBudget.steps, "spent \(spent)")
        #expect(!result.findings.contains { $0.message.contains("evaluation steps") })
    }

    @Test func aRecordPastItsBudgetHasEveryFindingLeftSayWhy() throws {
        let rules = try ShippedPackTests.loadRules()
        let budget = EvaluationBudget(steps: 1_000)
        let result = RecordEvaluator(rules: rules)
            .evaluate(try Self.bromley(), asOf: try #require(CivilDate(iso: "2024-04-02")), budget: budget)
        let stopped = result.findings.filter { $0.message.contains("more than \(EvaluationBudget.steps) evaluation steps") }
        #expect(!stopped.isEmpty)
        #expect(stopped.allSatisfy { $0.status == .missing })
        // Once spent, nothing more is evaluated: the findings after the first stopped one are all stopped.
        let first = try #require(result.findings.firstIndex { $0.message.contains("evaluation steps") })
        #expect(result.findings[first...].allSatisfy { $0.message.contains("evaluation steps") })
    }

    /// Past the record's budget of text, findings keep their status and default message, and say
    /// why their own was not written; until then, every finding has its own.
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
        let written = full.findings[..<first].map { $0.message.utf8.count + ($0.remedy?.utf8.count ?? 0) }
        // The one that passed the budget is written whole; the text before it was within the budget.
        #expect(written.reduce(0, +) >= 4_000)
        #expect(written.dropLast().reduce(0, +) < 4_000)
    }
}
