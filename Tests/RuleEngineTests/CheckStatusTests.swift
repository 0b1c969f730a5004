import Testing
import YAMLTree
@testable import RuleEngine

/// Small inline rule packs and records for the engine tests, so they do not depend on the
/// statutory packs in Rules/.
enum TestPack {
    /// A position in a pack or record file (Swift Testing has a `SourceLocation` of its own).
    static func at(_ line: Int, _ column: Int) -> YAMLTree.SourceLocation {
        YAMLTree.SourceLocation(line: line, column: column)
    }

    /// A pack with one citation (`act`) and the given rules, each already indented as list items
    /// under `rules:`. Without `defaults` and `lets` the first rule starts on line 11; each
    /// rule from `rule(...)` takes 5 lines plus its own.
    static func source(id: String = "test-pack", defaults: String? = nil, lets: [String] = [], rules: [String]) -> String {
        var lines = [
            "dutycheck: 1",
            "pack: \(id)",
            "title: Test pack",
            "version: \"1\"",
            "citations:",
            "  act:",
            "    title: Test Act 2024, section 1",
            "    url: https://example.org/act",
            "    kind: statute",
        ]
        if let defaults { lines.append("defaults: \(defaults)") }
        if !lets.isEmpty {
            lines.append("let:")
            lines += lets.map { "  \($0)" }
        }
        lines.append("rules:")
        return (lines + rules).joined(separator: "\n") + "\n"
    }

    /// One rule with every required key, then `lines` (the check and any other keys), indented.
    static func rule(_ id: String, _ lines: String..., severity: Severity? = nil,
                     confidence: Confidence = .confirmed) -> String {
        var text = [
            "  - id: \(id)",
            "    title: Rule \(id)",
            "    duty: The duty of \(id).",
            "    basis: [act]",
            "    confidence: \(confidence.rawValue)",
        ]
        if let severity { text.append("    severity: \(severity.rawValue)") }
        text += lines.map { "    \($0)" }
        return text.joined(separator: "\n")
    }

    /// Loads pack sources named `pack1.yaml`, `pack2.yaml`, ...
    static func ruleSet(_ sources: String...) throws -> RuleSet {
        try RuleSet.load(files: sources.enumerated().map { ("pack\($0.offset + 1).yaml", Array($0.element.utf8)) })
    }

    /// A rule set with one pack holding `rules`.
    static func ruleSet(rules: String..., defaults: String? = nil, lets: [String] = []) throws -> RuleSet {
        try ruleSet(source(defaults: defaults, lets: lets, rules: rules))
    }

