import Testing
@testable import RuleEngine

/// Past a record's budget of text, a finding keeps what identifies it (rule, subject, status, dates,
/// owners) but not its label, its own message or remedy, nor a waiver's reason: each of those, repeated
/// for thousands of items, had made hundreds of megabytes.
@Suite struct TextBudgetTests {
    static let record = """
        dutycheck: 1
        partnership: {name: A}
        orders: [{id: park, name: Park Order}, {id: square, name: Square Order}]
        waivers:
          - {rule: r, reason: Agreed by the board, approved_by: The Board, until: 2024-12-31}

        """

    static func findings(textBytes: Int) throws -> [Finding] {
        let rules = try TestPack.ruleSet(rules: TestPack.rule(
            "r", "for_each: orders", "as: order", "subject: order.id", "label: order.name", "require: 'false'",
            "owner: '\"board\"'", "message: {missing: '{order.name} is not in order.'}", "remedy: Put {order.name} in order."))
        let decoded = try RecordDecoder.decode(bytes: Array(record.utf8), file: "record.yaml", rules: rules)
        return RecordEvaluator(rules: rules)
            .evaluate(decoded, asOf: try #require(CivilDate(iso: "2024-04-02")), budget: EvaluationBudget(textBytes: textBytes))
            .findings
    }

    @Test func withinTheBudgetEverythingIsWritten() throws {
        let findings = try Self.findings(textBytes: EvaluationBudget.textBytes)
        #expect(findings.map(\.label) == ["Park Order", "Square Order"])
        #expect(findings.map(\.message) == [
            "Waived until 31 December 2024 (approved by The Board): Agreed by the board. Without the waiver: Park Order is not in order.",
            "Waived until 31 December 2024 (approved by The Board): Agreed by the board. Without the waiver: Square Order is not in order.",
        ])
        #expect(findings.map(\.remedy) == ["Put Park Order in order.", "Put Square Order in order."])
    }

    @Test func pastItAFindingKeepsWhatIdentifiesIt() throws {
        // One byte: the first finding is written whole, and spends the budget.
        let findings = try Self.findings(textBytes: 1)
        #expect(findings.map(\.subject) == ["park", "square"])
        #expect(findings.map(\.status) == [.waived, .waived])
        #expect(findings.map(\.owners) == [["board"], ["board"]])
        #expect(findings.map(\.label) == ["Park Order", nil])
        #expect(findings.map(\.remedy) == ["Put Park Order in order.", nil])
        #expect(findings[1].message == "Waived until 31 December 2024 by the waiver on line 5 of the record (its reason and approver "
            + "are there). Without the waiver: Not in the record: Rule r. " + EvaluationBudget.textSpentNote)
    }
}
