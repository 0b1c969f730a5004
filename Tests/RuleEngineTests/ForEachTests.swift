import Foundation
import Testing
import YAMLTree
@testable import RuleEngine

/// `applies`, `for_each` (with `as`, `subject`, `allow_empty`) and `owner` (DESIGN.md §4,
/// "Applicability and items").
@Suite struct ForEachTests {
    static let partners = """
        partnership: {nation: england}
        partners:
          - {id: lbb, role: local_authority, approved: true}
          - {id: met-police, role: police, approved: false}
          - {id: lfb, role: fire_and_rescue, approved: ~}
        """

    static func rules(_ lines: String...) throws -> RuleSet {
        try TestPack.ruleSet(rules: TestPack.rule("approvals", lines.joined(separator: "\n    ")))
    }

    static let approvals = Result {
        try rules("for_each: partners", "as: partner", "subject: partner.id", "owner: partner.id", "require: partner.approved")
    }

    @Test func oneFindingPerItemWithSubjectAndOwner() throws {
        let findings = try TestPack.evaluate(Self.partners, asOf: "2024-04-02", rules: Self.approvals.get()).findings
        #expect(findings.map(\.subject) == ["lbb", "met-police", "lfb"])
        #expect(findings.map(\.status) == [.met, .missing, .missing])
        #expect(findings.map(\.owners) == [["lbb"], ["met-police"], ["lfb"]])
        #expect(findings.map(\.level) == [nil, .error, .error])
        #expect(findings.allSatisfy { $0.days == nil && $0.due == nil && $0.rule == "approvals" && $0.pack == "test-pack" })
        // Each finding lists only what it read, its own item first where it is at fault.
        #expect(findings[1].evidence.first.map { ($0.path, $0.line, $0.column) } ?? ("", 0, 0) == ("partners[1].approved", 4, 46))
        #expect(findings[2].message == "Not in the record: not recorded: partners[2].approved.")
    }

    @Test func theDefaultVariableIsItem() throws {
        let rules = try Self.rules("for_each: partners", "subject: item.id", "require: item.approved")
        let findings = try TestPack.evaluate(Self.partners, asOf: "2024-04-02", rules: rules).findings
        #expect(findings.map(\.subject) == ["lbb", "met-police", "lfb"])
        #expect(findings.map(\.status) == [.met, .missing, .missing])
    }

    /// `as` follows the rule for a rule's let: a word of the language is read as itself, and in a
    /// message an outcome name reads the finding's value, so the item could not be read by it.
    @Test(arguments: [
        ("today", "\"today\" is a word of the expression language and cannot name the for_each item"),
        ("'true'", "\"true\" is a word of the expression language and cannot name the for_each item"),
        ("'false'", "\"false\" is a word of the expression language and cannot name the for_each item"),
        ("'null'", "\"null\" is a word of the expression language and cannot name the for_each item"),
        ("and", "\"and\" is a word of the expression language and cannot name the for_each item"),
        ("or", "\"or\" is a word of the expression language and cannot name the for_each item"),
        ("not", "\"not\" is a word of the expression language and cannot name the for_each item"),
        ("in", "\"in\" is a word of the expression language and cannot name the for_each item"),
        ("status", "the for_each item cannot be called \"status\": messages use that name for the finding's status"),
        ("due", "the for_each item cannot be called \"due\": messages use that name for the finding's due"),
        ("done", "the for_each item cannot be called \"done\": messages use that name for the finding's done"),
        ("days", "the for_each item cannot be called \"days\": messages use that name for the finding's days"),
        ("subject", "the for_each item cannot be called \"subject\": messages use that name for the finding's subject"),
    ])
    func asCannotBeAWordOfTheLanguageOrAnOutcomeName(name: String, message: String) {
        let text = TestPack.source(rules: [TestPack.rule("r", "for_each: partners", "as: \(name)", "require: true")])
        #expect(TestPack.loadProblems([("pack1.yaml", text)]).map(\.description) == ["pack1.yaml:17:9: error: \(message)"])
    }

    @Test func withoutASubjectExpressionTheSubjectIsTheItemsPath() throws {
        let rules = try Self.rules("for_each: partners", "require: item.approved")
        let findings = try TestPack.evaluate(Self.partners, asOf: "2024-04-02", rules: rules).findings
        #expect(findings.map(\.subject) == ["partners[0]", "partners[1]", "partners[2]"])
    }