    /// The problems loading `files` reports, or [] if they load.
    static func loadProblems(_ files: [(name: String, text: String)]) -> [Diagnostic] {
        do {
            _ = try RuleSet.load(files: files.map { ($0.name, Array($0.text.utf8)) })
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Decodes `record` (as `record.yaml`) and evaluates it as of `asOf`.
    static func evaluate(_ record: String, asOf: String, rules: RuleSet) throws -> RecordResult {
        let decoded = try RecordDecoder.decode(bytes: Array(record.utf8), file: "record.yaml", rules: rules)
        let date = try #require(CivilDate(iso: asOf))
        return RecordEvaluator(rules: rules).evaluate(decoded, asOf: date)
    }

    /// The one finding evaluating `record` gives; fails the test if there is not exactly one.
    static func onlyFinding(_ record: String, asOf: String, rules: RuleSet,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Finding {
        let findings = try evaluate(record, asOf: asOf, rules: rules).findings
        try #require(findings.count == 1, "expected one finding, got \(findings.count)", sourceLocation: sourceLocation)
        return findings[0]
    }

    /// The problems decoding `record` reports, or [] if it decodes.
    static func recordProblems(_ record: String, rules: RuleSet) -> [Diagnostic] {
        do {
            _ = try RecordDecoder.decode(bytes: Array(record.utf8), file: "record.yaml", rules: rules)
            return []
        } catch {
            return error.diagnostics
        }
    }
}

/// A date for a test table: nil for nil.
private func date(_ text: String?) -> CivilDate? {
    text.flatMap { CivilDate(iso: $0) }
}

/// What a finding is expected to hold, for tables of check outcomes.
struct ExpectedOutcome: Sendable, CustomTestStringConvertible {
    var asOf: String
    var status: Status
    var due: String?
    var done: String?
    var days: Int?

    init(_ asOf: String, _ status: Status, due: String? = nil, done: String? = nil, days: Int? = nil) {
        self.asOf = asOf
        self.status = status
        self.due = due
        self.done = done
        self.days = days
    }

    var testDescription: String { "as of \(asOf): \(status.rawValue) due \(due ?? "-") done \(done ?? "-") days \(days.map(String.init) ?? "-")" }

    func verify(_ finding: Finding, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(finding.status == status, sourceLocation: sourceLocation)
        #expect(finding.due == date(due), sourceLocation: sourceLocation)
        #expect(finding.done == date(done), sourceLocation: sourceLocation)
        #expect(finding.days == days, sourceLocation: sourceLocation)
    }
}

// MARK: - deadline

@Suite struct DeadlineCheckTests {
    static let rules = Result { try TestPack.ruleSet(rules: TestPack.rule("d", "deadline: {due: task.due, done: task.done, warn: 30 days}")) }

    static func record(due: String, done: String) -> String {
        "task:\n  due: \(due)\n  done: \(done)\n"
    }

    /// Due 31 March 2024, not done: the window opens 30 days before, on 1 March.
    @Test(arguments: [
        ExpectedOutcome("2024-01-01", .met, due: "2024-03-31"),
        ExpectedOutcome("2024-02-29", .met, due: "2024-03-31"),
        ExpectedOutcome("2024-03-01", .dueSoon, due: "2024-03-31", days: 30),
        ExpectedOutcome("2024-03-02", .dueSoon, due: "2024-03-31", days: 29),
        ExpectedOutcome("2024-03-30", .dueSoon, due: "2024-03-31", days: 1),
        ExpectedOutcome("2024-03-31", .dueSoon, due: "2024-03-31", days: 0),
        ExpectedOutcome("2024-04-01", .overdue, due: "2024-03-31", days: 1),
        ExpectedOutcome("2024-04-02", .overdue, due: "2024-03-31", days: 2),
        ExpectedOutcome("2025-03-31", .overdue, due: "2024-03-31", days: 365),
    ])
    func notDone(expected: ExpectedOutcome) throws {
        let finding = try TestPack.onlyFinding(Self.record(due: "2024-03-31", done: "~"), asOf: expected.asOf, rules: Self.rules.get())
        expected.verify(finding)
        #expect(finding.evidence.map(\.path) == ["task.due", "task.done"])
    }

    @Test(arguments: [
        // Done on or before the due date: met, whenever the check runs.
        ("2024-03-31", ExpectedOutcome("2024-04-15", .met, due: "2024-03-31", done: "2024-03-31")),
        ("2024-03-01", ExpectedOutcome("2024-03-20", .met, due: "2024-03-31", done: "2024-03-01")),
        ("2023-12-25", ExpectedOutcome("2026-01-01", .met, due: "2024-03-31", done: "2023-12-25")),
        // Done after the due date: late, with the days after it.
        ("2024-04-01", ExpectedOutcome("2024-04-02", .late, due: "2024-03-31", done: "2024-04-01", days: 1)),
        ("2024-04-10", ExpectedOutcome("2024-05-01", .late, due: "2024-03-31", done: "2024-04-10", days: 10)),
        // A completion date after the as-of date still counts as done.
        ("2024-03-20", ExpectedOutcome("2024-03-10", .met, due: "2024-03-31", done: "2024-03-20")),
        ("2024-04-10", ExpectedOutcome("2024-03-10", .late, due: "2024-03-31", done: "2024-04-10", days: 10)),
    ])
    func done(done: String, expected: ExpectedOutcome) throws {
        let finding = try TestPack.onlyFinding(Self.record(due: "2024-03-31", done: done), asOf: expected.asOf, rules: Self.rules.get())
        expected.verify(finding)
    }

    @Test func quotedISODatesAreDates() throws {
        let finding = try TestPack.onlyFinding(Self.record(due: "\"2024-03-31\"", done: "'2024-03-30'"), asOf: "2024-04-02", rules: Self.rules.get())
        ExpectedOutcome("2024-04-02", .met, due: "2024-03-31", done: "2024-03-30").verify(finding)
    }

    @Test func unrecordedDueIsMissingNamingThePath() throws {
        for record in [Self.record(due: "~", done: "~"), Self.record(due: "", done: "2024-01-01"), "task:\n  done: ~\n"] {
            let finding = try TestPack.onlyFinding(record, asOf: "2024-04-02", rules: Self.rules.get())
            ExpectedOutcome("2024-04-02", .missing).verify(finding)
            #expect(finding.message.contains("task.due"), "\(finding.message)")
            #expect(finding.level == .error)
            #expect(finding.evidence.first?.path == "task.due")
        }
    }

    @Test(arguments: ["TBC", "31/03/2024", "2024-02-30", "2024-3-31", "12", "true", "[2024-03-31]"])
    func dueThatIsNotADateIsMissingAtItsLine(due: String) throws {
        let finding = try TestPack.onlyFinding(Self.record(due: due, done: "~"), asOf: "2024-04-02", rules: Self.rules.get())
        ExpectedOutcome("2024-04-02", .missing).verify(finding)
        let culprit = try #require(finding.evidence.first)
        #expect(culprit.path == "task.due")
        #expect(culprit.file == "record.yaml")
        #expect((culprit.line, culprit.column) == (2, 8))
        #expect(finding.level == .error)
    }

    @Test func dueWrittenTheBritishWayGetsTheISOHint() throws {
        let finding = try TestPack.onlyFinding(Self.record(due: "31/03/2024", done: "~"), asOf: "2024-04-02", rules: Self.rules.get())
        #expect(finding.message.contains("2024-03-31"), "\(finding.message)")
    }

    @Test func aDueDateQuotedInThePackIsToldToDropTheQuotes() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("d", "deadline: {due: '\"2024-03-31\"'}"))
        let finding = try TestPack.onlyFinding("x: 1\n", asOf: "2024-04-02", rules: rules)
        #expect(finding.status == .missing)
        #expect(finding.message == "Not in the record: `due date` is the string \"2024-03-31\", not a date "
                + "(a date in an expression is written without quotes: 2024-03-31).")
    }

