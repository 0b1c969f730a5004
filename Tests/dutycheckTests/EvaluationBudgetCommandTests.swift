import Foundation
import Testing
import TestSupport

/// A record whose check runs out of evaluation steps is refused as bad input, at the rule that was
/// being checked, by every command that checks records: half its findings would claim gaps that were
/// never checked.
@Suite struct EvaluationBudgetCommandTests {
    /// `CLIPack` with a last rule of filters nested 22 deep, on line 39.
    static func workspace() throws -> Workspace {
        let workspace = try Workspace.withRules()
        var require = "true"
        for _ in 0..<22 { require = "count([1, 2][? \(require)]) >= 0" }
        let rule = """
              - id: nested
                title: Nested filters
                duty: A duty.
                basis: [act]
                confidence: confirmed
                owner: '"board"'
                require: '\(require)'

            """
        try workspace.write("rules/pack.yaml", CLIPack.text + rule)
        try workspace.write("r.yaml", CLIPack.cleanRecord + "notifications: {from: dutycheck@example.org, to: [team@example.org]}\n")
        return workspace
    }

    @Test(arguments: [
        ["check"], ["check", "--format", "json"], ["calendar", "-o", "out.ics"], ["report", "--meeting", "2024-04-10", "-o", "out.html"],
        ["notify", "--dry-run", "--state", "state.sqlite"],
    ])
    func theRecordIsRefusedAtTheRule(command: [String]) throws {
        let workspace = try Self.workspace()
        let line = try #require(workspace.read("rules/pack.yaml")?.components(separatedBy: "\n").firstIndex(of: "  - id: nested")) + 1
        let outcome = try workspace.run(command + ["--rules", "rules", "--as-of", "2024-04-02", "r.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("rules/pack.yaml:\(line):5: error: checking r.yaml stopped in rule \"nested\": the check took "
            + "more than 5,000,000 evaluation steps, the most one record may take, so the record is not reported on"), "\(outcome.stderr)")
        #expect(!workspace.listing().contains { $0.hasPrefix("out.") })
    }

    /// A real notify run refuses the record before its state database is made or touched.
    @Test func notifyRefusesBeforeTouchingItsState() throws {
        let workspace = try Self.workspace()
        let outcome = try workspace.run(["notify", "--state", "state.sqlite", "--out-dir", ".", "--rules", "rules",
                                         "--as-of", "2024-04-02", "r.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("checking r.yaml stopped in rule \"nested\""), "\(outcome.stderr)")
        #expect(workspace.listing() == ["r.yaml", "rules"])
    }
}
