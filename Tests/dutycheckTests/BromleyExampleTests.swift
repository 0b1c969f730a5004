import Foundation
import Testing
import TestSupport

/// The Safer Bromley Partnership example: `check` as of the board report's date and just after
/// the approval deadline, in text and JSON, must match the committed expected output.
@Suite struct BromleyExampleTests {
    static let record = "Examples/bromley/record.yaml"

    @Test(arguments: [
        ("2024-02-29", "text", "txt", Int32(1)),
        ("2024-02-29", "json", "json", Int32(1)),
        ("2024-04-02", "text", "txt", Int32(1)),
        ("2024-04-02", "json", "json", Int32(1)),
    ])
    func checkOutputMatchesTheExpectedFile(asOf: String, format: String, suffix: String, status: Int32) throws {
        let outcome = try CommandRunner.run(["check", "--as-of", asOf, "--format", format, Self.record],
                                            environment: ["NO_COLOR": "1"])
        #expect(outcome.status == status, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty)
        let golden = "Examples/bromley/expected/check-\(asOf).\(suffix)"
        #expect(Golden.mismatch(outcome.stdout, golden: golden) == nil)
    }

    /// Two days after the deadline every responsible authority that had not confirmed is named.
    @Test func approvalsAreOverdueByPartnerAfterTheDeadline() throws {
        let outcome = try CommandRunner.run(["check", "--as-of", "2024-04-02", "--format", "json", Self.record])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let records = try #require(json["records"] as? [[String: Any]])
        let findings = try #require(records.first?["findings"] as? [[String: Any]])
        let approvals = findings.filter { $0["rule"] as? String == "partner-approval" }
        #expect(approvals.count == 5)
        for approval in approvals {
            #expect(approval["status"] as? String == "overdue")
            #expect(approval["due"] as? String == "2024-03-31")
            #expect(approval["days"] as? Int == 2)
            let subject = try #require(approval["subject"] as? String)
            #expect((approval["owners"] as? [String]) == [subject])
        }
    }

    /// On the report's own date the approvals are not yet due, but fall due within the window.
    @Test func approvalsAreDueSoonOnTheReportDate() throws {
        let outcome = try CommandRunner.run(["check", "--as-of", "2024-02-29", "--format", "json", Self.record])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let findings = try #require((json["records"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])
        let approvals = findings.filter { $0["rule"] as? String == "partner-approval" }
        #expect(approvals.count == 5)
        #expect(approvals.allSatisfy { $0["status"] as? String == "due-soon" && $0["days"] as? Int == 31 })
    }
}