    @Test(arguments: ["31/03/2024", "TBC", "yes"])
    func doneThatIsNotADateIsMissingButKeepsDue(done: String) throws {
        let finding = try TestPack.onlyFinding(Self.record(due: "2024-03-31", done: done), asOf: "2024-02-01", rules: Self.rules.get())
        ExpectedOutcome("2024-02-01", .missing, due: "2024-03-31").verify(finding)
        let culprit = try #require(finding.evidence.first)
        #expect(culprit.path == "task.done")
        #expect((culprit.line, culprit.column) == (3, 9))
    }

    // MARK: not_before

    /// A response due 28 days after the report it answers, and dated no earlier than the report.
    static let answered = Result {
        try TestPack.ruleSet(rules: TestPack.rule("d", "deadline: {due: task.from + 28 days, done: task.done, not_before: task.from}"))
    }

    @Test(arguments: [
        // Before the report: the record is wrong, so missing (not met), keeping both dates.
        ("2024-02-29", ExpectedOutcome("2024-04-02", .missing, due: "2024-03-29", done: "2024-02-29")),
        ("2023-03-01", ExpectedOutcome("2024-04-02", .missing, due: "2024-03-29", done: "2023-03-01")),
        // On the day of the report, or after: as without the bound.
        ("2024-03-01", ExpectedOutcome("2024-04-02", .met, due: "2024-03-29", done: "2024-03-01")),
        ("2024-03-29", ExpectedOutcome("2024-04-02", .met, due: "2024-03-29", done: "2024-03-29")),
        ("2024-04-01", ExpectedOutcome("2024-04-02", .late, due: "2024-03-29", done: "2024-04-01", days: 3)),
        ("~", ExpectedOutcome("2024-04-02", .overdue, due: "2024-03-29", days: 4)),
    ])
    func aCompletionBeforeItsEarliestDateIsMissing(done: String, expected: ExpectedOutcome) throws {
        let record = "task:\n  from: 2024-03-01\n  done: \(done)\n"
        let finding = try TestPack.onlyFinding(record, asOf: expected.asOf, rules: Self.answered.get())
        expected.verify(finding)
        guard expected.status == .missing else { return }
        let doneDate = try #require(CivilDate(iso: done))
        #expect(finding.message == "Not in the record: the date recorded as done, \(doneDate.longForm) (task.done), is before 1 March 2024 (task.from), the earliest it can be: check both dates.")
        let culprit = try #require(finding.evidence.first)
        #expect((culprit.path, culprit.line, culprit.column) == ("task.done", 3, 9))
        #expect(finding.level == .error)
    }

