import Testing
import YAMLTree
@testable import RuleEngine

/// Which bytes of a finding's message and remedy the record wrote (`Finding.recordText`): string
/// values read from the record through a hole, and a waiver's approver, reference and reason.
@Suite struct RecordTextSpanTests {
    /// The texts `spans` cover in `text`, in order.
    static func quoted(_ text: String, _ spans: RecordTextSpans) -> [String] {
        let bytes = Array(text.utf8)
        return spans.ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    static func finding(_ record: String, _ lines: String...) throws -> Finding {
        let rule = TestPack.rule("r", lines.joined(separator: "\n    "))
        return try TestPack.onlyFinding(record, asOf: "2024-04-02", rules: TestPack.ruleSet(rules: rule))
    }

    @Test func aRecordStringIsCoveredAndTheRulesTextIsNot() throws {
        let finding = try Self.finding("plan: {title: Zoë's plan_1, code: ab, count: 3, start: 2024-01-01}\n", "require: 'false'",
                                       "message: '{plan.title} ({plan.code}) has {plan.count} from {plan.start}, {\"lit_x\"}.'")
        #expect(finding.message == "Zoë's plan_1 (ab) has 3 from 1 January 2024, lit_x.")
        #expect(Self.quoted(finding.message, finding.recordText.message) == ["Zoë's plan_1", "ab"])
        #expect(finding.recordText.message.ranges.first == 0..<13)
    }

    /// A string the rule computes has no place in the record; a null's words are the rule's, and
    /// an empty string covers nothing.
    @Test func computedUnrecordedAndEmptyTextIsNotCovered() throws {
        let finding = try Self.finding("code: p_1\nblank: ''\n", "require: 'false'",
                                       "message: '{\"x\" + code}|{missing}|{blank}|{code}'")
        #expect(finding.message == "xp_1|not recorded||p_1")
        #expect(finding.recordText.message.ranges == [19..<22])
    }

    /// A list's record strings each have their own range; its numbers and the separators have none.
    @Test func aListCoversEachRecordStringItem() throws {
        let finding = try Self.finding("ids: [sbp_housing, 7, x_1]\n", "require: 'false'", "message: 'Co-opted: {ids}.'")
        #expect(finding.message == "Co-opted: sbp_housing, 7, x_1.")
        #expect(Self.quoted(finding.message, finding.recordText.message) == ["sbp_housing", "x_1"])
    }

    /// A hole shared by the message and the remedy, or by many findings of a pack, is written once
    /// and covered in each text at its own place.
    @Test func sharedHolesAreCoveredWhereverTheyAreWritten() throws {
        let rule = TestPack.rule("r", "for_each: items", "as: item", "subject: item", "require: 'false'",
                                 "message: '{item} for {lead}.'", "remedy: 'Ask {lead} about {item}.'")
        let findings = try TestPack.evaluate("lead: lbb_cs\nitems: [a_1, bb_2]\n", asOf: "2024-04-02",
                                             rules: TestPack.ruleSet(rules: rule)).findings
        #expect(findings.map { Self.quoted($0.message, $0.recordText.message) } == [["a_1", "lbb_cs"], ["bb_2", "lbb_cs"]])
        #expect(findings.map { Self.quoted($0.remedy ?? "", $0.recordText.remedy) } == [["lbb_cs", "a_1"], ["lbb_cs", "bb_2"]])
        #expect(findings[1].recordText.remedy.ranges == [4..<10, 17..<21])
    }

    /// What the evaluator adds after the rendered message (the owner problem) moves nothing.
    @Test func anOwnerProblemAddedAfterKeepsTheRanges() throws {
        let finding = try Self.finding("name: Plan_A\n", "owner: 'name + 1'", "require: 'false'", "message: '{name} is late.'")
        #expect(finding.message.hasPrefix("Plan_A is late. ("))
        #expect(Self.quoted(finding.message, finding.recordText.message) == ["Plan_A"])
    }

    /// A waiver's opening quotes the record (its approver, reference and reason, not the full stop
    /// added after it), and the message's own ranges move along after it.
    @Test func aWaiverQuotesItsApproverReferenceAndReason() throws {
        let record = """
            name: Plan_A
            waivers:
              - {rule: r, reason: "Awaiting housing_trust\\n", approved_by: board_chair, reference: min_12, until: 2024-12-31}

            """
        let finding = try Self.finding(record, "require: 'false'", "message: '{name} is late.'")
        #expect(finding.message == "Waived until 31 December 2024 (approved by board_chair, min_12): Awaiting housing_trust. "
                + "Without the waiver: Plan_A is late.")
        #expect(Self.quoted(finding.message, finding.recordText.message)
                == ["board_chair", "min_12", "Awaiting housing_trust", "Plan_A"])
    }

    @Test func aWaiverPastTheTextBudgetMovesTheMessagesRanges() throws {
        var finding = Finding(rule: "r", pack: "p", title: "t", duty: "d", status: .missing, severity: .error, level: .error,
                              confidence: .confirmed, subject: nil, due: nil, done: nil, days: nil, owners: [],
                              message: "Plan_A is late.", remedy: nil, basis: [], evidence: [])
        finding.recordText.message.append(0..<6)
        var findings = [finding]
        let waiver = Waiver(rule: "r", subject: nil, reason: "why", approvedBy: "me", reference: nil,
                            until: CivilDate(year: 2024, month: 12, day: 31)!, location: TestPack.at(3, 5))
        _ = Waivers.apply([waiver], to: &findings, today: CivilDate(year: 2024, month: 4, day: 2)!,
                          text: EvaluationBudget(textBytes: 0), perItem: { _ in false })
        #expect(findings[0].message.hasSuffix("Without the waiver: Plan_A is late."))
        #expect(Self.quoted(findings[0].message, findings[0].recordText.message) == ["Plan_A"])
    }
}
