import Testing
import YAMLTree
@testable import RuleEngine

/// A rule's own `let` (Rules/README.md): named expressions worked out per finding, so they can
/// read the `for_each` item, shared by the rule's check, subject, owner, message and remedy.
@Suite struct RuleLetTests {
    /// Two orders, the first with one period too long (2021-06-01 to 2024-06-01) and one in order.
    static let orders = """
        orders:
          - id: park
            periods:
              - {start: 2021-06-01, end: 2024-06-01}
              - {start: 2024-06-02, end: 2027-06-01}
          - id: square
            periods:
              - {start: 2022-01-01, end: 2024-12-31}

        """

    static func rules(_ lines: String..., lets: [String] = []) throws -> RuleSet {
        try TestPack.ruleSet(rules: TestPack.rule("periods", lines.joined(separator: "\n    ")), lets: lets)
    }

    static let longPeriods = Result {
        try rules("for_each: orders", "as: order", "subject: order.id",
                  "let: {too_long: 'order.periods[? end >= start + 3 years]'}",
                  "require: count(too_long) == 0",
                  "message: {met: '{order.id}: in order.', missing: '{order.id}: too long from {too_long[*].start}.'}")
    }

    @Test func aLetReadsEachItemOnItsOwn() throws {
        let findings = try TestPack.evaluate(Self.orders, asOf: "2024-04-02", rules: Self.longPeriods.get()).findings
        #expect(findings.map(\.subject) == ["park", "square"])
        #expect(findings.map(\.status) == [.missing, .met])
        #expect(findings.map(\.message) == ["park: too long from 1 June 2021.", "square: in order."])
    }

    @Test func whatALetReadsIsEvidenceAsIfWrittenInPlace() throws {
        let findings = try TestPack.evaluate(Self.orders, asOf: "2024-04-02", rules: Self.longPeriods.get()).findings
        // The filter's result, read through the let: the one period too long, not the whole list.
        #expect(findings.map { $0.evidence.map(\.path) } == [["orders[0].periods[0]"], ["orders[1].periods"]])
        let inline = try Self.rules("for_each: orders", "as: order", "subject: order.id",
                                    "require: count(order.periods[? end >= start + 3 years]) == 0")
        let written = try TestPack.evaluate(Self.orders, asOf: "2024-04-02", rules: inline).findings
        #expect(written.map { $0.evidence.map(\.path) } == findings.map { $0.evidence.map(\.path) })
    }

    @Test func rulesLetsUseEachOtherAndThePacksLets() throws {
        let rules = try Self.rules("for_each: orders", "as: order", "subject: order.id",
                                   "let: {first_start: 'first(order.periods).start', late: 'first_start > cutoff'}",
                                   "require: not late", lets: ["cutoff: 2021-12-31"])
        let findings = try TestPack.evaluate(Self.orders, asOf: "2024-04-02", rules: rules).findings
        #expect(findings.map(\.status) == [.met, .missing])
    }

    @Test func aLetOutsideForEachReadsTheRecord() throws {
        let rules = try Self.rules("let: {count_of_orders: 'count(orders)'}", "applies: count_of_orders > 0",
                                   "require: count_of_orders == 2")
        #expect(try TestPack.onlyFinding(Self.orders, asOf: "2024-04-02", rules: rules).status == .met)
        #expect(try TestPack.onlyFinding("orders: []\n", asOf: "2024-04-02", rules: rules).status == .notApplicable)
    }

    @Test func anOwnerReadingTheItemThroughALetIsPerItem() throws {
        let rules = try Self.rules("for_each: orders", "as: order", "let: {who: 'order.id'}", "owner: who", "require: false")
        let findings = try TestPack.evaluate(Self.orders, asOf: "2024-04-02", rules: rules).findings
        #expect(findings.map(\.owners) == [["park"], ["square"]])
    }