    /// A rule's own missing message names every way the check can fail; what is wrong in this
    /// record follows as a sentence of its own (an aside naming paths would be left out of the
    /// board report, and with it the cause).
    @Test func aRuleMessageIsFollowedByWhatIsWrongInTheRecord() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule(
            "d", "deadline: {due: task.from + 28 days, done: task.done, not_before: task.from}",
            "message: {missing: 'The response cannot be checked (task: from, done).'}"))
        let finding = try TestPack.onlyFinding("task:\n  from: 2024-03-01\n  done: 2024-02-29\n", asOf: "2024-04-02", rules: rules)
        #expect(finding.message == "The response cannot be checked (task: from, done). In this case, the date recorded as done, "
            + "29 February 2024 (task.done), is before 1 March 2024 (task.from), the earliest it can be: check both dates.")
    }

    @Test func anUnrecordedEarliestDateBoundsNothing() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("d", "deadline: {due: task.due, done: task.done, not_before: task.from}"))
        let finding = try TestPack.onlyFinding("task: {due: 2024-03-31, done: 2020-01-01}\n", asOf: "2024-04-02", rules: rules)
        ExpectedOutcome("2024-04-02", .met, due: "2024-03-31", done: "2020-01-01").verify(finding)
    }

    @Test func anEarliestDateThatIsNotADateIsMissingAtItsLine() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("d", "deadline: {due: task.due, done: task.done, not_before: task.from}"))
        let finding = try TestPack.onlyFinding("task:\n  due: 2024-03-31\n  done: 2024-03-01\n  from: TBC\n", asOf: "2024-04-02", rules: rules)
        // The completion date stays as recorded: only the bound is in doubt.
        ExpectedOutcome("2024-04-02", .missing, due: "2024-03-31", done: "2024-03-01").verify(finding)
        let culprit = try #require(finding.evidence.first)
        #expect((culprit.path, culprit.line, culprit.column) == ("task.from", 4, 9))
    }

    @Test func notBeforeNeedsDone() throws {
        let source = TestPack.source(rules: [TestPack.rule("d", "deadline: {due: task.due, not_before: task.from}")])
        #expect(throws: DiagnosticList.self) { try TestPack.ruleSet(source) }
        do { _ = try TestPack.ruleSet(source) } catch let error as DiagnosticList {
            #expect(error.diagnostics.map(\.description) == [
                "pack1.yaml:16:43: error: \"not_before\" bounds the \"done\" date, and this deadline has no \"done\"",
            ])
        }
    }

    @Test func withoutDoneItIsNeverMetEarly() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("d", "deadline: {due: task.due}"))
        let finding = try TestPack.onlyFinding("task: {due: 2024-03-31}\n", asOf: "2024-04-01", rules: rules)
        ExpectedOutcome("2024-04-01", .overdue, due: "2024-03-31", days: 1).verify(finding)
    }

    /// With no `warn` in the check or the pack's defaults the window is 30 days; the pack's
    /// default applies when the check has none; the check's own wins over both.
    @Test(arguments: [
        (nil, nil, "2024-03-01", Status.dueSoon, 30),
        (nil, nil, "2024-02-29", .met, nil),
        ("{warn: 10 days}", nil, "2024-03-21", .dueSoon, 10),
        ("{warn: 10 days}", nil, "2024-03-20", .met, nil),
        ("{warn: 10 days}", "2 weeks", "2024-03-17", .dueSoon, 14),
        ("{warn: 10 days}", "2 weeks", "2024-03-16", .met, nil),
        (nil, "0 days", "2024-03-31", .dueSoon, 0),
        (nil, "0 days", "2024-03-30", .met, nil),
        // One month before 31 March is 29 February (clamped, leap year).
        (nil, "1 month", "2024-02-29", .dueSoon, 31),
        (nil, "1 month", "2024-02-28", .met, nil),
    ] as [(String?, String?, String, Status, Int?)])
    func warningWindow(defaults: String?, warn: String?, asOf: String, status: Status, days: Int?) throws {
        let check = "deadline: {due: task.due" + (warn.map { ", warn: \($0)" } ?? "") + "}"
        let rules = try TestPack.ruleSet(rules: TestPack.rule("d", check), defaults: defaults)
        let finding = try TestPack.onlyFinding("task: {due: 2024-03-31}\n", asOf: asOf, rules: rules)
        ExpectedOutcome(asOf, status, due: "2024-03-31", days: days).verify(finding)
    }

    @Test func defaultMessagesSayWhatAndWhen() throws {
        let rules = try Self.rules.get()
        let cases: [(String, String, String)] = [
            (Self.record(due: "2024-03-31", done: "~"), "2024-03-29", "Due in 2 days, on 31 March 2024."),
            (Self.record(due: "2024-03-31", done: "~"), "2024-03-31", "Due today, 31 March 2024."),
            (Self.record(due: "2024-03-31", done: "~"), "2024-04-01", "Overdue by 1 day: it fell due on 31 March 2024."),
            (Self.record(due: "2024-03-31", done: "2024-04-03"), "2024-05-01", "Done on 3 April 2024, 3 days after it fell due on 31 March 2024."),
            (Self.record(due: "2024-03-31", done: "2024-03-03"), "2024-05-01", "Done on 3 March 2024."),
            (Self.record(due: "2024-03-31", done: "~"), "2024-01-01", "In order; next due 31 March 2024."),
        ]
        for (record, asOf, message) in cases {
            #expect(try TestPack.onlyFinding(record, asOf: asOf, rules: rules).message == message)
        }
    }
}

// MARK: - every

@Suite struct EveryCheckTests {
    static let rules = Result {
        try TestPack.ruleSet(rules: TestPack.rule("e", "every: {last: review.last, interval: 1 month, first_due: review.first_due, warn: 7 days}"))
    }

    static func record(last: String, firstDue: String) -> String {
        "review:\n  last: \(last)\n  first_due: \(firstDue)\n"
    }

    /// Last done 31 January 2024: one month on is 29 February (clamped); the window opens on the 22nd.
    @Test(arguments: [
        ExpectedOutcome("2024-02-01", .met, due: "2024-02-29", done: "2024-01-31"),
        ExpectedOutcome("2024-02-21", .met, due: "2024-02-29", done: "2024-01-31"),
        ExpectedOutcome("2024-02-22", .dueSoon, due: "2024-02-29", done: "2024-01-31", days: 7),
        ExpectedOutcome("2024-02-29", .dueSoon, due: "2024-02-29", done: "2024-01-31", days: 0),
        ExpectedOutcome("2024-03-01", .overdue, due: "2024-02-29", done: "2024-01-31", days: 1),
        ExpectedOutcome("2024-03-31", .overdue, due: "2024-02-29", done: "2024-01-31", days: 31),
    ])
    func lastPlusInterval(expected: ExpectedOutcome) throws {
        let finding = try TestPack.onlyFinding(Self.record(last: "2024-01-31", firstDue: "~"), asOf: expected.asOf, rules: Self.rules.get())
        expected.verify(finding)
    }

