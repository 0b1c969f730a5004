import Testing
import TestSupport
import YAMLTree
@testable import RuleEngine

/// Filters that start with `key == value` look the value up in an index of the list
/// (`KeyedFilter`); these tests pin where the index may be used and that it changes nothing.
@Suite struct KeyedFilterTests {
    static let record = """
        partners:
          - {id: lbb, role: local_authority, ra: true}
          - {id: met, role: police, ra: true}
          - {id: lfb, role: ~, ra: "yes"}
          - {id: 2024-01-01, role: police, ra: false}
        approvals:
          - {partner: met}
          - {partner: lfb}
          - {partner: nobody}
        """

    static func condition(_ source: String) throws -> Node {
        try Expression.parse(source, at: SourceLocation(line: 1, column: 1), file: "t.yaml").root
    }

    /// The partners list as a record node, and an evaluator that sees `approval` bound to
    /// `{partner: met}` and `needed` to "police".
    static func partnersAndProbe() throws -> (RecordNode, Evaluator) {
        let root = Value.fromRecord(try YAMLLoader.load(text: record, file: "record.yaml"), path: "")
        guard case .map(let node) = root.kind, let partners = node.child(PathKey("partners")) else {
            throw EvaluationError("the test record has no partners")
        }
        let scope = EvaluationScope(root: root, today: CivilDate(iso: "2024-04-02")!, lets: LetTable(definitions: [:]),
                                    variables: ["approval": .fromRecord(try YAMLLoader.load(text: "{partner: met}", file: "v.yaml"), path: "approval"),
                                                "needed": Value(.string("police"))])
        var probe = Evaluator(scope: scope)
        probe.logsEvidence = false
        return (partners, probe)
    }

    @Test(arguments: ["id == approval.partner", "role == \"police\" and ra == true",
                      "role == needed and ra and not (id in [\"x\"])", "id == $.approvals[0].partner", "id == today"])
    func aKeyEqualToAValueOfNoItemIsRecognised(_ source: String) throws {
        #expect(KeyedFilter(try Self.condition(source)) != nil)
    }

    @Test(arguments: ["approval.partner == id", "id.x == \"a\"", "id != \"met\"", "id == partners[*].id",
                      "id == count(approvals)", "role == \"police\" or ra", "not (id == \"met\")", "id == first(approvals).partner"])
    func anythingElseScansTheWholeList(_ source: String) throws {
        #expect(KeyedFilter(try Self.condition(source)) == nil)
    }

    @Test func onlyElementsWhoseKeyIsTheValueOrNullAreTested() throws {
        let (partners, probe) = try Self.partnersAndProbe()
        func candidates(_ source: String) throws -> [Int]? {
            try #require(KeyedFilter(try Self.condition(source))).candidates(in: partners, probe: probe)
        }
        #expect(try candidates("id == approval.partner") == [1])
        // A null key is null == value, not false, so the rest of the condition still runs.
        #expect(try candidates("role == needed and ra") == [1, 2, 3])
        #expect(try candidates("role == \"fire\"") == [2])
        // A date is never equal to a string, even one that reads the same.
        #expect(try candidates("id == \"2024-01-01\"") == [])
        // Not a string, or not recorded: the whole list is scanned.
        #expect(try candidates("id == 2024") == nil)
        #expect(try candidates("id == unknown_name") == nil)
        // A value named like an item key reads each item's own key.
        #expect(try candidates("id == role") == nil)
        // An element without the key reads the name elsewhere.
        #expect(try candidates("missing == \"x\"") == nil)
    }

    static func findings(_ rules: RuleSet, record: String, indexed: Bool) throws -> [Finding] {
        let decoded = try RecordDecoder.decode(bytes: Array(record.utf8), file: "record.yaml", rules: rules)
        return RecordEvaluator(rules: rules, indexesFilters: indexed).evaluate(decoded, asOf: CivilDate(iso: "2024-04-02")!).findings
    }

    static func bothWays(_ rules: RuleSet, record: String = record) throws -> [Finding] {
        let indexed = try findings(rules, record: record, indexed: true)
        let scanned = try findings(rules, record: record, indexed: false)
        #expect(indexed.map(FindingSummary.line) == scanned.map(FindingSummary.line))
        return indexed
    }

    @Test func aLookUpPerItemFindsTheSameElements() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule(
            "approved", "for_each: approvals", "as: approval", "subject: approval.partner",
            "owner: first(partners[? id == approval.partner].id)",
            "require: exists(partners[? id == approval.partner])",
            "message: '{first(partners[? id == approval.partner].role) ?? \"no role\"}'"))
        let findings = try Self.bothWays(rules)
        #expect(findings.map(\.status) == [.met, .met, .missing])
        #expect(findings.map(\.message) == ["police", "no role", "no role"])
        #expect(findings.map(\.owners) == [["met"], ["lfb"], []])
        // The item variable read inside a filter is not evidence; the element it selects is.
        #expect(findings[0].evidence.map(\.path) == ["partners[1]"])
    }

    @Test func anElementWithANullKeyIsStillTestedAndCanFail() throws {
        // partners[2] has role ~, so `ra` is read for it, and "yes" is not a boolean; partners[0]
        // (local_authority) never reaches `ra`.
        let rules = try TestPack.ruleSet(rules: TestPack.rule(
            "roles", "for_each: '[\"police\", \"local_authority\"]'", "as: needed",
            "require: exists(partners[? role == needed and ra])"))
        let findings = try Self.bothWays(rules)
        #expect(findings.count == 2)
        #expect(findings.allSatisfy { $0.message.contains("a boolean") })
    }

    @Test func aLetInTheValueIsEvidenceInTheSameOrder() throws {
        let rules = try TestPack.ruleSet(rules: TestPack.rule(
            "wanted", "require: count(partners[? id == wanted and ra == true]) == 1"),
            lets: ["wanted: 'approvals[0].partner'"])
        let findings = try Self.bothWays(rules)
        #expect(findings.map(\.status) == [.met])
        // What the filter kept comes first: the let's reads follow the rule's own (see `EvidenceLog`).
        #expect(findings[0].evidence.map(\.path) == ["partners[1]", "approvals[0].partner"])
    }

    @Test func aValueNamedLikeAnItemKeyReadsEachItemsOwnKey() throws {
        // Inside the filter `needed` is each item's key, not the `for_each` variable "fire".
        let record = "items:\n  - {role: police, needed: police}\n  - {role: fire, needed: police}\n"
        let rules = try TestPack.ruleSet(rules: TestPack.rule(
            "own-key", "for_each: '[\"fire\"]'", "as: needed", "require: count(items[? role == needed]) == 1"))
        let findings = try Self.bothWays(rules, record: record)
        #expect(findings.map(\.status) == [.met])
    }

    /// A full scan of an empty list never evaluates the value, so a `let` in it reads nothing.
    @Test func anEmptyListIsScannedSoALetInTheValueAddsNoEvidence() throws {
        let record = "partnership: {lead: lbb}\npartners: []\n"
        let rules = try TestPack.ruleSet(rules: TestPack.rule("lead", "require: count(partners[? id == lead]) == 0"),
                                         lets: ["lead: 'partnership.lead'"])
        let findings = try Self.bothWays(rules, record: record)
        #expect(findings.map(\.status) == [.met])
        #expect(findings[0].evidence.map(\.path) == ["partners"])
    }
}
