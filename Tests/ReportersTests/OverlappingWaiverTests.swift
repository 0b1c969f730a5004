import Foundation
import Reporters
import RuleEngine
import Testing

/// Two unexpired waivers for one finding (a renewal recorded before the old one runs out): the
/// text and JUnit outputs name the waiver the finding's message names, the one that runs longest.
@Suite struct OverlappingWaiverTests {
    static let pack = """
        dutycheck: 1
        pack: test-pack
        title: Test pack
        version: "1"
        citations:
          act: {title: "Test Act 2024, section 1", url: "https://example.org/act", kind: statute}
        rules:
          - id: plan-approved
            title: The plan is approved
            duty: The plan is approved by its due date.
            basis: [act]
            confidence: confirmed
            deadline: {due: task.due, done: task.done}

        """

    static let record = """
        task: {due: 2024-03-31}
        waivers:
          - {rule: plan-approved, reason: Waiting for the election., approved_by: Old Board, reference: OLD-1, until: 2024-06-30}
          - {rule: plan-approved, reason: Renewed after the election., approved_by: New Board, reference: NEW-2, until: 2024-12-31}

        """

    static func report() throws -> Report {
        let rules = try RuleSet.load(files: [("pack.yaml", Array(pack.utf8))])
        let decoded = try RecordDecoder.decode(bytes: Array(record.utf8), file: "record.yaml", rules: rules)
        let asOf = try #require(CivilDate(iso: "2024-04-02"))
        let result = RecordEvaluator(rules: rules).evaluate(decoded, asOf: asOf)
        return Report(toolVersion: "test", asOf: asOf, packs: rules.packs.map(\.info), records: [result])
    }

    @Test func theFindingAndItsWaiverAgree() throws {
        let report = try Self.report()
        let result = try #require(report.records.first)
        let finding = try #require(result.findings.first)
        #expect(finding.status == .waived)
        #expect(finding.message.hasPrefix("Waived until 31 December 2024 (approved by New Board, NEW-2)"))
        #expect(result.waiver(covering: finding)?.reference == "NEW-2")
        #expect(result.waivers.map(\.state) == [.active, .active])

        let text = TextReporter(includeAll: true).render(report)
        #expect(text.contains("31 December 2024"))
        #expect(text.contains("NEW-2"))
        #expect(!text.contains("OLD-1"))
        #expect(!text.contains("30 June 2024"))

        let junit = JUnitReporter().render(report)
        #expect(junit.contains("Waived until 31 December 2024"))
        #expect(!junit.contains("30 June 2024"))
        #expect(!junit.contains("OLD-1"))
    }
}