    @Test(arguments: [
        ("2023-01-31", "1 month", "2023-02-28"),
        ("2024-01-31", "1 month", "2024-02-29"),
        ("2024-03-31", "1 month", "2024-04-30"),
        ("2024-02-29", "12 months", "2025-02-28"),
        ("2024-02-29", "1 year", "2025-02-28"),
        ("2024-02-29", "4 years", "2028-02-29"),
        ("2024-01-31", "3 months", "2024-04-30"),
        ("2024-12-31", "2 weeks", "2025-01-14"),
        ("2024-02-28", "1 day", "2024-02-29"),
    ])
    func calendarArithmetic(last: String, interval: String, due: String) throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("e", "every: {last: review.last, interval: \(interval), warn: 0 days}"))
        let finding = try TestPack.onlyFinding("review: {last: \(last)}\n", asOf: last, rules: rules)
        #expect(finding.status == .met)
        #expect(finding.due == date(due))
    }

    @Test(arguments: [
        ExpectedOutcome("2024-06-01", .met, due: "2024-06-30"),
        ExpectedOutcome("2024-06-23", .dueSoon, due: "2024-06-30", days: 7),
        ExpectedOutcome("2024-06-30", .dueSoon, due: "2024-06-30", days: 0),
        ExpectedOutcome("2024-07-02", .overdue, due: "2024-06-30", days: 2),
    ])
    func firstDueWhenNeverDone(expected: ExpectedOutcome) throws {
        let finding = try TestPack.onlyFinding(Self.record(last: "~", firstDue: "2024-06-30"), asOf: expected.asOf, rules: Self.rules.get())
        expected.verify(finding)
    }

    /// Done in the last month there is: next due after 31 December 9999, so not yet due (it was
    /// once clamped to 31 December 9999 and shown as due soon).
    @Test func nextDueAfterTheLastDateThereIsIsNotYetDue() throws {
        let finding = try TestPack.onlyFinding(Self.record(last: "9999-12-31", firstDue: "~"), asOf: "9999-12-31", rules: Self.rules.get())
        ExpectedOutcome("9999-12-31", .met, done: "9999-12-31").verify(finding)
        #expect(finding.due == nil)
        let earlier = try TestPack.onlyFinding(Self.record(last: "9999-11-30", firstDue: "~"), asOf: "9999-12-25", rules: Self.rules.get())
        ExpectedOutcome("9999-12-25", .dueSoon, due: "9999-12-30", done: "9999-11-30", days: 5).verify(earlier)
    }

    @Test func firstDueIsIgnoredOnceDone() throws {
        let finding = try TestPack.onlyFinding(Self.record(last: "2024-01-15", firstDue: "2023-01-01"), asOf: "2024-02-01", rules: Self.rules.get())
        ExpectedOutcome("2024-02-01", .met, due: "2024-02-15", done: "2024-01-15").verify(finding)
    }

    @Test func neitherLastNorFirstDueIsMissing() throws {
        let finding = try TestPack.onlyFinding(Self.record(last: "~", firstDue: "~"), asOf: "2024-02-01", rules: Self.rules.get())
        ExpectedOutcome("2024-02-01", .missing).verify(finding)
        #expect(finding.level == .error)
        #expect(finding.message.contains("review.last"), "\(finding.message)")
    }

    @Test func noLastAndNoFirstDueExpressionIsMissing() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("e", "every: {last: review.last, interval: 1 year}"))
        let finding = try TestPack.onlyFinding("review: {}\n", asOf: "2024-02-01", rules: rules)
        ExpectedOutcome("2024-02-01", .missing).verify(finding)
        #expect(finding.message == "Not in the record: the date it was last done (review.last) is not recorded.")
    }

    /// The usual shape: the latest of the recorded dates, unrecorded ones skipped.
    @Test(arguments: [
        ("reviews: [{done: 2023-06-01}, {done: ~}, {done: 2023-09-30}, {}]", ExpectedOutcome("2024-04-02", .met, due: "2024-09-30", done: "2023-09-30")),
        ("reviews: [{done: 2022-06-01}]", ExpectedOutcome("2024-04-02", .overdue, due: "2023-06-01", done: "2022-06-01", days: 306)),
        ("reviews: [{done: ~}]", ExpectedOutcome("2024-04-02", .missing)),
        ("reviews: []", ExpectedOutcome("2024-04-02", .missing)),
        ("reviews: [{done: TBC}]", ExpectedOutcome("2024-04-02", .missing)),
    ])
    func latestOfRecordedDates(record: String, expected: ExpectedOutcome) throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("e", "every: {last: 'latest(reviews[*].done)', interval: 1 year}"))
        expected.verify(try TestPack.onlyFinding(record + "\n", asOf: expected.asOf, rules: rules))
    }

    /// A duty owed during each year counts from the year's end, but the finding shows the day it was
    /// done; unrecorded leaves no done date, and a value that is not a date is missing at its line.
    @Test(arguments: [
        ("{end: 2024-03-31, completed: 2023-08-24}", ExpectedOutcome("2024-04-02", .met, due: "2025-03-31", done: "2023-08-24")),
        ("{end: 2024-03-31, completed: 2023-08-24}", ExpectedOutcome("2025-04-02", .overdue, due: "2025-03-31", done: "2023-08-24", days: 2)),
        ("{end: 2024-03-31}", ExpectedOutcome("2024-04-02", .met, due: "2025-03-31")),
        // The next due date follows from `last` alone, so a `done` that is not a date keeps it.
        ("{end: 2024-03-31, completed: August}", ExpectedOutcome("2024-04-02", .missing, due: "2025-03-31")),
        // Never done: `done` is not read, and the first due date applies as before.
        ("{completed: 2023-08-24}", ExpectedOutcome("2024-04-02", .overdue, due: "2024-03-31", days: 2)),
    ])
    func doneIsWhenItWasDoneNotWhereTheIntervalCountsFrom(year: String, expected: ExpectedOutcome) throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule(
            "e", "every: {last: year.end, done: year.completed, interval: 12 months, first_due: '2024-03-31', warn: 7 days}"))
        let finding = try TestPack.onlyFinding("year: \(year)\n", asOf: expected.asOf, rules: rules)
        expected.verify(finding)
        if expected.status == .missing {
            #expect(finding.evidence.first?.path == "year.completed")
        }
    }

    @Test func lastThatIsNotADateIsMissingAtItsLine() throws {
        let finding = try TestPack.onlyFinding(Self.record(last: "TBC", firstDue: "2024-06-30"), asOf: "2024-02-01", rules: Self.rules.get())
        ExpectedOutcome("2024-02-01", .missing).verify(finding)
        let culprit = try #require(finding.evidence.first)
        #expect(culprit.path == "review.last")
        #expect((culprit.line, culprit.column) == (2, 9))
    }

    @Test func firstDueThatIsNotADateIsMissingAtItsLine() throws {
        let finding = try TestPack.onlyFinding(Self.record(last: "~", firstDue: "soon"), asOf: "2024-02-01", rules: Self.rules.get())
        ExpectedOutcome("2024-02-01", .missing).verify(finding)
        let culprit = try #require(finding.evidence.first)
        #expect(culprit.path == "review.first_due")
        #expect((culprit.line, culprit.column) == (3, 14))
    }
}

