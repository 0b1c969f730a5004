import Testing
import YAMLTree
@testable import RuleEngine

/// Waivers in a record: what they cover, when, and the bad input they can be (DESIGN.md §4 "Waivers").
@Suite struct WaiverTests {
    static let rules = Result {
        try TestPack.ruleSet(rules:
            TestPack.rule("plan-approved", "deadline: {due: task.due, done: task.done, warn: 30 days}"),
            TestPack.rule("board-agreed", "waivable: false", "require: board.agreed"),
            TestPack.rule("partner-approvals", "for_each: partners", "subject: item.id", "require: item.approved"),
            TestPack.rule("welsh-only", "applies: false", "require: false"))
    }

    /// Lines 1-6; waivers follow from line 7.
    static let facts = """
        task: {due: 2024-03-31}
        board: {agreed: true}
        partners:
          - {id: lbb, approved: true}
          - {id: met-police, approved: false}
          - {id: lfb, approved: ~}

        """

    static func waiver(_ rule: String, subject: String? = nil, until: String = "2024-06-30") -> String {
        var lines = ["  - rule: \(rule)"]
        if let subject { lines.append("    subject: \(subject)") }
        lines += ["    reason: The board agreed to wait for the election.", "    approved_by: Board", "    reference: BRD-7", "    until: \(until)"]
        return lines.joined(separator: "\n")
    }

    static func record(_ waivers: String...) -> String {
        facts + "waivers:\n" + waivers.joined(separator: "\n") + "\n"
    }

    static func finding(_ result: RecordResult, _ rule: String, _ subject: String? = nil) throws -> Finding {
        try #require(result.findings.first { $0.rule == rule && $0.subject == subject })
    }

