import Foundation
import RuleEngine
import Testing
import TestSupport

/// Three packs choose "the plan" by the same logic: the crime-and-disorder and domestic abuse
/// packs the plan whose content they check, the partner-approvals pack the plan whose approval
/// round it checks (among the plans with one). Their lets are written out in each pack, so these
/// tests keep the copies word for word the same, and a fix to one cannot miss the others.
@Suite struct PlanSelectionLetsTests {
    /// The lets that choose the plan, in the crime-and-disorder pack's names.
    static let selectionLets = ["agreed_plans", "covering_plans", "current_start", "current_plan",
                                "undated_plans", "latest_start", "latest_plan", "plan"]

    static func lets(of file: String) throws -> [String: String] {
        let pack = try PackDecoder.decode(bytes: try Fixtures.bytes(file), file: file)
        return pack.lets.mapValues(\.source)
    }

    @Test func theDomesticAbusePackChoosesThePlanAsTheCrimeAndDisorderPackDoes() throws {
        let crimeAndDisorder = try Self.lets(of: "Rules/crime-and-disorder.yaml")
        let domesticAbuse = try Self.lets(of: "Rules/domestic-abuse-act-part-4.yaml")
        for name in Self.selectionLets {
            let text = try #require(crimeAndDisorder[name], "crime-and-disorder has no let \(name)")
            #expect(domesticAbuse[name] == text, "\(name) differs between the packs")
        }
    }

    /// The partner-approvals pack's lets are the crime-and-disorder pack's latest-plan lets over
    /// `approval_plans` instead of `plans`: renamed back, they must read the same.
    @Test func thePartnerApprovalsPackChoosesItsRoundAsTheLatestPlanIsChosen() throws {
        let crimeAndDisorder = try Self.lets(of: "Rules/crime-and-disorder.yaml")
        let approvals = try Self.lets(of: "Rules/partner-approvals.yaml")
        // Longest first, so that approval_plans is not renamed inside agreed_approval_plans.
        let renames = [("agreed_approval_plans", "agreed_plans"), ("undated_approval_plans", "undated_plans"),
                       ("approval_plans", "plans"), ("approval_start", "latest_start"), ("approval_plan", "latest_plan")]
        func renamed(_ text: String) -> String {
            renames.reduce(text) { text, rename in
                text.replacingOccurrences(of: "\\b\(rename.0)\\b", with: rename.1, options: .regularExpression)
            }
        }
        for (approvalName, name) in renames where approvalName != "approval_plans" {
            let text = try #require(approvals[approvalName], "partner-approvals has no let \(approvalName)")
            #expect(renamed(text) == crimeAndDisorder[name], "\(approvalName) does not read as \(name)")
        }
    }

    /// record-quality's `approval-partner-listed` checks the ids of the round partner-approvals reads,
    /// so it chooses that round with the same lets, word for word.
    @Test func theRecordCheckReadsTheApprovalRoundThePartnerApprovalsPackReads() throws {
        let approvals = try Self.lets(of: "Rules/partner-approvals.yaml")
        let recordQuality = try Self.lets(of: "Rules/record-quality.yaml")
        for name in ["approval_plans", "agreed_approval_plans", "undated_approval_plans", "approval_start", "approval_plan"] {
            let text = try #require(approvals[name], "partner-approvals has no let \(name)")
            #expect(recordQuality[name] == text, "\(name) differs between the packs")
        }
    }

    /// The fallback itself: with an undated plan, the last undated one listed; otherwise by date.
    @Test func anUndatedPlanMakesTheLastListedTheLatest() throws {
        let rules = try ShippedPackTests.loadRules()
        func reoffendingMessage(_ plans: String) throws -> String? {
            let yaml = """
            dutycheck: 1
            partnership: {name: Test CSP, nation: england, area_type: unitary}
            plans:
            \(plans)
            """
            let record = try RecordDecoder.decode(bytes: Array(yaml.utf8), file: "test.yaml", rules: rules)
            let result = RecordEvaluator(rules: rules).evaluate(record, asOf: CivilDate(iso: "2024-05-01")!)
            let finding = result.findings.first { $0.rule == "cda-plan-covers-strands" && $0.subject == "reoffending" }
            return finding?.message
        }
        let undatedLast = try reoffendingMessage("""
              - {title: Old Plan 2021-24, period: {start: 2021-04-01, end: 2024-03-31}, status: agreed, covers: [reoffending]}
              - {title: New Draft, status: draft, covers: [crime_and_disorder]}
            """)
        #expect(undatedLast == "Not recorded as covered by New Draft: re-offending, which the plan's strategies must cover. Check the plan and, if its strategies cover this strand, add it to the plan's covers (as reoffending).")
        let datedOnly = try reoffendingMessage("""
              - {title: New Draft 2024-27, period: {start: 2024-06-01}, status: draft, covers: [crime_and_disorder]}
              - {title: Old Plan 2021-24, period: {start: 2021-04-01, end: 2024-03-31}, status: agreed, covers: [reoffending]}
            """)
        #expect(datedOnly == "Not recorded as covered by New Draft 2024-27: re-offending, which the plan's strategies must cover. Check the plan and, if its strategies cover this strand, add it to the plan's covers (as reoffending).")
        // Listed newest first: the undated draft, not whichever dated plan happens to be listed last.
        let undatedFirst = try reoffendingMessage("""
              - {title: New Draft, status: draft, covers: [crime_and_disorder]}
              - {title: Plan 2020-23, period: {start: 2020-04-01, end: 2023-03-31}, status: agreed, covers: [reoffending]}
              - {title: Plan 2017-20, period: {start: 2017-04-01, end: 2020-03-31}, status: agreed, covers: [reoffending]}
            """)
        #expect(undatedFirst == "Not recorded as covered by New Draft: re-offending, which the plan's strategies must cover. Check the plan and, if its strategies cover this strand, add it to the plan's covers (as reoffending).")
        // With no plan there is none to check.
        let none = try reoffendingMessage("  []")
        #expect(none == "Not recorded as covered by a plan (none is recorded): re-offending, which the plan's strategies must cover. Record the plan, with the strands its strategies cover.")
    }
}