// MARK: - in_force

@Suite struct InForceCheckTests {
    static let rules = Result { try TestPack.ruleSet(rules: TestPack.rule("p", "in_force: {periods: plans, warn: 30 days}")) }

    /// `plans:` as a flow list of periods, `[start, end]` pairs (nil end: open-ended).
    static func record(_ periods: [(String, String?)]) -> String {
        let items = periods.map { start, end in "{start: \(start)" + (end.map { ", end: \($0)" } ?? "") + "}" }
        return "plans: [\(items.joined(separator: ", "))]\n"
    }

    static let strategy = [("2024-04-01", "2027-03-31" as String?)]

    @Test(arguments: [
        ExpectedOutcome("2024-04-01", .met, due: "2027-03-31"),
        ExpectedOutcome("2025-06-01", .met, due: "2027-03-31"),
        ExpectedOutcome("2027-02-28", .met, due: "2027-03-31"),
        ExpectedOutcome("2027-03-01", .dueSoon, due: "2027-03-31", days: 30),
        ExpectedOutcome("2027-03-31", .dueSoon, due: "2027-03-31", days: 0),
        ExpectedOutcome("2027-04-01", .overdue, due: "2027-03-31", days: 1),
        ExpectedOutcome("2028-03-31", .overdue, due: "2027-03-31", days: 366),
        // Before the only period starts, nothing has ended: missing.
        ExpectedOutcome("2024-03-31", .missing),
    ])
    func onePeriod(expected: ExpectedOutcome) throws {
        let finding = try TestPack.onlyFinding(Self.record(Self.strategy), asOf: expected.asOf, rules: Self.rules.get())
        expected.verify(finding)
    }