    @Test func anActiveWaiverWaivesKeepsDueAndLosesDaysAndLevel() throws {
        let result = try TestPack.evaluate(Self.record(Self.waiver("plan-approved")), asOf: "2024-04-02", rules: Self.rules.get())
        let finding = try Self.finding(result, "plan-approved")
        #expect(finding.status == .waived)
        #expect(finding.due == CivilDate(iso: "2024-03-31"))
        #expect(finding.days == nil)
        #expect(finding.level == nil)
        #expect(finding.severity == .error)
        #expect(finding.message == "Waived until 30 June 2024 (approved by Board, BRD-7): The board agreed to wait for the election. "
            + "Without the waiver: Overdue by 2 days: it fell due on 31 March 2024.")
        #expect(result.waivers.map(\.state) == [.active])
        let outcome = try #require(result.waivers.first)
        #expect(outcome.rule == "plan-approved" && outcome.subject == nil && outcome.approvedBy == "Board" && outcome.reference == "BRD-7")
        #expect(outcome.until == CivilDate(iso: "2024-06-30"))
        #expect(outcome.location == TestPack.at(8, 5))
    }

    /// `until` is inclusive: a waiver expiring on the as-of day still covers it.
    @Test(arguments: [
        ("2024-06-29", Status.waived, WaiverOutcome.State.active, nil as Int?),
        ("2024-06-30", .waived, .active, nil),
        ("2024-07-01", .overdue, .expired, 92),
        ("2025-01-01", .overdue, .expired, 276),
    ])
    func untilIsInclusive(asOf: String, status: Status, state: WaiverOutcome.State, days: Int?) throws {
        let result = try TestPack.evaluate(Self.record(Self.waiver("plan-approved")), asOf: asOf, rules: Self.rules.get())
        let finding = try Self.finding(result, "plan-approved")
        #expect(finding.status == status)
        #expect(finding.days == days)
        #expect(finding.level == (status == .overdue ? .error : nil))
        #expect(result.waivers.map(\.state) == [state])
    }

    @Test func anExpiredWaiverCoversNothingEvenWhereAnotherIsActive() throws {
        let record = Self.record(Self.waiver("partner-approvals", until: "2024-03-31"), Self.waiver("partner-approvals", subject: "lfb"))
        let result = try TestPack.evaluate(record, asOf: "2024-04-02", rules: Self.rules.get())
        #expect(result.waivers.map(\.state) == [.expired, .active])
        #expect(try Self.finding(result, "partner-approvals", "met-police").status == .missing)
        #expect(try Self.finding(result, "partner-approvals", "lfb").status == .waived)
    }

    /// A renewal recorded before the old waiver runs out: both are active (neither can be retired
    /// yet), and the finding says the date it is really waived to.
    @Test(arguments: [("2024-04-02", [WaiverOutcome.State.active, .active]), ("2024-07-01", [.expired, .active])])
    func overlappingWaiversAreAllActiveAndTheLongestSpeaks(asOf: String, states: [WaiverOutcome.State]) throws {
        let record = Self.record(Self.waiver("plan-approved", until: "2024-06-30"), Self.waiver("plan-approved", until: "2024-12-31"))
        let result = try TestPack.evaluate(record, asOf: asOf, rules: Self.rules.get())
        #expect(result.waivers.map(\.state) == states)
        let finding = try Self.finding(result, "plan-approved")
        #expect(finding.status == .waived)
        #expect(finding.message.hasPrefix("Waived until 31 December 2024 (approved by Board, BRD-7)"))
        #expect(finding.message.components(separatedBy: "Waived until").count == 2)
    }

    /// A reason written without a full stop gets one, so it does not run into the finding's message.
    @Test(arguments: [("LFB board meets in April", "LFB board meets in April."), ("Agreed!", "Agreed!"), ("Agreed?", "Agreed?"),
                      ("Agreed.", "Agreed."), ("Agreed\\n", "Agreed."), ("Agreed.\\n", "Agreed.")])
    func aReasonEndsItsSentence(reason: String, shown: String) throws {
        let record = Self.facts + "waivers:\n  - {rule: plan-approved, reason: \"\(reason)\", approved_by: Board, until: 2024-06-30}\n"
        let finding = try Self.finding(try TestPack.evaluate(record, asOf: "2024-04-02", rules: Self.rules.get()), "plan-approved")
        #expect(finding.message == "Waived until 30 June 2024 (approved by Board): \(shown) Without the waiver: Overdue by 2 days: it fell due on 31 March 2024.")
    }

    @Test func anItemWaiverBesideARuleWaiverIsActiveAndRunsItsOwnCourse() throws {
        let record = Self.record(Self.waiver("partner-approvals", until: "2024-06-30"),
                                 Self.waiver("partner-approvals", subject: "lfb", until: "2024-09-30"))
        let result = try TestPack.evaluate(record, asOf: "2024-04-02", rules: Self.rules.get())
        #expect(result.waivers.map(\.state) == [.active, .active])
        #expect(try Self.finding(result, "partner-approvals", "met-police").message.hasPrefix("Waived until 30 June 2024"))
        #expect(try Self.finding(result, "partner-approvals", "lfb").message.hasPrefix("Waived until 30 September 2024"))
    }

    @Test func aWaiverThatMatchesNothingIsUnused() throws {
        let record = Self.record(Self.waiver("partner-approvals", subject: "london-fire-brigade"), Self.waiver("welsh-only", subject: "x"))
        let result = try TestPack.evaluate(record, asOf: "2024-04-02", rules: Self.rules.get())
        #expect(result.waivers.map(\.state) == [.unused, .unused])
        #expect(result.findings.filter { $0.status == .waived }.isEmpty)
        // Neither names a subject its rule's findings have: each lists the subjects there are, so a
        // misspelling can be found (welsh-only has one finding, with no subject).
        #expect(result.waivers.map(\.subjectsFound) == [["lbb", "met-police", "lfb"], []])
    }

    /// A per-item rule with no items now (an empty list) gives no subjects to compare with: a waiver
    /// naming one is unused, but nothing says its subject is wrong.
    @Test func aPerItemRuleWithNoItemsSaysNothingOfSubjects() throws {
        let record = Self.facts.replacingOccurrences(of: """
            partners:
              - {id: lbb, approved: true}
              - {id: met-police, approved: false}
              - {id: lfb, approved: ~}
            """, with: "partners: []") + "waivers:\n" + Self.waiver("partner-approvals", subject: "lfb") + "\n"
        #expect(record.contains("partners: []"))
        let result = try TestPack.evaluate(record, asOf: "2024-04-02", rules: Self.rules.get())
        #expect(result.waivers.map(\.state) == [.unused])
        #expect(result.waivers.map(\.subjectsFound) == [nil])
    }

    /// An item's waiver counts as why it is back only if it ran out after the audience's last message.
    @Test func anExpiredWaiverExplainsAnItemOnlyIfItRanOutSinceTheLastMessage() throws {
        let record = Self.record(Self.waiver("plan-approved", until: "2024-03-10"))
        let result = try TestPack.evaluate(record, asOf: "2024-04-02", rules: Self.rules.get())
        let finding = try Self.finding(result, "plan-approved")
        let expired = ExpiredWaivers(result.waivers)
        #expect(expired.lastDay(covering: finding) == CivilDate(iso: "2024-03-10"))
        #expect(expired.lastDay(covering: finding, since: CivilDate(iso: "2024-03-01")) == CivilDate(iso: "2024-03-10"))
        #expect(expired.lastDay(covering: finding, since: CivilDate(iso: "2024-03-20")) == nil)
    }

    /// A waiver for a real item that is met, or for a whole rule, matches its rule: nothing to list.
    @Test func aWaiverNamingAnItemItsRuleHasListsNoSubjects() throws {
        let record = Self.record(Self.waiver("partner-approvals", subject: "lbb"), Self.waiver("welsh-only"))
        let result = try TestPack.evaluate(record, asOf: "2024-04-02", rules: Self.rules.get())
        #expect(result.waivers.map(\.state) == [.unused, .unused])
        #expect(result.waivers.map(\.subjectsFound) == [nil, nil])
    }

    /// A waiver naming an item that is already met covers nothing, so it is reported unused.
    @Test func aWaiverForAMetItemIsUnused() throws {
        let result = try TestPack.evaluate(Self.record(Self.waiver("partner-approvals", subject: "lbb")), asOf: "2024-04-02", rules: Self.rules.get())
        #expect(result.findings.filter { $0.rule == "partner-approvals" }.map(\.status) == [.met, .missing, .missing])
        #expect(result.waivers.map(\.state) == [.unused])
    }

    @Test func aSubjectWaiverCoversOnlyThatItem() throws {
        let result = try TestPack.evaluate(Self.record(Self.waiver("partner-approvals", subject: "met-police")), asOf: "2024-04-02", rules: Self.rules.get())
        #expect(result.findings.filter { $0.rule == "partner-approvals" }.map(\.status) == [.met, .waived, .missing])
        #expect(result.waivers.map(\.state) == [.active])
    }

    @Test func aWaiverWithoutSubjectCoversEveryItemButMetStaysMet() throws {
        let result = try TestPack.evaluate(Self.record(Self.waiver("partner-approvals")), asOf: "2024-04-02", rules: Self.rules.get())
        let findings = result.findings.filter { $0.rule == "partner-approvals" }
        #expect(findings.map(\.status) == [.met, .waived, .waived])
        #expect(findings.map(\.level) == [nil, nil, nil])
        #expect(findings[0].message == "In order.")
    }

    @Test func metStaysMetAndNotApplicableStaysNotApplicable() throws {
        let record = Self.facts.replacingDue(with: "{due: 2024-03-31, done: 2024-03-01}") + "waivers:\n" + Self.waiver("plan-approved") + "\n"
            + Self.waiver("welsh-only") + "\n"
        let result = try TestPack.evaluate(record, asOf: "2024-04-02", rules: Self.rules.get())
        let plan = try Self.finding(result, "plan-approved")
        #expect(plan.status == .met)
        #expect(plan.done == CivilDate(iso: "2024-03-01"))
        #expect(plan.message == "Done on 1 March 2024.")
        #expect(try Self.finding(result, "welsh-only").status == .notApplicable)
    }

    @Test(arguments: [
        ("{due: 2024-03-31}", "2024-03-20", Status.dueSoon),
        ("{due: 2024-03-31}", "2024-04-20", .overdue),
        ("{due: 2024-03-31, done: 2024-04-05}", "2024-04-20", .late),
        ("{due: TBC}", "2024-04-20", .missing),
        ("{}", "2024-04-20", .missing),
    ])
    func everyActionStatusCanBeWaived(task: String, asOf: String, status: Status) throws {
        let rules = try Self.rules.get()
        let bare = Self.facts.replacingDue(with: task)
        #expect(try Self.finding(TestPack.evaluate(bare, asOf: asOf, rules: rules), "plan-approved").status == status)
        let waived = try Self.finding(TestPack.evaluate(bare + "waivers:\n" + Self.waiver("plan-approved") + "\n", asOf: asOf, rules: rules), "plan-approved")
        #expect(waived.status == .waived)
        #expect(waived.days == nil && waived.level == nil)
        #expect(waived.due == (task.contains("2024-03-31") ? CivilDate(iso: "2024-03-31") : nil))
    }

    @Test(arguments: ["waivers: ~\n", "waivers: []\n", ""])
    func noWaivers(waivers: String) throws {
        let result = try TestPack.evaluate(Self.facts + waivers, asOf: "2024-04-02", rules: Self.rules.get())
        #expect(result.waivers.isEmpty)
        #expect(try Self.finding(result, "plan-approved").status == .overdue)
    }

    /// `null`, `~` and nothing are "not recorded" in a waiver as in the rest of a record: no subject
    /// (the waiver covers the whole rule) and no reference, never the text "null".
    @Test(arguments: ["null", "~", ""])
    func aNullSubjectOrReferenceIsNotRecorded(null: String) throws {
        let waiver = Self.waiver("partner-approvals", subject: null).replacingOccurrences(of: "reference: BRD-7", with: "reference: \(null)")
        let result = try TestPack.evaluate(Self.record(waiver), asOf: "2024-04-02", rules: Self.rules.get())
        let outcome = try #require(result.waivers.first)
        #expect(outcome.subject == nil && outcome.reference == nil && outcome.state == .active)
        #expect(try Self.finding(result, "partner-approvals", "met-police").status == .waived)
        #expect(try Self.finding(result, "partner-approvals", "lfb").status == .waived)
    }

    /// A subject is a value's display text, so a waiver may name it as the record writes it: a date
    /// as a date (quoted or not, as everywhere in a record), a subject of several parts as a list.
    /// Each case: the subject as written in both waivers, the subject it names, and the statuses of
    /// the period finding ("31 March 2024") and the return finding ("police, 31 March 2024").
    @Test(arguments: [
        ("2024-03-31", "31 March 2024", Status.waived, Status.overdue),
        ("\"31 March 2024\"", "31 March 2024", .waived, .overdue),
        ("\"2024-03-31\"", "31 March 2024", .waived, .overdue),  // quoted or not, a date in a record is a date
        ("police", "police", .overdue, .overdue),
        ("[police, 2024-03-31]", "police, 31 March 2024", .overdue, .waived),
    ])
    func aSubjectIsNamedAsTheFindingShowsIt(written: String, subject: String, period periodStatus: Status, sent sentStatus: Status) throws {
        let rules = try TestPack.ruleSet(rules:
            TestPack.rule("period-report", "for_each: periods", "subject: item.end", "deadline: {due: item.end + 1 month, done: item.sent}"),
            TestPack.rule("return-sent", "for_each: returns", "subject: '[item.to, item.date]'", "deadline: {due: item.date, done: item.sent}"))
        let facts = """
            periods: [{end: 2024-03-31}]
            returns: [{to: police, date: 2024-03-31}]
            waivers:
              - {rule: period-report, subject: \(written), reason: r, approved_by: b, until: 2024-12-31}
              - {rule: return-sent, subject: \(written), reason: r, approved_by: b, until: 2024-12-31}

            """
        let result = try TestPack.evaluate(facts, asOf: "2024-06-01", rules: rules)
        #expect(result.waivers.map(\.subject) == [subject, subject])
        let period = try #require(result.findings.first { $0.rule == "period-report" })
        let sent = try #require(result.findings.first { $0.rule == "return-sent" })
        #expect(period.subject == "31 March 2024" && sent.subject == "police, 31 March 2024")
        #expect(period.status == periodStatus)
        #expect(sent.status == sentStatus)
    }

    // MARK: Bad waivers

    struct BadWaiver: Sendable, CustomTestStringConvertible {
        var label: String
        /// The waiver, as list items under `waivers:` (which is on line 7).
        var yaml: String
        var problems: [(line: Int, column: Int, message: String)]
        var testDescription: String { label }
    }

    static let badWaivers: [BadWaiver] = [
        BadWaiver(label: "unknown rule", yaml: "  - {rule: plan-aproved, reason: r, approved_by: b, until: 2024-06-30}",
                  problems: [(8, 12, "a waiver names unknown rule \"plan-aproved\"; did you mean \"plan-approved\"?")]),
        BadWaiver(label: "non-waivable rule", yaml: "  - {rule: board-agreed, reason: r, approved_by: b, until: 2024-06-30}",
                  problems: [(8, 12, "rule \"board-agreed\" cannot be waived: its pack marks it \"waivable: false\"")]),
        BadWaiver(label: "no reason", yaml: "  - rule: plan-approved\n    approved_by: b\n    until: 2024-06-30",
                  problems: [(8, 5, "missing required key \"reason\"")]),
        BadWaiver(label: "no approver", yaml: "  - rule: plan-approved\n    reason: r\n    until: 2024-06-30",
                  problems: [(8, 5, "missing required key \"approved_by\"")]),
        BadWaiver(label: "no expiry", yaml: "  - rule: plan-approved\n    reason: r\n    approved_by: b",
                  problems: [(8, 5, "missing required key \"until\" (the last day the waiver applies, YYYY-MM-DD)")]),
        BadWaiver(label: "until not a date", yaml: "  - rule: plan-approved\n    reason: r\n    approved_by: b\n    until: 30/06/2024",
                  problems: [(11, 12, "\"until\" must be a date, not \"30/06/2024\"")]),
        BadWaiver(label: "until not a real day", yaml: "  - {rule: plan-approved, reason: r, approved_by: b, until: 2024-02-30}",
                  problems: [(8, 61, "\"until\" must be a date, not \"2024-02-30\"")]),
        BadWaiver(label: "empty reason", yaml: "  - {rule: plan-approved, reason: \"\", approved_by: b, until: 2024-06-30}",
                  problems: [(8, 35, "\"reason\" must not be empty")]),
        // Blank is as good as empty: a waiver approved by " " names nobody.
        BadWaiver(label: "blank reason", yaml: "  - {rule: plan-approved, reason: \" \", approved_by: b, until: 2024-06-30}",
                  problems: [(8, 35, "\"reason\" must not be blank: it holds only white space")]),
        BadWaiver(label: "blank approver", yaml: "  - {rule: plan-approved, reason: r, approved_by: \"\\t \\n\", until: 2024-06-30}",
                  problems: [(8, 51, "\"approved_by\" must not be blank: it holds only white space")]),
        BadWaiver(label: "misspelt key", yaml: "  - {rule: plan-approved, reasons: r, approved_by: b, until: 2024-06-30}",
                  problems: [(8, 27, "unknown key \"reasons\"; did you mean \"reason\"?"), (8, 5, "missing required key \"reason\"")]),
        BadWaiver(label: "null reason", yaml: "  - {rule: plan-approved, reason: ~, approved_by: b, until: 2024-06-30}",
                  problems: [(8, 35, "\"reason\" must be text, not null")]),
        BadWaiver(label: "subject a mapping", yaml: "  - {rule: plan-approved, subject: {id: lbb}, reason: r, approved_by: b, until: 2024-06-30}",
                  problems: [(8, 36, "\"subject\" must be text, a date or a list, not a mapping")]),
        BadWaiver(label: "subject list of mappings", yaml: "  - {rule: plan-approved, subject: [lbb, {id: x}], reason: r, approved_by: b, until: 2024-06-30}",
                  problems: [(8, 42, "\"subject\" must be a list of text, dates or numbers; this item is a mapping")]),
        BadWaiver(label: "not a mapping", yaml: "  - plan-approved",
                  problems: [(8, 5, "a waiver must be a mapping, not text")]),
        BadWaiver(label: "everything at once",
                  yaml: "  - {rule: nope, reason: r, approved_by: b, until: TBC}\n  - {rule: board-agreed}",
                  problems: [(8, 12, "a waiver names unknown rule \"nope\""), (8, 52, "\"until\" must be a date, not \"TBC\""),
                             (9, 5, "missing required key \"reason\""), (9, 5, "missing required key \"approved_by\""),
                             (9, 5, "missing required key \"until\""), (9, 12, "rule \"board-agreed\" cannot be waived")]),
    ]

    @Test(arguments: badWaivers)
    func badWaiversAreBadInputWithTheirPositions(bad: BadWaiver) throws {
        let problems = TestPack.recordProblems(Self.facts + "waivers:\n" + bad.yaml + "\n", rules: try Self.rules.get())
        try #require(problems.count == bad.problems.count, "\(problems)")
        for expected in bad.problems {
            let match = problems.contains {
                $0.file == "record.yaml" && $0.location == TestPack.at(expected.line, expected.column)
                    && $0.message.hasPrefix(expected.message)
            }
            #expect(match, "no \(expected.line):\(expected.column) \(expected.message) in \(problems)")
        }
    }

    @Test func untilWrittenTheBritishWayGetsTheISOHint() throws {
        let problems = TestPack.recordProblems(Self.facts + "waivers:\n  - {rule: plan-approved, reason: r, approved_by: b, until: 30/06/2024}\n",
                                               rules: try Self.rules.get())
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("2024-06-30") == true, "\(problems)")
    }

    @Test func waiversMustBeAList() throws {
        let problems = TestPack.recordProblems(Self.facts + "waivers: {rule: plan-approved}\n", rules: try Self.rules.get())
        #expect(problems.map(\.description) == ["record.yaml:7:10: error: \"waivers\" must be a list, not a mapping"])
    }
}

private extension String {
    /// The facts with `task`'s mapping replaced.
    func replacingDue(with task: String) -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[0] = "task: \(task)"
        return lines.joined(separator: "\n")
    }
}
