import Foundation
import RuleEngine
import Testing
import TestSupport

/// Three packs choose "the council", the partnership's own council that owns its orders and case
/// reviews, its scrutiny and its Part 4 co-operation: the anti-social-behaviour,
/// crime-and-disorder-scrutiny and domestic-abuse-act-part-4 packs. In a district of a two-tier area
/// that is the district council, told from the county council by kind. The lets that do so are
/// written out in each pack, so these tests keep the copies word for word the same, and check that
/// a council whose kind is not recorded is not taken for the district council when it may be the
/// county council, and that in a partnership covering two districts each district council owes the
/// duties each council owes on its own.
@Suite struct CouncilLetsTests {
    static let councilLets = ["district_area", "councils", "county_council_listed", "district_council", "district_councils"]
    static let packs = ["Rules/anti-social-behaviour.yaml", "Rules/crime-and-disorder-scrutiny.yaml",
                        "Rules/domestic-abuse-act-part-4.yaml"]

    @Test func thePacksTellTheDistrictCouncilFromTheCountyCouncilAlike() throws {
        let reference = try PlanSelectionLetsTests.lets(of: Self.packs[0])
        for file in Self.packs.dropFirst() {
            let lets = try PlanSelectionLetsTests.lets(of: file)
            for name in Self.councilLets {
                let text = try #require(reference[name], "\(Self.packs[0]) has no let \(name)")
                #expect(lets[name] == text, "\(name) differs between \(Self.packs[0]) and \(file)")
            }
        }
    }

    /// Listed first and without a kind, the county council is no longer made the owner of the
    /// district council's duties: with no kinds the duties go to every council (the role), with
    /// either council's kind recorded to the district council.
    @Test func aCouncilWithoutAKindIsNotTakenForTheDistrictCouncil() throws {
        let rules = try ShippedPackTests.loadRules()
        let text = """
            dutycheck: 1
            partnership: {name: Test CSP, nation: england, area_type: district, tier_one_authority: Kent County Council}
            partners:
              - {id: kcc, name: Kent County Council, role: local_authority, responsible_authority: true}
              - {id: mbc, name: Maidstone Borough Council, role: local_authority, responsible_authority: true}
              - {id: police, name: Kent Police, role: police, responsible_authority: true}
            \(ShippedPackTests.councilOrderAndProcedures)

            """
        func owners(_ text: String) throws -> [String: [String]] {
            let result = try ShippedPackTests.evaluate(text, file: "councils.yaml", asOf: "2024-03-01", rules: rules)
            var owners: [String: [String]] = [:]
            for rule in ["pspo-expiry", "asb-case-review-procedures", "scrutiny-annual-review", "da-tier-two-cooperation"] {
                owners[rule] = try #require(result.findings.first { $0.rule == rule }, "\(rule)").owners
            }
            return owners
        }
        let unkinded = try owners(text)
        #expect(unkinded["pspo-expiry"] == ["local_authority"])
        #expect(unkinded["asb-case-review-procedures"] == ["kcc", "mbc", "police"])
        #expect(unkinded["scrutiny-annual-review"] == ["local_authority"])
        #expect(unkinded["da-tier-two-cooperation"] == ["local_authority"])

        let district = ["pspo-expiry": ["mbc"], "asb-case-review-procedures": ["mbc", "police"],
                        "scrutiny-annual-review": ["mbc"], "da-tier-two-cooperation": ["mbc"]]
        let districtKind = text.replacingOccurrences(of: "role: local_authority, responsible_authority: true}\n  - {id: police",
                                                     with: "role: local_authority, kind: district_council, responsible_authority: true}\n  - {id: police")
        #expect(districtKind != text)
        #expect(try owners(districtKind) == district)
        let countyKind = text.replacingOccurrences(of: "Kent County Council, role: local_authority,",
                                                   with: "Kent County Council, role: local_authority, kind: county_council,")
        #expect(countyKind != text)
        #expect(try owners(countyKind) == district)
    }