    @Test(arguments: [
        // The successor starts the day after: coverage runs on to its end.
        ([("2024-04-01", "2027-03-31"), ("2027-04-01", "2030-03-31")], ExpectedOutcome("2027-03-15", .met, due: "2030-03-31")),
        // Listed in either order.
        ([("2027-04-01", "2030-03-31"), ("2024-04-01", "2027-03-31")], ExpectedOutcome("2027-03-15", .met, due: "2030-03-31")),
        // An overlapping successor also extends the chain.
        ([("2024-04-01", "2027-03-31"), ("2027-01-01", "2030-03-31")], ExpectedOutcome("2027-03-15", .met, due: "2030-03-31")),
        // A chain of three.
        ([("2024-04-01", "2025-03-31"), ("2025-04-01", "2026-03-31"), ("2026-04-01", "2027-03-31")],
         ExpectedOutcome("2025-03-20", .met, due: "2027-03-31")),
        // ... ending within the window.
        ([("2024-04-01", "2025-03-31"), ("2025-04-01", "2025-04-10")], ExpectedOutcome("2025-03-20", .dueSoon, due: "2025-04-10", days: 21)),
        // A gap of one day breaks the chain.
        ([("2024-04-01", "2027-03-31"), ("2027-04-02", "2030-03-31")], ExpectedOutcome("2027-03-15", .dueSoon, due: "2027-03-31", days: 16)),
        // In the gap: overdue since the first ended.
        ([("2024-04-01", "2027-03-31"), ("2027-04-02", "2030-03-31")], ExpectedOutcome("2027-04-01", .overdue, due: "2027-03-31", days: 1)),
        // A period contained in the covering one does not extend it.
        ([("2024-04-01", "2027-03-31"), ("2025-01-01", "2026-01-01")], ExpectedOutcome("2027-03-15", .dueSoon, due: "2027-03-31", days: 16)),
        // Open-ended: met with no due date.
        ([("2024-04-01", nil)], ExpectedOutcome("2030-01-01", .met)),
        // An open-ended successor makes the whole chain open-ended.
        ([("2024-04-01", "2027-03-31"), ("2027-04-01", nil)], ExpectedOutcome("2027-03-15", .met)),
        // Of two covering periods, the later-ending one counts.
        ([("2024-04-01", "2027-03-31"), ("2024-01-01", "2026-12-31")], ExpectedOutcome("2025-01-01", .met, due: "2027-03-31")),
        // Uncovered after several ended: days since the latest end.
        ([("2018-04-01", "2021-03-31"), ("2021-04-01", "2023-03-31"), ("2025-01-01", "2028-03-31")],
         ExpectedOutcome("2024-04-02", .overdue, due: "2023-03-31", days: 368)),
        // Nothing has ended and nothing covers the date.
        ([("2025-01-01", "2028-03-31")], ExpectedOutcome("2024-04-02", .missing)),
        ([("2025-01-01", nil)], ExpectedOutcome("2024-04-02", .missing)),
    ] as [([(String, String?)], ExpectedOutcome)])
    func chains(periods: [(String, String?)], expected: ExpectedOutcome) throws {
        let finding = try TestPack.onlyFinding(Self.record(periods), asOf: expected.asOf, rules: Self.rules.get())
        expected.verify(finding)
    }

    @Test func aSingleMappingIsOnePeriod() throws {
        let finding = try TestPack.onlyFinding("plans: {start: 2024-04-01, end: 2027-03-31}\n", asOf: "2025-01-01", rules: Self.rules.get())
        ExpectedOutcome("2025-01-01", .met, due: "2027-03-31").verify(finding)
    }

    @Test func nullElementsAreSkipped() throws {
        let finding = try TestPack.onlyFinding("plans:\n  - ~\n  - {start: 2024-04-01, end: 2027-03-31}\n  -\n", asOf: "2025-01-01", rules: Self.rules.get())
        ExpectedOutcome("2025-01-01", .met, due: "2027-03-31").verify(finding)
    }

    @Test func projectedPeriodsDropUnrecordedOnes() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("p", "in_force: {periods: 'plans[? status != \"draft\"].period'}"))
        let record = """
            plans:
              - {title: Old, status: published, period: {start: 2021-04-01, end: 2024-03-31}}
              - {title: New, status: draft, period: {start: 2024-04-01, end: 2027-03-31}}
              - {title: Unfinished, status: agreed}
            """
        let finding = try TestPack.onlyFinding(record, asOf: "2024-04-02", rules: rules)
        ExpectedOutcome("2024-04-02", .overdue, due: "2024-03-31", days: 2).verify(finding)
    }

    @Test(arguments: [
        ("plans: [{end: 2027-03-31}]\n", "plans[0].start", 1, 9),
        ("plans:\n  - {start: TBC, end: 2027-03-31}\n", "plans[0].start", 2, 13),
        ("plans:\n  - {start: 2024-04-01, end: 2027-03-31}\n  - {start: 31/03/2027}\n", "plans[1].start", 3, 13),
        ("plans:\n  - {start: 2024-04-01, end: soon}\n", "plans[0].end", 2, 30),
        ("plans: [2024-04-01]\n", "plans[0]", 1, 9),
        // An end before the start: a slip in the record, not a period that has ended.
        ("plans:\n  - {start: 2024-04-01, end: 2021-03-31}\n", "plans[0].end", 2, 30),
    ])
    func periodWithoutAValidStartOrEndIsMissing(record: String, path: String, line: Int, column: Int) throws {
        let finding = try TestPack.onlyFinding(record, asOf: "2025-01-01", rules: Self.rules.get())
        ExpectedOutcome("2025-01-01", .missing).verify(finding)
        let culprit = try #require(finding.evidence.first)
        #expect(culprit.path == path)
        #expect((culprit.line, culprit.column) == (line, column))
    }

    @Test(arguments: ["plans: []\n", "plans: ~\n", "other: 1\n", "plans: [~]\n"])
    func noPeriodsIsMissing(record: String) throws {
        let finding = try TestPack.onlyFinding(record, asOf: "2025-01-01", rules: Self.rules.get())
        ExpectedOutcome("2025-01-01", .missing).verify(finding)
        #expect(finding.level == .error)
    }

    @Test func periodsThatAreNotPeriodsAreMissing() throws {
        let finding = try TestPack.onlyFinding("plans: current\n", asOf: "2025-01-01", rules: Self.rules.get())
        ExpectedOutcome("2025-01-01", .missing).verify(finding)
        #expect((finding.evidence.first?.line, finding.evidence.first?.column) == (1, 8))
    }
}

// MARK: - require

@Suite struct RequireCheckTests {
    static let rules = Result { try TestPack.ruleSet(rules: TestPack.rule("r", "require: board.agreed")) }