    @Test func anUnrecordedSubjectFallsBackToThePathAndANumberIsWrittenAsText() throws {
        let rules = try Self.rules("for_each: items", "subject: item.label", "require: item.ok")
        let record = "items:\n  - {label: 2024, ok: true}\n  - {ok: true}\n  - {label: true, ok: true}\n  - {label: [], ok: true}\n"
        let findings = try TestPack.evaluate(record, asOf: "2024-04-02", rules: rules).findings
        // An empty list of parts is no subject either (it would print as "none").
        #expect(findings.map(\.subject) == ["2024", "items[1]", "true", "items[3]"])
    }

    @Test func theItemVariableComesBeforeARecordKeyOfTheSameName() throws {
        let rules = try Self.rules("for_each: partners", "as: partner", "require: partner.approved")
        let record = "partner: {approved: true}\npartners:\n  - {approved: false}\n"
        let finding = try TestPack.onlyFinding(record, asOf: "2024-04-02", rules: rules)
        #expect(finding.status == .missing)
    }

    /// Outside a filter: the `for_each` variable, then a `let`, then a record key. Inside a filter:
    /// the item's key, then the variable, then a `let`.
    @Test(arguments: [
        ("require: 'limit == 5'", [Status.met]),
        ("require: 'count(items[? size > limit]) == 1'", [.met]),
        ("require: 'count(items[? size > cap]) == 1'", [.met]),
        ("for_each: items\n    as: limit\n    require: 'limit.size > 0'", [.met, .met]),
        ("for_each: items\n    as: it\n    require: 'count($.items[? size == it.size]) == 1'", [.met, .met]),
        ("for_each: items\n    as: it\n    require: 'count($.items[? cap == it.cap]) == 1'", [.met, .met]),
    ] as [(String, [Status])])
    func nameResolution(rule: String, statuses: [Status]) throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("names", rule), lets: ["limit: 5", "cap: 1"])
        let record = "limit: 100\ncap: 100\nitems: [{size: 3, cap: 2}, {size: 6, cap: 7}]\n"
        #expect(try TestPack.evaluate(record, asOf: "2024-04-02", rules: rules).findings.map(\.status) == statuses)
    }

    @Test func aFilteredCollection() throws {
        let rules = try Self.rules("for_each: 'partners[? role != \"police\"]'", "subject: item.id", "require: item.approved")
        let findings = try TestPack.evaluate(Self.partners, asOf: "2024-04-02", rules: rules).findings
        #expect(findings.map(\.subject) == ["lbb", "lfb"])
        #expect(findings.map(\.status) == [.met, .missing])
    }

    @Test func theItemIsVisibleInsideAFilter() throws {
        let rules = try Self.rules(
            "for_each: partners", "as: p", "subject: p.id",
            "require: 'count($.approvals[? partner == p.id and approved]) > 0'")
        let record = """
            partners: [{id: lbb}, {id: met-police}]
            approvals:
              - {partner: lbb, approved: true}
              - {partner: met-police, approved: false}
            """
        let findings = try TestPack.evaluate(record, asOf: "2024-04-02", rules: rules).findings
        #expect(findings.map(\.status) == [.met, .missing])
    }

    @Test func eachItemRunsTheCheckWithItsOwnDates() throws {
        let rules = try Self.rules("for_each: reviews", "subject: item.name", "deadline: {due: item.due, done: item.done, warn: 30 days}")
        let record = """
            reviews:
              - {name: A, due: 2024-03-31, done: 2024-03-01}
              - {name: B, due: 2024-04-20}
              - {name: C, due: 2024-03-01}
              - {name: D, due: TBC}
            """
        let findings = try TestPack.evaluate(record, asOf: "2024-04-02", rules: rules).findings
        #expect(findings.map(\.status) == [.met, .dueSoon, .overdue, .missing])
        #expect(findings.map(\.days) == [nil, 18, 32, nil])
        #expect(findings[3].evidence.first.map { ($0.line, $0.column) } ?? (0, 0) == (5, 20))
    }

    // MARK: Empty, unrecorded and not-a-list collections

    @Test(arguments: ["partners: []\n", "partners: ~\n", "partners:\n", "other: 1\n"])
    func anEmptyOrUnrecordedCollectionIsOneMissingFinding(record: String) throws {
        let finding = try TestPack.onlyFinding(record, asOf: "2024-04-02", rules: Self.approvals.get())
        #expect(finding.status == .missing)
        #expect(finding.subject == nil)
        #expect(finding.days == nil)
        #expect(finding.level == .error)
        #expect(finding.message.contains("partners"), "\(finding.message)")
    }

    @Test(arguments: ["partners: []\n", "partners: ~\n", "other: 1\n"])
    func withAllowEmptyItIsOneMetFindingWithoutSubject(record: String) throws {
        let rules = try Self.rules("for_each: partners", "allow_empty: true", "require: item.approved")
        let finding = try TestPack.onlyFinding(record, asOf: "2024-04-02", rules: rules)
        #expect(finding.status == .met)
        #expect(finding.subject == nil)
        #expect(finding.level == nil)
    }

    @Test(arguments: [true, false])
    func aCollectionThatIsNotAListIsMissingEvenWithAllowEmpty(allowEmpty: Bool) throws {
        let rules = try Self.rules("for_each: partners", "allow_empty: \(allowEmpty)", "require: item.approved")
        for record in ["partners: lbb\n", "partners: {id: lbb}\n", "partners: 3\n"] {
            let finding = try TestPack.onlyFinding(record, asOf: "2024-04-02", rules: rules)
            #expect(finding.status == .missing)
            #expect(finding.subject == nil)
            #expect(finding.evidence.first.map { ($0.path, $0.line, $0.column) } ?? ("", 0, 0) == ("partners", 1, 11))
        }
    }

    // MARK: applies

    @Test func appliesFalseIsOneNotApplicableFindingWithoutSubject() throws {
        let rules = try Self.rules("applies: partnership.nation == \"wales\"", "for_each: partners", "subject: item.id", "require: item.approved")
        let finding = try TestPack.onlyFinding(Self.partners, asOf: "2024-04-02", rules: rules)
        #expect(finding.status == .notApplicable)
        #expect(finding.subject == nil)
        #expect(finding.level == nil)
        #expect(finding.due == nil && finding.days == nil)
        #expect(finding.message == "Does not apply to this partnership.")
    }

    @Test func appliesIsEvaluatedBeforeForEach() throws {
        let rules = try Self.rules("applies: partnership.nation == \"wales\"", "for_each: partners", "require: item.approved")
        let finding = try TestPack.onlyFinding("partnership: {nation: england}\npartners: not-a-list\n", asOf: "2024-04-02", rules: rules)
        #expect(finding.status == .notApplicable)
    }

    @Test func appliesTrueRunsEveryItem() throws {
        let rules = try Self.rules("applies: partnership.nation == \"england\"", "for_each: partners", "require: item.approved")
        let findings = try TestPack.evaluate(Self.partners, asOf: "2024-04-02", rules: rules).findings
        #expect(findings.map(\.status) == [.met, .missing, .missing])
    }

    /// An unrecorded fact must not switch a duty off: fail closed.
    @Test(arguments: ["partnership: {}\n", "partnership: {nation: ~}\n", "other: 1\n"])
    func appliesNullApplies(record: String) throws {
        let rules = try Self.rules("applies: partnership.nation == \"wales\"", "require: exists(strategy)")
        let finding = try TestPack.onlyFinding(record, asOf: "2024-04-02", rules: rules)
        #expect(finding.status == .missing)
        #expect(finding.level == .error)
    }

    @Test func appliesNullAppliesAndCanBeMet() throws {
        let rules = try Self.rules("applies: partnership.nation == \"wales\"", "require: exists(strategy)")
        let finding = try TestPack.onlyFinding("strategy: yes\n", asOf: "2024-04-02", rules: rules)
        #expect(finding.status == .met)
    }

    @Test(arguments: ["partnership: {nation: england}\n", "partnership: {nation: 3}\n"])
    func appliesNonBooleanIsOneMissingFinding(record: String) throws {
        let rules = try Self.rules("applies: partnership.nation", "for_each: partners", "require: item.approved")
        let finding = try TestPack.onlyFinding(record, asOf: "2024-04-02", rules: rules)
        #expect(finding.status == .missing)
        #expect(finding.subject == nil)
        #expect(finding.evidence.first.map { ($0.path, $0.line, $0.column) } ?? ("", 0, 0) == ("partnership.nation", 1, 23))
    }

    // MARK: owner

    @Test(arguments: [
        ("'\"board\"'", ["board"]),
        ("'[\"board\", partnership.lead]'", ["board", "lbb"]),
        ("'[\"board\", partnership.deputy]'", ["board"]),
        ("partnership.deputy", []),
        ("partners[*].id", ["lbb", "met-police", "lfb"]),
        ("'partners[? approved].id'", ["lbb"]),
        ("partnership.year", ["2024"]),
    ] as [(String, [String])])
    func owners(expression: String, owners: [String]) throws {
        let rules = try Self.rules("owner: \(expression)", "require: true")
        let record = Self.partners.replacingOccurrences(of: "{nation: england}", with: "{lead: lbb, year: 2024}")
        let finding = try TestPack.onlyFinding(record, asOf: "2024-04-02", rules: rules)
        #expect(finding.owners == owners)
    }

    /// An owner expression that fails on this record names nobody, and the message says why, so
    /// "who must act" is not left blank without a word; the status is the check's own.
    @Test(arguments: [false, true])
    func anOwnerThatFailsIsExplainedInTheMessage(perItem: Bool) throws {
        let rules = try perItem
            ? Self.rules("for_each: partners", "subject: item.id", "owner: 'item.id + 1'", "require: true", #"message: "Fine.""#)
            : Self.rules("owner: 'partnership.nation + 1'", "require: true", #"message: "Fine.""#)
        let finding = try #require(TestPack.evaluate(Self.partners, asOf: "2024-04-02", rules: rules).findings.first)
        #expect(finding.status == .met)
        #expect(finding.owners == [])
        let culprit = perItem ? #"partners[0].id is the string "lbb""# : #"partnership.nation is the string "england""#
        #expect(finding.message == "Fine. (Who must act could not be worked out: \(culprit), not a number.)")
    }

    @Test func findingsKeepPackThenRuleThenItemOrder() throws {
        let pack = TestPack.source(rules: [
            TestPack.rule("zeta", "require: true"),
            TestPack.rule("alpha", "for_each: partners", "subject: item.id", "require: item.approved"),
            TestPack.rule("mid", "require: false"),
        ])
        let other = TestPack.source(id: "other-pack", rules: [TestPack.rule("first", "require: true")])
        let rules = try TestPack.ruleSet(pack, other)
        let findings = try TestPack.evaluate(Self.partners, asOf: "2024-04-02", rules: rules).findings
        #expect(findings.map(\.rule) == ["zeta", "alpha", "alpha", "alpha", "mid", "first"])
        #expect(findings.map(\.pack) == ["test-pack", "test-pack", "test-pack", "test-pack", "test-pack", "other-pack"])
        #expect(findings.map(\.subject) == [nil, "lbb", "met-police", "lfb", nil, nil])
    }
}

/// A message and a remedy that write the same hole share one expression, evaluated once per
/// finding: each item's finding must still get its own text.
@Suite struct SharedHoleTests {
    static let rules = Result {
        try ForEachTests.rules(
            "for_each: partners", "as: partner", "subject: partner.id", "require: partner.approved",
            #"message: {met: "{partner.id} approved ({partnership.nation})", missing: "{partner.id} has not approved; {partner.id} must"}"#,
            #"remedy: "Ask {partner.id} to approve (role {partner.role})""#)
    }

    @Test func theMessageAndRemedyShareTheHoleTheyBothWrite() throws {
        let rule = try #require(Self.rules.get().packs.first?.rules.first)
        #expect(rule.repeatsHoles)
        let remedyHole = try #require(rule.remedy?.expressions.first)
        let messageHoles = rule.message?.templates.flatMap(\.expressions) ?? []
        let shared = messageHoles.filter { $0.source == "partner.id" }
        #expect(shared.count == 3)
        #expect(shared.allSatisfy { $0.root === remedyHole.root })
        // Each hole keeps its own place in the pack.
        #expect(Set((shared + [remedyHole]).map(\.location.column)).count == 4)
        #expect(messageHoles.count == 4)
    }

    @Test func eachFindingWritesItsOwnItem() throws {
        let findings = try TestPack.evaluate(ForEachTests.partners, asOf: "2024-04-02", rules: Self.rules.get()).findings
        #expect(findings.map(\.message) == [
            "lbb approved (england)",
            "met-police has not approved; met-police must",
            "lfb has not approved; lfb must",
        ])
        #expect(findings.map(\.remedy) == [
            "Ask lbb to approve (role local_authority)",
            "Ask met-police to approve (role police)",
            "Ask lfb to approve (role fire_and_rescue)",
        ])
    }

    @Test func aRuleWhoseTemplatesShareNoHoleKeepsNoMemo() throws {
        let rules = try ForEachTests.rules("require: true", #"message: "{partnership.nation}""#, #"remedy: "Fix {partners[0].id}""#)
        let rule = try #require(rules.packs.first?.rules.first)
        #expect(!rule.repeatsHoles)
    }
}

