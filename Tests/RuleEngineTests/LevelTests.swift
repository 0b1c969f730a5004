import Testing
import YAMLTree
@testable import RuleEngine

/// The level each finding is reported at (DESIGN.md §4 "Levels", §5).
@Suite struct LevelTests {
    /// The level DESIGN.md gives for each status, severity and confidence, written out in full.
    static func expectedLevel(_ status: Status, _ severity: Severity, _ confidence: Confidence) -> Severity? {
        switch (status, severity, confidence) {
        case (.met, _, _), (.notApplicable, _, _), (.waived, _, _): nil
        case (.late, _, _): .info
        case (.dueSoon, .info, _): .info
        case (.dueSoon, _, _): .warning
        case (.overdue, .error, .confirmed), (.missing, .error, .confirmed): .error
        case (.overdue, .error, .unconfirmed), (.missing, .error, .unconfirmed): .warning
        case (.overdue, .warning, _), (.missing, .warning, _): .warning
        case (.overdue, .info, _), (.missing, .info, _): .info
        }
    }

    static let combinations: [(Status, Severity, Confidence)] = Status.allCases.flatMap { status in
        Severity.allCases.flatMap { severity in [Confidence.confirmed, .unconfirmed].map { (status, severity, $0) } }
    }

    @Test(arguments: combinations)
    func levelTable(status: Status, severity: Severity, confidence: Confidence) {
        #expect(Levels.level(for: status, severity: severity, confidence: confidence) == Self.expectedLevel(status, severity, confidence))
    }

    /// A record per status against a deadline rule due 31 March 2024, checked on 2 April 2024
    /// unless stated.
    static let recordsByStatus: [(Status, String, String)] = [
        (.met, "task: {due: 2024-03-31, done: 2024-03-01}", "2024-04-02"),
        (.dueSoon, "task: {due: 2024-03-31}", "2024-03-20"),
        (.overdue, "task: {due: 2024-03-31}", "2024-04-02"),
        (.missing, "task: {due: TBC}", "2024-04-02"),
        (.late, "task: {due: 2024-03-31, done: 2024-04-01}", "2024-04-02"),
        (.notApplicable, "task: {due: 2024-03-31, exempt: true}", "2024-04-02"),
        (.waived, "task: {due: 2024-03-31}\nwaivers: [{rule: d, reason: Agreed., approved_by: Board, until: 2024-12-31}]", "2024-04-02"),
    ]

    @Test(arguments: [Severity.error, .warning, .info], [Confidence.confirmed, .unconfirmed])
    func findingsCarryTheirLevelAndTheRulesOwnSeverity(severity: Severity, confidence: Confidence) throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule(
            "d", "applies: not (task.exempt ?? false)", "deadline: {due: task.due, done: task.done, warn: 30 days}",
            severity: severity, confidence: confidence))
        for (status, record, asOf) in Self.recordsByStatus {
            let finding = try TestPack.onlyFinding(record + "\n", asOf: asOf, rules: rules)
            #expect(finding.status == status)
            #expect(finding.level == Self.expectedLevel(status, severity, confidence), "\(status) \(severity) \(confidence)")
            #expect(finding.severity == severity, "severity stays the rule's own")
            #expect(finding.confidence == confidence)
        }
    }

    @Test func severityDefaultsToThePacksDefaultThenError() throws {
        let withDefault = try TestPack.ruleSet(rules: TestPack.rule("d", "require: false"), defaults: "{severity: warning}")
        let overridden = try TestPack.ruleSet(rules: TestPack.rule("d", "require: false", severity: .info), defaults: "{severity: warning}")
        let plain = try TestPack.ruleSet(rules: TestPack.rule("d", "require: false"))
        #expect(try TestPack.onlyFinding("a: 1\n", asOf: "2024-04-02", rules: withDefault).level == .warning)
        #expect(try TestPack.onlyFinding("a: 1\n", asOf: "2024-04-02", rules: overridden).level == .info)
        #expect(try TestPack.onlyFinding("a: 1\n", asOf: "2024-04-02", rules: plain).level == .error)
    }
}