    @Test func trueIsMet() throws {
        let finding = try TestPack.onlyFinding("board: {agreed: true}\n", asOf: "2024-04-02", rules: Self.rules.get())
        ExpectedOutcome("2024-04-02", .met).verify(finding)
        #expect(finding.level == nil)
        #expect(finding.message == "In order.")
    }

    @Test func falseIsMissing() throws {
        let finding = try TestPack.onlyFinding("board: {agreed: false}\n", asOf: "2024-04-02", rules: Self.rules.get())
        ExpectedOutcome("2024-04-02", .missing).verify(finding)
        #expect(finding.level == .error)
        #expect(finding.evidence.map(\.path) == ["board.agreed"])
    }

    @Test(arguments: [
        ("board: {agreed: ~}\n", 1, 17),
        ("board:\n  agreed:\n", 2, 10),
        ("board: {chair: Jo}\n", 1, 8),
        ("other: 1\n", 1, 1),
    ])
    func unrecordedIsMissingNamingThePath(record: String, line: Int, column: Int) throws {
        let finding = try TestPack.onlyFinding(record, asOf: "2024-04-02", rules: Self.rules.get())
        ExpectedOutcome("2024-04-02", .missing).verify(finding)
        #expect(finding.message == "Not in the record: not recorded: board.agreed.")
        let culprit = try #require(finding.evidence.first)
        #expect(culprit.path == "board.agreed")
        #expect((culprit.line, culprit.column) == (line, column))
    }

    @Test(arguments: ["\"yes\"", "1", "[true]", "{a: true}", "2024-01-01", "\"true\""])
    func nonBooleanIsMissing(value: String) throws {
        let finding = try TestPack.onlyFinding("board: {agreed: \(value)}\n", asOf: "2024-04-02", rules: Self.rules.get())
        ExpectedOutcome("2024-04-02", .missing).verify(finding)
        #expect(finding.level == .error)
        #expect((finding.evidence.first?.line, finding.evidence.first?.column) == (1, 17))
    }
}

// MARK: - null propagation through a rule

@Suite struct NullPropagationTests {
    @Test(arguments: [
        // expression, record, status
        ("board.members >= 3", "board: {members: 5}", Status.met),
        ("board.members >= 3", "board: {members: 2}", .missing),
        ("board.members >= 3", "board: {}", .missing),
        ("board.members >= 3", "board: {members: ~}", .missing),
        ("board.chair != \"vacant\"", "board: {chair: Jo}", .met),
        ("board.chair != \"vacant\"", "board: {}", .missing),
        ("board.chair == null", "board: {}", .missing),
        ("not exists(board.chair)", "board: {}", .met),
        ("exists(board.chair)", "board: {chair: \"\"}", .missing),
        ("(board.status ?? \"none\") != \"draft\"", "board: {}", .met),
        ("(board.status ?? \"none\") != \"draft\"", "board: {status: draft}", .missing),
        ("board.a and board.b", "board: {a: true}", .missing),
        ("board.a and board.b", "board: {a: false}", .missing),
        ("board.a or board.b", "board: {a: true}", .met),
        ("board.a or board.b", "board: {a: false}", .missing),
        ("not board.a", "board: {}", .missing),
        ("board.due + 30 days > today", "board: {}", .missing),
        ("board.due + 30 days > today", "board: {due: 2024-03-20}", .met),
        ("count(board.members) > 0", "board: {}", .missing),
        ("board.members > 1", "board: {members: \"3\"}", .missing),
        ("1 == \"1\"", "board: {}", .missing),
    ])
    func unrecordedValuesNeverMeetARequirement(expression: String, record: String, status: Status) throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("r", "require: '\(expression)'"))
        let finding = try TestPack.onlyFinding(record + "\n", asOf: "2024-04-02", rules: rules)
        #expect(finding.status == status)
    }

    @Test func missingNamesEachUnrecordedValue() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("r", "require: board.members >= board.quorum"))
        let finding = try TestPack.onlyFinding("board: {members: ~}\n", asOf: "2024-04-02", rules: rules)
        #expect(finding.status == .missing)
        #expect(finding.message == "Not in the record: not recorded: board.members, board.quorum.")
        #expect(finding.evidence.map(\.path) == ["board.members", "board.quorum"])
    }

    @Test func aLetReadingAnUnrecordedValuePropagates() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("r", "require: big_board"), lets: ["big_board: board.members > 10"])
        let finding = try TestPack.onlyFinding("board: {}\n", asOf: "2024-04-02", rules: rules)
        #expect(finding.status == .missing)
        #expect(finding.message.contains("board.members"), "\(finding.message)")
    }

    @Test func aTypeErrorIsMissingAtTheRecordValue() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("r", "require: board.members > 1"))
        let finding = try TestPack.onlyFinding("board:\n  members: many\n", asOf: "2024-04-02", rules: rules)
        #expect(finding.status == .missing)
        #expect(finding.level == .error)
        #expect((finding.evidence.first?.path, finding.evidence.first?.line, finding.evidence.first?.column) == ("board.members", 2, 12))
    }
}
