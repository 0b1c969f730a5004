import Foundation
@testable import RuleEngine
import Testing
import TestSupport

/// A finding cites the law its partnership is held to: a provision marked for the other nation
/// (`nation: wales` on SI 2007/3076) is left out of an English partnership's findings, and the other
/// way round; with the nation unknown every provision is cited.
@Suite struct CitationNationTests {
    static let act = Citation(id: "act", title: "Act", url: "https://example.org/act", kind: .statute)
    static let english = Citation(id: "en", title: "English regulations", url: "https://example.org/en", kind: .regulation, nation: .england)
    static let welsh = Citation(id: "cy", title: "Welsh regulations", url: "https://example.org/cy", kind: .regulation, nation: .wales)

    @Test func eachNationKeepsItsOwnAndTheSharedProvisions() {
        let basis = [Self.act, Self.english, Self.welsh]
        #expect(basis.binding(in: .england).map(\.id) == ["act", "en"])
        #expect(basis.binding(in: .wales).map(\.id) == ["act", "cy"])
        #expect(basis.binding(in: nil).map(\.id) == ["act", "en", "cy"])
        // A rule resting on the other nation's law alone (a duty that does not apply here) still
        // shows what it rests on.
        #expect([Self.welsh].binding(in: .england).map(\.id) == ["cy"])
    }

    /// The shipped plan rule cites both nations' plan regulations; each partnership sees its own.
    @Test(arguments: [("england", "si-2007-1830-reg-11", "si-2007-3076-reg-9"),
                      ("wales", "si-2007-3076-reg-9", "si-2007-1830-reg-11")])
    func aFindingCitesItsPartnershipsNationOnly(nation: String, kept: String, dropped: String) throws {
        let rules = try ShippedPackTests.loadRules()
        let yaml = "dutycheck: 1\npartnership: {name: Test CSP, nation: \(nation), area_type: unitary}\n"
        let record = try RecordDecoder.decode(bytes: Array(yaml.utf8), file: "r.yaml", rules: rules)
        let result = RecordEvaluator(rules: rules).evaluate(record, asOf: try #require(CivilDate(iso: "2024-05-01")))
        let finding = try #require(result.findings.first { $0.rule == "cda-plan-covers-strands" })
        let cited = finding.basis.map(\.id)
        #expect(cited.contains("cda-1998-s6") && cited.contains(kept) && !cited.contains(dropped), "\(cited)")
        // A nation the packs do not know (a slip the record-quality pack reports) cites every provision.
        let unknown = try RecordDecoder.decode(bytes: Array(yaml.replacingOccurrences(of: nation, with: "England").utf8),
                                               file: "r.yaml", rules: rules)
        let all = RecordEvaluator(rules: rules).evaluate(unknown, asOf: try #require(CivilDate(iso: "2024-05-01")))
        let everyCitation = try #require(all.findings.first { $0.rule == "cda-plan-covers-strands" }).basis.map(\.id)
        #expect(everyCitation.contains(kept) && everyCitation.contains(dropped), "\(everyCitation)")
    }
}
