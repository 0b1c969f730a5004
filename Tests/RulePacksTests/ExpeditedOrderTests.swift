import RuleEngine
import Testing

/// Expedited orders (section 59A) last and are consulted on as sections 60A and 72B provide, not as
/// a public spaces protection order does: the three order rules leave out an order the record marks
/// `expedited: true`, and are not applicable when it is the only one.
@Suite struct ExpeditedOrderTests {
    static let orderRules: Set<String> = ["pspo-expiry", "pspo-period-length", "pspo-extension-in-time"]

    /// An expedited order that every order rule would flag if it read it: its second period overlaps
    /// the first and was decided after the first ended.
    static let expedited = """
          - id: school-gates
            title: School gates expedited order
            expedited: true
            periods:
              - {start: 2024-01-10, end: 2024-07-09, decided: 2024-01-09}
              - {start: 2024-05-01, end: 2024-10-31, decided: 2024-07-20}

        """
    static let ordinary = """
          - id: town-centre
            title: Town centre order
            periods:
              - {start: 2023-01-01, end: 2025-12-31, decided: 2022-12-01}

        """

    static func orderFindings(_ pspos: String) throws -> [Finding] {
        let result = try RecordConsistencyTests.evaluate("pspos:\n" + pspos, asOf: "2024-08-01")
        return result.findings.filter { orderRules.contains($0.rule) }
    }

    @Test func anExpeditedOrderIsLeftOutBesideAnOrdinaryOne() throws {
        let findings = try Self.orderFindings(Self.ordinary + Self.expedited)
        #expect(Set(findings.map(\.rule)) == Self.orderRules)
        #expect(findings.allSatisfy { $0.subject == "town-centre" && $0.status == .met }, "\(findings.map { "\($0.rule) \($0.subject ?? "-") \($0.status)" })")
    }

    @Test func onlyExpeditedOrdersMakeTheOrderRulesNotApplicable() throws {
        let findings = try Self.orderFindings(Self.expedited)
        #expect(findings.count == 3)
        #expect(findings.allSatisfy { $0.status == .notApplicable && $0.subject == nil })
    }

    /// Marked `false`, or with anything but `true` (`yes` is text in YAML 1.2), the same order is
    /// checked and flagged: one mistyped mark must not stop the order rules reading every order.
    @Test(arguments: ["expedited: false", "expedited: yes", "expedited: \"true\"", "expedited: [true]"])
    func anOrderNotMarkedTrueIsChecked(mark: String) throws {
        let marked = Self.expedited.replacingOccurrences(of: "expedited: true", with: mark)
        let findings = try Self.orderFindings(marked)
        let extended = try #require(findings.first { $0.rule == "pspo-extension-in-time" })
        #expect(extended.subject == "school-gates")
        #expect(extended.status == .missing)
    }
}