    @Test func twoRulesNamingTheirOwnLetsAlikeKeepTheirOwnOwners() throws {
        // The same owner text in two rules, each meaning its own let: not shared between them.
        let rules = try TestPack.ruleSet(rules: TestPack.rule("a", "let: {who: '\"police\"'}", "owner: who", "require: false"),
                                         TestPack.rule("b", "let: {who: '\"council\"'}", "owner: who", "require: false"))
        let findings = try TestPack.evaluate("x: 1\n", asOf: "2024-04-02", rules: rules).findings
        #expect(findings.map(\.owners) == [["police"], ["council"]])
    }

    @Test func aLetIsTheSameWhetherTheCheckOrTheMessageReadsItFirst() throws {
        // `status` in a message is the finding's status; in a let it is the record's key.
        let rules = try Self.rules("let: {said: 'status'}", "require: exists(said)", "message: '{said} / {status}'")
        let finding = try TestPack.onlyFinding("status: open\n", asOf: "2024-04-02", rules: rules)
        #expect(finding.message == "open / met")
    }

    @Test func appliesAndTheCollectionCannotReadTheItem() {
        let text = TestPack.source(rules: [
            TestPack.rule("direct", "for_each: orders", "as: order", "applies: exists(order.periods)", "require: true"),
            TestPack.rule("through-lets", "for_each: orders", "as: order", "let: {p: 'order.periods', q: 'count(p)'}",
                          "applies: q > 0", "require: true"),
            TestPack.rule("collection", "for_each: order.periods", "as: order", "require: true"),
            TestPack.rule("fine", "for_each: orders", "as: order", "let: {n: count(orders)}", "applies: n > 0", "require: true"),
            // Inside a filter the name is the element's key only where the element has one, else the
            // item: still the item as far as the pack can tell, unless written @.order.
            TestPack.rule("in-a-filter", "for_each: orders", "as: order", "applies: 'exists(plans[? order == 1])'", "require: true"),
            TestPack.rule("collection-filter", "for_each: 'orders[? v == order.v]'", "as: order", "require: true"),
            TestPack.rule("filter-through-let", "for_each: 'orders[? v == ov]'", "as: order", "let: {ov: order.v}", "require: true"),
            TestPack.rule("element-key", "for_each: orders", "as: order", "applies: 'exists(plans[? @.order == 1])'", "require: true"),
        ])
        let problems = TestPack.loadProblems([("pack1.yaml", text)])
        let reason = "is worked out once for the whole rule, before any item, so it cannot read the for_each item \"order\" (directly or through the rule's lets)"
        let inFilter = "; inside a filter, \"order\" names the element's own key only where the element has one (elsewhere the item), so write @.order for that key"
        #expect(problems.map(\.description) == [
            "pack1.yaml:18:14: error: \"applies\" \(reason)",
            "pack1.yaml:28:14: error: \"applies\" \(reason)",
            "pack1.yaml:35:15: error: \"for_each\" \(reason)",
            "pack1.yaml:55:14: error: \"applies\" \(reason)\(inFilter)",
            "pack1.yaml:62:15: error: \"for_each\" \(reason)\(inFilter)",
            "pack1.yaml:70:15: error: \"for_each\" \(reason)",
        ])
    }

    @Test func badLetsAreReportedWhereTheyAreWritten() {
        let text = TestPack.source(lets: ["shared: 1"], rules: [
            TestPack.rule("r", "for_each: orders", "as: order",
                          "let: {due: 1, order: 2, shared: 3, a: b, b: a, 'not a name': 4, today: 5}", "require: true"),
        ])
        let problems = TestPack.loadProblems([("pack1.yaml", text)])
        #expect(problems.map(\.description) == [
            "pack1.yaml:20:11: error: a rule's let cannot be called \"due\": messages use that name for the finding's due",
            "pack1.yaml:20:52: error: a let name must be an identifier (letters, digits and _), not \"not a name\"",
            "pack1.yaml:20:69: error: \"today\" is a word of the expression language and cannot name a rule's let",
            "pack1.yaml:20:40: error: let \"a\" depends on itself: a -> b -> a",
            "pack1.yaml:20:19: error: a rule's let cannot be called \"order\": that is the name of the for_each item",
            "pack1.yaml:20:29: error: the pack already has a let called \"shared\"; give the rule's own let another name",
        ])
    }
}
