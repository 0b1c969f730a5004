import Testing
import YAMLTree
@testable import RuleEngine

/// A pack's `labels:`, the `label()` function and a rule's `label:`: what a reader sees for an
/// item, while its subject stays the key waivers name.
@Suite struct SubjectLabelTests {
    /// A test pack with `labels` (lines already indented under `labels:`) before its rules.
    static func source(labels: [String], rules: String...) -> String {
        TestPack.source(rules: rules).replacingOccurrences(of: "\nrules:\n",
                                                           with: "\nlabels:\n" + labels.joined(separator: "\n") + "\nrules:\n")
    }

    static let strands = ["  anti_social_behaviour: anti-social behaviour", "  reoffending: re-offending"]

    static let covers = Result {
        try TestPack.ruleSet(source(labels: strands, rules: TestPack.rule(
            "covers", "for_each: '[\"anti_social_behaviour\", \"reoffending\", \"serious_violence\"]'", "as: strand",
            "subject: strand", "label: label(strand)", "require: contains(plan.covers, strand)",
            "message: 'The plan does not cover {label(strand)}; add {strand} to its covers.'")))
    }

    @Test func theLabelIsShownAndTheSubjectStaysTheCode() throws {
        let findings = try TestPack.evaluate("plan: {covers: [reoffending]}\n", asOf: "2024-04-02", rules: Self.covers.get()).findings
        #expect(findings.map(\.subject) == ["anti_social_behaviour", "reoffending", "serious_violence"])
        // A code the table lacks is its own label, and a label equal to the subject is left out.
        #expect(findings.map(\.label) == ["anti-social behaviour", "re-offending", nil])
        #expect(findings.map(\.shownSubject) == ["anti-social behaviour", "re-offending", "serious_violence"])
        #expect(findings.map(\.status) == [.missing, .met, .missing])
        #expect(findings[0].message == "The plan does not cover anti-social behaviour; add anti_social_behaviour to its covers.")
    }

    @Test func aWaiverNamesTheSubjectNotTheLabel() throws {
        let record = """
            plan: {covers: []}
            waivers:
              - {rule: covers, subject: anti_social_behaviour, reason: Strategy in draft., approved_by: Board, until: 2024-06-30}
              - {rule: covers, subject: anti-social behaviour, reason: Strategy in draft., approved_by: Board, until: 2024-06-30}
            """
        let result = try TestPack.evaluate(record, asOf: "2024-04-02", rules: Self.covers.get())
        #expect(result.findings.map(\.status) == [.waived, .missing, .missing])
        #expect(result.waivers.map(\.state) == [.active, .unused])
        #expect(result.waivers[1].subjectsFound == ["anti_social_behaviour", "reoffending", "serious_violence"])
    }

    /// The findings of a rule over `record`'s partners, subject `partner.id`, labelled by `label`.
    static func partnerFindings(label: String, record: String) throws -> [Finding] {
        let rules = try TestPack.ruleSet(rules: TestPack.rule(
            "listed", "for_each: partners", "as: partner", "subject: partner.id", "label: \(label)", "require: true"))
        return try TestPack.evaluate(record, asOf: "2024-04-02", rules: rules).findings
    }

    @Test func aLabelFromTheRecordFallsBackToTheSubjectWhenUnrecorded() throws {
        let record = "partners:\n  - {id: lbb, name: London Borough of Bromley}\n  - {id: lfb}\n  - {id: met, name: met}\n"
        let findings = try Self.partnerFindings(label: "partner.name", record: record)
        #expect(findings.map(\.subject) == ["lbb", "lfb", "met"])
        #expect(findings.map(\.label) == ["London Borough of Bromley", nil, nil])
    }