/// A hole that reads only the record writes the same text on every finding of its pack on one
/// record, so the pack keeps it once; the same text naming a rule's let, its item or an outcome
/// name is written for each finding.
@Suite struct RecordHoleTests {
    static let record = """
        nation: england
        region: north
        status: from the record
        partners:
          - {id: lbb}
          - {id: lfb}
        """

    static let rules = Result {
        try TestPack.ruleSet(
            rules: TestPack.rule("plain", "require: true", #"message: "{nation} {region} {status}""#),
            TestPack.rule("own-let", #"let: {nation: '"from the rule"'}"#, "require: true", #"message: "{nation} {region}""#),
            TestPack.rule("items", "for_each: partners", "as: nation", "subject: nation.id", "require: true",
                          #"message: "{nation.id} {region}""#, #"remedy: "{region} again""#),
            TestPack.rule("fails", "require: true", #"message: "{partners.id}""#))
    }

    @Test func eachFindingReadsWhatItsOwnRuleNames() throws {
        let findings = try TestPack.evaluate(Self.record, asOf: "2024-04-02", rules: Self.rules.get()).findings
        #expect(Array(findings.map(\.message).prefix(4)) == [
            "england north met", "from the rule north", "lbb north", "lfb north",
        ])
        #expect(findings.map(\.remedy)[2...3] == ["north again", "north again"])
        // A hole that fails is not kept: it fails again, with the default message.
        #expect(findings[4].message.contains("could not be written"))
    }

    @Test func theSameRecordOnlyTextTakesOneSlotInThePack() throws {
        let pack = try #require(Self.rules.get().packs.first)
        let holes = pack.rules.flatMap(\.recordHoles)
        // `nation` only in the first rule: the second has a let of that name and the third an item.
        #expect(holes.map(\.source) == ["nation", "region", "region", "region", "region", "partners.id"])
        #expect(holes.map(\.slot.position) == [0, 1, 1, 1, 1, 2])
        #expect(holes.allSatisfy { $0.slot.pack == pack.letSlots.id })
        #expect(pack.recordHoleCount == 3)
    }

    @Test func aHoleAnotherPackNumberedIsEvaluatedNotReadFromItsSlot() throws {
        let rules = try Self.rules.get()
        let pack = try #require(rules.packs.first)
        let region = try #require(pack.rules[1].recordHoles.first { $0.source == "region" })
        let record = try RecordDecoder.decode(bytes: Array(Self.record.utf8), file: "record.yaml", rules: rules)
        let scope = EvaluationScope(root: Value.fromRecord(record.root, path: ""), today: try day("2024-04-02"),
                                    lets: LetTable(slots: pack.letSlots))
        let nationExpression = try Expression.parse("nation", at: TestPack.at(1, 1), file: "test.yaml")
        let regionExpression = try Expression.parse("region", at: TestPack.at(1, 1), file: "test.yaml")
        // In another pack's numbering, the slot this pack gave `region` may be another text's.
        let other = RecordHoleTexts(count: 3, pack: pack.letSlots.id &+ 1)
        #expect(try other.text(of: regionExpression, at: region.slot, in: scope).text == "north")
        #expect(try other.text(of: nationExpression, at: region.slot, in: scope).text == "england")
        // In its own pack's numbering, the slot keeps what was written in it.
        let own = RecordHoleTexts(count: 3, pack: pack.letSlots.id)
        #expect(try own.text(of: regionExpression, at: region.slot, in: scope).text == "north")
        #expect(try own.text(of: nationExpression, at: region.slot, in: scope).text == "north")
    }
}

/// Names in a pack's expressions find the pack's lets by the position marked when the pack
/// loaded; the names resolve exactly as they did by text.
@Suite struct LetSlotTests {
    static let record = "nation: from the record\nregion: north\npartners:\n  - {id: lbb}\n"

    @Test func aLetComesBeforeARecordKeyAndOtherNamesAreRecordKeys() throws {
        let rules = try TestPack.ruleSet(
            rules: TestPack.rule("r", "require: exists(region)", #"message: "{nation} / {region} / {first_id} / {nation}""#),
            lets: [#"nation: '"from the let"'"#, "first_id: first(partners[*].id)"])
        let finding = try TestPack.onlyFinding(Self.record, asOf: "2024-04-02", rules: rules)
        #expect(finding.message == "from the let / north / lbb / from the let")

        // Every bare name in the message is marked by the pack: a let with its position, a record
        // key as no let.
        let pack = try #require(rules.packs.first)
        let holes = try #require(pack.rules.first?.message?.templates.first?.expressions)
        let marks = holes.compactMap { hole -> (String, UInt64, Int)? in
            guard case .path(let path) = hole.root.kind, case .name(let key) = path.head else { return nil }
            return (key.name, key.letSlots, key.letPosition)
        }
        #expect(marks.map(\.0) == ["nation", "region", "first_id", "nation"])
        #expect(marks.allSatisfy { $0.1 == pack.letSlots.id })
        #expect(marks.map(\.2) == [pack.letSlots.position(of: "nation"), -1, pack.letSlots.position(of: "first_id"),
                                   pack.letSlots.position(of: "nation")])
    }

    @Test func eachPackFindsItsOwnLets() throws {
        let first = TestPack.source(id: "first", lets: [#"label: '"first pack"'"#],
                                    rules: [TestPack.rule("one", "require: true", #"message: "{label}""#)])
        let second = TestPack.source(id: "second", lets: ["other: 1", #"label: '"second pack"'"#],
                                     rules: [TestPack.rule("two", "require: true", #"message: "{label} {other}""#)])
        let findings = try TestPack.evaluate("x: 1\n", asOf: "2024-04-02", rules: TestPack.ruleSet(first, second)).findings
        #expect(findings.map(\.message) == ["first pack", "second pack 1"])
    }

    /// An expression a pack marked, evaluated with lets the pack did not number, falls back to
    /// finding them by name.
    @Test func anotherTableFindsLetsByName() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule("r", "require: label == \"mine\""),
                                         lets: [#"label: '"pack value"'"#])
        let rule = try #require(rules.packs.first?.rules.first)
        guard case .require(let expression) = rule.check else { Issue.record("not a require check"); return }
        let record = try RecordDecoder.decode(bytes: Array(Self.record.utf8), file: "r.yaml", rules: rules)
        let mine = try Expression.parse("\"mine\"", at: TestPack.at(1, 1), file: "t")
        let scope = EvaluationScope(root: Value.fromRecord(record.root, path: ""), today: CivilDate(year: 2024, month: 4, day: 2)!,
                                    lets: LetTable(definitions: ["a_first": try Expression.parse("\"not mine\"", at: TestPack.at(1, 1), file: "t"),
                                                                 "label": mine]))
        let value = try expression.evaluate(in: scope)
        guard case .bool(let verdict) = value.kind else { Issue.record("not a boolean: \(value)"); return }
        #expect(verdict)
    }
}

/// An owner that does not read the `for_each` item is worked out once per pack and record and
/// shared by the pack's rules; one that reads the item is worked out for each item, even where
/// another rule of the pack uses the same text for something else.
@Suite struct SharedOwnerTests {
    static let record = """
        lead: {id: chair}
        partners:
          - {id: lbb}
          - {id: met-police}
        """

    @Test(arguments: [false, true])
    func theSameOwnerTextReadsTheItemOnlyWhereTheItemHasThatName(itemRuleFirst: Bool) throws {
        let whole = TestPack.rule("whole", "require: true", "owner: lead.id")
        let items = TestPack.rule("items", "for_each: partners", "as: lead", "subject: lead.id", "require: true", "owner: lead.id")
        let shared = TestPack.rule("shared", "for_each: partners", "as: partner", "require: true", "owner: lead.id")
        let rules = try itemRuleFirst ? TestPack.ruleSet(rules: items, whole, shared) : TestPack.ruleSet(rules: whole, shared, items)
        let pack = try #require(rules.packs.first)
        #expect(pack.rules.map { ($0.id, $0.ownerIsPerFinding) }.sorted { $0.0 < $1.0 }.map(\.1) == [true, false, false])
        let findings = try TestPack.evaluate(Self.record, asOf: "2024-04-02", rules: rules).findings
        func owners(_ rule: String) -> [[String]] { findings.filter { $0.rule == rule }.map(\.owners) }
        #expect(owners("whole") == [["chair"]])
        #expect(owners("shared") == [["chair"], ["chair"]])
        #expect(owners("items") == [["lbb"], ["met-police"]])
    }
}
