import Foundation
import Testing
import TestSupport

/// A record the shipped schema refuses is still checked, but no longer in silence: with the shipped
/// packs, every command that checks records warns on stderr of each schema problem, at its place,
/// and the exit status is the findings'. (A misspelt key was read as "not recorded" without a word.)
@Suite struct RecordSchemaWarningTests {
    static let asOf = ["--as-of", "2024-04-02"]

    static let approval = "- {partner: met-police, approved: null}"

    /// The line of met-police's approval in the Bromley record.
    static let approvalLine = Fixtures.bromleyLine(of: approval)

    /// The Bromley record with `approved` misspelt in met-police's approval.
    static func misspeltRecord(in workspace: Workspace) throws -> String {
        try Fixtures.editedBromley(replacing: approval, with: "- {partner: met-police, aproved: null}", in: workspace.url).path
    }

    static func warning(_ record: String) -> String {
        """
        \(record):\(approvalLine):33: warning: plans[0].approvals.by[1]: unknown key "aproved"; did you mean "approved"?
                - {partner: met-police, aproved: null}
                                        ^

        """
    }

    @Test(arguments: [
        // The command line, and its exit status on the Bromley record (1: findings, or a message).
        (["check"], Int32(1)),
        (["check", "--quiet", "--fail-on", "never"], 0),
        (["check", "--format", "json"], 1),
        (["check", "--rules", "Rules"], 1),
        (["calendar", "-o", "calendar.ics"], 0),
        (["report", "--meeting", "2024-04-10", "-o", "report.html"], 0),
        (["notify", "--dry-run", "--state", "state.sqlite"], 1),
    ] as [([String], Int32)])
    func eachCommandWarnsOnceAndKeepsItsExitStatus(command: [String], status: Int32) throws {
        let workspace = try Workspace()
        let record = try Self.misspeltRecord(in: workspace)
        let arguments = command.map { $0 == "Rules" ? Fixtures.path("Rules").path : $0 }
        let outcome = try CommandRunner.run(arguments + Self.asOf + [record], in: workspace.url)
        #expect(outcome.status == status, "\(outcome.stderr)")
        #expect(outcome.stderr == Self.warning(record))
    }

    @Test func aValidRecordGetsNoWarning() throws {
        let outcome = try CommandRunner.run(["check"] + Self.asOf + [Fixtures.path("Examples/bromley/record.yaml").path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "")
    }

    /// The schema describes the record the shipped packs read; other packs may read keys it does
    /// not know, so with them nothing is said.
    @Test func otherPacksGetNoWarning() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.errorRecord + "unknown_to_the_schema: 1\n")
        let outcome = try workspace.run(["check", "--rules", "rules"] + Self.asOf + ["r.yaml"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "")
    }

    /// `validate` still refuses the record, with the same words as an error.
    @Test func validateCallsItAnError() throws {
        let workspace = try Workspace()
        let record = try Self.misspeltRecord(in: workspace)
        let outcome = try CommandRunner.run(["validate", record])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == Self.warning(record).replacingOccurrences(of: ": warning: ", with: ": error: "))
    }
}