    /// A subject that fails makes that item's finding missing, at the value at fault (DESIGN.md §4
    /// Types); it was quietly replaced by the item's path, and the check's status kept, so a waiver
    /// naming the subject stopped matching without a word. A failing label is only left out.
    @Test func aSubjectThatFailsMakesTheFindingMissing() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule(
            "listed", "for_each: partners", "as: partner", "subject: partner.name.short", "label: partner.name.long", "require: true"))
        let record = "partners:\n  - {name: {short: LBB, long: London Borough of Bromley}}\n  - {name: Met}\n"
        let findings = try TestPack.evaluate(record, asOf: "2024-04-02", rules: rules).findings
        #expect(findings.map(\.status) == [.met, .missing])
        #expect(findings.map(\.subject) == ["LBB", "partners[1]"])
        #expect(findings.map(\.label) == ["London Borough of Bromley", nil])
        #expect(findings[1].message
                == "Not in the record: the subject `partner.name.short` could not be worked out: partners[1].name is the string \"Met\", not a mapping.")
        #expect(findings[1].evidence.first.map { "\($0.path) \($0.line):\($0.column)" } == "partners[1].name 3:12")
    }

    @Test(arguments: [
        ("label(\"reoffending\")", "re-offending"),
        ("label(\"burglary\")", "burglary"),
        ("label([\"reoffending\", \"burglary\", \"anti_social_behaviour\"])", "re-offending, burglary, anti-social behaviour"),
        ("label(missing)", "not recorded"),
        ("label(3)", "3"),
        ("label(plan.covers)", "re-offending"),
    ])
    func theLabelFunction(expression: String, shown: String) throws {
        let rules = try TestPack.ruleSet(Self.source(labels: Self.strands, rules: TestPack.rule(
            "shows", "require: false", "message: '{\(expression)}'")))
        let finding = try TestPack.onlyFinding("plan: {covers: [reoffending]}\n", asOf: "2024-04-02", rules: rules)
        #expect(finding.message == shown)
    }

    @Test func aPackWithoutLabelsLeavesTextAsItIs() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("shows", "require: false", "message: '{label(\"reoffending\")}'"))
        #expect(try TestPack.onlyFinding("{}\n", asOf: "2024-04-02", rules: rules).message == "reoffending")
    }

    @Test func eachPackUsesItsOwnLabels() throws {
        let first = Self.source(labels: ["  police: chief officer of police"],
                                rules: TestPack.rule("one", "require: false", "message: '{label(\"police\")}'"))
        let second = TestPack.source(id: "other-pack", rules: [TestPack.rule("two", "require: false", "message: '{label(\"police\")}'")])
        let findings = try TestPack.evaluate("{}\n", asOf: "2024-04-02", rules: TestPack.ruleSet(first, second)).findings
        #expect(findings.map(\.message) == ["chief officer of police", "police"])
    }

    @Test(arguments: [
        (["  police: [a, b]"], ExpectedProblem(11, 11, "the label for \"police\" must be text, not a list")),
        (["  police: ~"], ExpectedProblem(11, 11, "the label for \"police\" must be text")),
        (["  police: \"  \""], ExpectedProblem(11, 11, "the label for \"police\" must not be empty")),
        (["  \"\": nobody"], ExpectedProblem(11, 3, "a label's code must not be empty: a record never writes an empty code to look up")),
        (["  ~: nobody"], ExpectedProblem(11, 3, "a label's code must be text")),
        (["  1: one"], ExpectedProblem(11, 3, "a label's code must be text, as the record writes it (quote a number)")),
        (["  police: 42"], ExpectedProblem(11, 11, "the label for \"police\" must be text, not a number")),
        (["  police: !!int 42"], ExpectedProblem(11, 11, "the label for \"police\" must be text, not a number")),
    ])
    func badLabelsAreReportedWhereTheyAre(labels: [String], expected: ExpectedProblem) {
        let text = Self.source(labels: labels, rules: TestPack.rule("r", "require: true"))
        ExpectedProblem.verify(TestPack.loadProblems([("pack1.yaml", text)]), [expected])
    }

    @Test func aLabelIsTrimmedAndAQuotedNumberIsACode() throws {
        let rules = try TestPack.ruleSet(Self.source(labels: ["  police: |", "    chief officer of police", "  \"1\": tier one  "],
                                                     rules: TestPack.rule("shows", "require: false",
                                                                          "message: '[{label(\"police\")}] [{label(\"1\")}]'")))
        #expect(rules.packs[0].labels.byCode == ["police": "chief officer of police", "1": "tier one"])
        #expect(try TestPack.onlyFinding("{}\n", asOf: "2024-04-02", rules: rules).message == "[chief officer of police] [tier one]")
    }

    @Test func aLabelThatFailsIsLeftOutAndAListIsJoined() throws {
        let record = "partners:\n  - {id: a, names: [North, South]}\n  - {id: b, names: {x: 1}}\n  - {id: c, names: 3}\n"
        #expect(try Self.partnerFindings(label: "partner.names", record: record).map(\.label) == ["North, South", "{x: 1}", "3"])
        // Reading a key of a list or a number is a type error: no label rather than a failed finding.
        let failed = try Self.partnerFindings(label: "partner.names.first", record: record)
        #expect(failed.map(\.label) == [nil, nil, nil])
        #expect(failed.map(\.status) == [.met, .met, .met])
    }

    @Test func labelsMustBeAMapping() {
        let text = TestPack.source(rules: [TestPack.rule("r", "require: true")])
            .replacingOccurrences(of: "\nrules:\n", with: "\nlabels: [police]\nrules:\n")
        ExpectedProblem.verify(TestPack.loadProblems([("pack1.yaml", text)]),
                               [ExpectedProblem(10, 9, "labels must be a mapping, not a list")])
    }
}