    /// A partnership covering two districts (North Devon and Torridge) lists both district councils
    /// and the county council. Each district council is a relevant body for ASB case reviews and a
    /// tier-two authority under Part 4, not only the one listed first; an order made by Torridge is
    /// Torridge's to extend or vary (ss59-60), so its findings go to Torridge.
    @Test func everyDistrictCouncilOfACombinedPartnershipOwnsItsDuties() throws {
        let rules = try ShippedPackTests.loadRules()
        let text = """
            dutycheck: 1
            partnership: {name: North Devon and Torridge CSP, nation: england, area_type: district, tier_one_authority: Devon County Council}
            partners:
              - {id: ndc, name: North Devon Council, role: local_authority, kind: district_council, responsible_authority: true}
              - {id: tdc, name: Torridge District Council, role: local_authority, kind: district_council, responsible_authority: true}
              - {id: dcc, name: Devon County Council, role: local_authority, kind: county_council, responsible_authority: true}
              - {id: police, name: Devon and Cornwall Police, role: police, kind: chief_officer_of_police, responsible_authority: true}
            asb_case_reviews:
              procedures: {published: 2023-01-10, point_of_contact: asb@example.org}
            pspos:
              - id: bideford-quay
                council: tdc
                periods:
                  - {start: 2022-06-01, end: 2025-05-31, decided: 2022-05-10}

            """
        let result = try ShippedPackTests.evaluate(text, file: "combined.yaml", asOf: "2025-03-01", rules: rules)
        func owners(_ rule: String) throws -> [String] {
            try #require(result.findings.first { $0.rule == rule }, "\(rule)").owners
        }
        #expect(try owners("asb-case-review-procedures") == ["ndc", "tdc", "police"])
        #expect(try owners("da-tier-two-cooperation") == ["ndc", "tdc"])
        // Both owe it, and the finding says so rather than speaking of "the council".
        #expect(result.findings.first { $0.rule == "da-tier-two-cooperation" }?.message
                == "Each district council the partnership covers is a tier-two authority, which co-operates when asked: "
                + "the Part 4 duties belong to Devon County Council.")
        for rule in ["pspo-expiry", "pspo-period-length", "pspo-extension-in-time"] {
            #expect(try owners(rule) == ["tdc"], "\(rule)")
        }
        // An order naming no partner (a mistyped id) goes to the partnership's council, not to the
        // id as written: that would be an owner no one can be sent (pspo-council-named flags it).
        let mistyped = try ShippedPackTests.evaluate(text.replacingOccurrences(of: "council: tdc", with: "council: torridge"),
                                                     file: "combined.yaml", asOf: "2025-03-01", rules: rules)
        for rule in ["pspo-expiry", "pspo-period-length", "pspo-extension-in-time"] {
            #expect(mistyped.findings.first { $0.rule == rule }?.owners == ["ndc"], "\(rule)")
        }
    }

    /// With one council, reviews recorded for other councils (the county's, or a mistyped id) do not
    /// count for its committee; the finding says so rather than that no review is recorded at all.
    @Test func reviewsForOtherCouncilsAreNamedWhenNoneCounts() throws {
        let rules = try ShippedPackTests.loadRules()
        let text = """
            dutycheck: 1
            partnership: {name: Test CSP, nation: england, area_type: district}
            partners:
              - {id: mbc, name: Maidstone Borough Council, role: local_authority, kind: district_council, responsible_authority: true}
              - {id: kcc, name: Kent County Council, role: local_authority, kind: county_council, responsible_authority: true}
            scrutiny_reviews:
              - {date: 2024-01-10, committee: Overview, council: maidstone}
              - {date: 2024-02-10, committee: County scrutiny, council: kcc}

            """
        let result = try ShippedPackTests.evaluate(text, file: "scrutiny.yaml", asOf: "2024-04-02", rules: rules)
        let finding = try #require(result.findings.first { $0.rule == "scrutiny-annual-review" })
        #expect(finding.status == .missing)
        #expect(finding.message == "No review of the partnership by the council's crime and disorder committee is recorded "
            + "(scrutiny_reviews). Reviews recorded for other councils do not count for it: maidstone, kcc.")
    }

    /// record-quality's `pspo-council-named` writes out again which councils can make orders and who
    /// gets an order's findings otherwise; the anti-social-behaviour pack decides the owners. For
    /// every order naming a council, in a one-district, a combined and a unitary partnership, the
    /// check is met exactly when the order's own council owns its findings, and otherwise names the
    /// body that does.
    @Test(arguments: [
        ("district", "  - {id: sdc, name: Sevenoaks District Council, role: local_authority, kind: district_council}\n"
            + "  - {id: kcc, name: Kent County Council, role: local_authority, kind: county_council}\n",
         ["sdc", "kcc", "police", "typo"]),
        ("district", "  - {id: ndc, name: North Devon Council, role: local_authority, kind: district_council}\n"
            + "  - {id: tdc, name: Torridge District Council, role: local_authority, kind: district_council}\n"
            + "  - {id: dcc, name: Devon County Council, role: local_authority, kind: county_council}\n",
         ["ndc", "tdc", "dcc", "police"]),
        ("unitary", "  - {id: ucc, name: Leicester City Council, role: local_authority, kind: unitary_council}\n",
         ["ucc", "police", "typo"]),
        ("county", "  - {id: cc, name: Cornwall Council, role: local_authority, kind: county_council}\n", ["cc", "police"]),
        // No kinds: the district council cannot be told from the county's, so either may have made
        // an order, and one naming no council goes to every council.
        ("district", "  - {id: sdc, name: Sevenoaks District Council, role: local_authority}\n"
            + "  - {id: kcc, name: Kent County Council, role: local_authority}\n", ["sdc", "kcc", "police"]),
    ] as [(String, String, [String])])
    func theRecordCheckAgreesWithTheOrdersOwners(areaType: String, councils: String, named: [String]) throws {
        let rules = try ShippedPackTests.loadRules()
        var text = "dutycheck: 1\npartnership: {name: Test CSP, nation: england, area_type: \(areaType)}\npartners:\n" + councils
            + "  - {id: police, name: Test Police, role: police, kind: chief_officer_of_police}\npspos:\n"
        for (index, council) in named.enumerated() {
            text += "  - {id: order-\(index), title: Order \(index), council: \(council), periods: [{start: 2024-01-01, end: 2026-12-31, decided: 2023-12-01}]}\n"
        }
        let result = try ShippedPackTests.evaluate(text, file: "orders.yaml", asOf: "2025-03-01", rules: rules)
        // Each partner line reads `{id: X, name: Y, ...}`.
        var partnerNames: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("  - {id: ") && line.contains(", name: ") {
            let fields = line.dropFirst("  - {id: ".count).components(separatedBy: ", ")
            partnerNames[fields[0]] = fields[1].replacingOccurrences(of: "name: ", with: "")
        }
        for (index, council) in named.enumerated() {
            let check = try #require(result.findings.first { $0.rule == "pspo-council-named" && $0.subject == "order-\(index)" })
            let owners = try #require(result.findings.first { $0.rule == "pspo-expiry" && $0.subject == "order-\(index)" }).owners
            #expect((check.status == .met) == (owners == [council]), "\(council): \(check.status), owners \(owners)")
            if check.status != .met {
                let owner = try #require(owners.count == 1 ? owners.first : nil, "\(council): owners \(owners)")
                // A role names every partner holding it; otherwise the owner is a partner, named.
                let name = owner == "local_authority" ? "every council on the partnership" : try #require(partnerNames[owner])
                #expect(check.message.contains("findings to") && check.message.contains(name), "\(council): \(check.message)")
            }
        }
    }
}
