import Foundation
import RuleEngine
import Testing
import TestSupport

/// The shipped packs in Rules/: they load cleanly, their own tests pass, and every rule is
/// shown both passing and failing.
@Suite struct ShippedPackTests {
    /// A council's order and its ASB case review procedures, as the tests of which council owns
    /// those duties record them (YAML lines, at the indentation of a record's top-level keys).
    static let councilOrderAndProcedures = """
        pspos:
          - id: town-centre
            periods:
              - {start: 2021-06-01, end: 2024-05-31, decided: 2021-05-12}
        asb_case_reviews:
          procedures: {published: 2023-01-10, point_of_contact: asb@example.gov.uk}
        """

    static let packFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.path("Rules").path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "Rules/\($0)" }
    }()

    static func loadRules() throws -> RuleSet {
        try RuleSet.load(files: packFiles.map { ($0, try Fixtures.bytes($0)) })
    }

    @Test func thereAreShippedPacks() {
        #expect(Self.packFiles.count >= 7)
    }

    @Test(arguments: packFiles)
    func packLoadsWithoutDiagnostics(_ file: String) throws {
        let pack = try PackDecoder.decode(bytes: try Fixtures.bytes(file), file: file)
        #expect(!pack.rules.isEmpty)
        for rule in pack.rules {
            #expect(!rule.basis.isEmpty, "\(rule.id) cites nothing")
            #expect(rule.basis.allSatisfy { $0.url.hasPrefix("https://www.legislation.gov.uk/") || $0.url.hasPrefix("https://www.gov.uk/") },
                    "\(rule.id) cites a source outside legislation.gov.uk and gov.uk")
            #expect(rule.remedy != nil, "\(rule.id) has no remedy")
            #expect(rule.owner != nil, "\(rule.id) has no owner")
        }
    }

    @Test func everyRuleTestPassesAndEveryRuleIsCovered() throws {
        let rules = try Self.loadRules()
        let testFiles = ((try? FileManager.default.contentsOfDirectory(atPath: Fixtures.path("Rules/tests").path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "Rules/tests/\($0)" }
        let suites = try testFiles.map { try RuleTestSuite.decode(bytes: try Fixtures.bytes($0), file: $0, rules: rules) }
        let summary = RuleTestRunner(rules: rules).run(suites)
        #expect(summary.failures.map(\.description) == [])
        #expect(summary.passed == summary.expectations)
        #expect(summary.cases > 0)
    }

    /// A finding that is met (often because its deadline is not near yet) or does not apply must not
    /// read as if something were missing: `sv-strategy-published` once said "was published on not
    /// recorded" for every date before its deadline came near.
    @Test(arguments: ["2022-06-01", "2023-01-15", "2023-06-01", "2023-12-01", "2024-02-29", "2024-06-01",
                      "2025-01-01", "2026-06-01", "2027-06-01"])
    func metFindingsOnTheBromleyExampleNeverSayNotRecorded(_ date: String) throws {
        let rules = try Self.loadRules()
        let record = try RecordDecoder.decode(bytes: try Fixtures.bytes("Examples/bromley/record.yaml"),
                                              file: "Examples/bromley/record.yaml", rules: rules)
        let findings = RecordEvaluator(rules: rules).evaluate(record, asOf: try #require(CivilDate(iso: date))).findings
        let published = try #require(findings.first { $0.rule == "sv-strategy-published" })
        if published.status == .met && published.done == nil {
            #expect(published.message == "Safer Bromley Partnership Strategy 2024-27: publication date not yet recorded; due by 31 January 2024.")
        }
        for finding in findings where [.met, .notApplicable].contains(finding.status) {
            #expect(!finding.message.contains("not recorded"), "\(finding.rule) on \(date): \(finding.message)")
        }
    }

    @Test func unconfirmedRulesSaySoInTheirMessage() throws {
        let rules = try Self.loadRules()
        for pack in rules.packs {
            for rule in pack.rules where rule.confidence == .unconfirmed {
                let text = [rule.duty, rule.title].joined(separator: " ").lowercased()
                let templates: String = switch rule.message {
                case .single(let template): template.source
                case .perStatus(let templates): templates.values.map(\.source).joined(separator: " ")
                case nil: ""
                }
                #expect((text + " " + templates.lowercased()).contains("unconfirmed"),
                        "\(rule.id) is unconfirmed but neither its duty nor its message says so")
            }
        }
    }

    /// London boroughs' Part 4 duties sit with the Greater London Authority: never flag a missing
    /// Part 4 strategy for one.
    @Test func aLondonBoroughIsNeverFlaggedForAPartFourStrategy() throws {
        let rules = try Self.loadRules()
        let record = try RecordDecoder.decode(bytes: try Fixtures.bytes("Examples/bromley/record.yaml"),
                                              file: "Examples/bromley/record.yaml", rules: rules)
        for day in ["2022-01-05", "2024-02-29", "2026-11-26"] {
            let result = RecordEvaluator(rules: rules).evaluate(record, asOf: CivilDate(iso: day)!)
            let strategy = result.findings.filter { $0.rule.hasPrefix("da-strategy") || $0.rule == "da-needs-assessment" }
            #expect(!strategy.isEmpty)
            #expect(strategy.allSatisfy { $0.status == .notApplicable }, "as of \(day)")
        }
    }

    /// In a two-tier area the district council makes public spaces protection orders and is the
    /// relevant body for ASB case reviews, not the county; of the health partners only the health
    /// boards are relevant bodies, not an NHS trust.
    @Test func antiSocialBehaviourDutiesGoToTheDistrictPoliceAndHealthBoard() throws {
        let rules = try Self.loadRules()
        let text = """
            dutycheck: 1
            partnership: {name: Test CSP, nation: england, area_type: district}
            partners:
              - {id: county, name: Test County Council, role: local_authority, kind: county_council}
              - {id: district, name: Test District Council, role: local_authority, kind: district_council}
              - {id: police, name: Test Police, role: police, kind: chief_officer_of_police}
              - {id: icb, name: Test ICB, role: health, kind: integrated_care_board}
              - {id: trust, name: Test NHS Trust, role: health, kind: nhs_trust}
            \(Self.councilOrderAndProcedures)

            """
        let result = try Self.evaluate(text, file: "two-tier.yaml", asOf: "2024-03-01", rules: rules)
        func owners(_ rule: String) -> [[String]] { result.findings.filter { $0.rule == rule }.map(\.owners) }
        #expect(owners("pspo-expiry") == [["district"]])
        #expect(owners("pspo-period-length") == [["district"]])
        #expect(owners("asb-case-review-procedures") == [["district", "police", "icb"]])

        // Without kinds, the council that is not recorded as a county is still chosen, and the police and
        // health partners count by their roles.
        let unkinded = text
            .replacingOccurrences(of: ", kind: district_council", with: "")
            .replacingOccurrences(of: ", kind: chief_officer_of_police", with: "")
            .replacingOccurrences(of: ", kind: integrated_care_board", with: "")
        let plain = try Self.evaluate(unkinded, file: "unkinded.yaml", asOf: "2024-03-01", rules: rules)
        #expect(plain.findings.filter { $0.rule == "pspo-expiry" }.map(\.owners) == [["district"]])
        #expect(plain.findings.filter { $0.rule == "asb-case-review-procedures" }.map(\.owners) == [["district", "police", "icb"]])

        // A housing provider on the partnership is a relevant body only once co-opted (s105).
        let housing = text.replacingOccurrences(of: "\npspos:", with: "\n  - {id: homes, name: Test Homes, role: other, kind: social_housing_provider}\npspos:")
        #expect(housing != text)
        #expect(try Self.evaluate(housing, file: "housing.yaml", asOf: "2024-03-01", rules: rules).findings
            .filter { $0.rule == "asb-case-review-procedures" }.map(\.owners) == [["district", "police", "icb"]])
        let coOpted = housing.replacingOccurrences(of: "\n  procedures: {", with: "\n  co_opted: [homes]\n  procedures: {")
        #expect(try Self.evaluate(coOpted, file: "co-opted.yaml", asOf: "2024-03-01", rules: rules).findings
            .filter { $0.rule == "asb-case-review-procedures" }.map(\.owners) == [["district", "police", "icb", "homes"]])
    }

    /// Section 6 requires a substance misuse strategy everywhere, but only the English plan
    /// regulations put it in the partnership plan: a Welsh plan is not checked for it, and a
    /// partnership whose nation is unrecorded is checked as in England.
    @Test func substanceMisuseIsAPlanStrandOutsideWalesOnly() throws {
        let rules = try Self.loadRules()
        func substanceMisuse(nation: String) throws -> [Status] {
            let text = """
                dutycheck: 1
                partnership: {name: Test CSP\(nation)}
                plans:
                  - {title: Test Plan, period: {start: 2024-04-01, end: 2027-03-31}, status: agreed, covers: [crime_and_disorder]}

                """
            return try Self.evaluate(text, file: "strands.yaml", asOf: "2024-05-01", rules: rules).findings
                .filter { $0.rule == "cda-plan-covers-strands" && $0.subject == "substance_misuse" }.map(\.status)
        }
        #expect(try substanceMisuse(nation: ", nation: wales, area_type: welsh_principal") == [])
        #expect(try substanceMisuse(nation: ", nation: england, area_type: unitary") == [.missing])
        #expect(try substanceMisuse(nation: "") == [.missing])
    }

    /// The partnership's own council owns its scrutiny and its Part 4 duty to co-operate: in a
    /// district of a two-tier area the district council, wherever the county council is listed; in a
    /// county area the county council. In Wales the Part 4 rules say Part 4 is England's.
    @Test func thePartnershipsOwnCouncilOwnsItsDuties() throws {
        let rules = try Self.loadRules()
        func result(_ partnership: String) throws -> RecordResult {
            let text = """
                dutycheck: 1
                partnership: {name: Test CSP, \(partnership)}
                partners:
                  - {id: kcc, name: Kent County Council, role: local_authority, kind: county_council, responsible_authority: true}
                  - {id: mbc, name: Maidstone Borough Council, role: local_authority, kind: district_council, responsible_authority: true}

                """
            return try Self.evaluate(text, file: "councils.yaml", asOf: "2025-03-10", rules: rules)
        }
        func finding(_ rule: String, in result: RecordResult) throws -> Finding {
            try #require(result.findings.first { $0.rule == rule })
        }
        let district = try result("nation: england, area_type: district, tier_one_authority: Kent County Council")
        #expect(try finding("scrutiny-annual-review", in: district).owners == ["mbc"])
        #expect(try finding("da-tier-two-cooperation", in: district).owners == ["mbc"])
        #expect(try finding("da-needs-assessment", in: district).message
            == "Not a duty of this partnership's council: it belongs to the tier-one authority (Kent County Council).")
        let county = try result("nation: england, area_type: county")
        #expect(try finding("scrutiny-annual-review", in: county).owners == ["kcc"])
        #expect(try finding("da-needs-assessment", in: county).owners == ["kcc"])
        let wales = try result("nation: wales, area_type: welsh_principal")
        for rule in ["da-needs-assessment", "da-local-partnership-board", "da-strategy-first-published", "da-annual-report"] {
            let found = try finding(rule, in: wales)
            #expect(found.status == .notApplicable)
            #expect(found.message == "Not a duty of this partnership's council: Part 4 applies in England only, and this partnership is in Wales.", "\(rule)")
        }
    }

    /// A body of an abolished kind (a police authority) neither counts as a current responsible
    /// authority nor is named as one; with no plan at all, the strand rule says so plainly.
    @Test func responsibleAuthoritiesAndStrandsAreWordedAsTheyCount() throws {
        let rules = try Self.loadRules()
        let text = """
            dutycheck: 1
            partnership: {name: Test CSP, nation: england, area_type: unitary}
            partners:
              - {id: police, name: Test Police, role: police, kind: chief_officer_of_police, responsible_authority: true}
              - {id: old, name: Old Police Authority, role: police, kind: police_authority, responsible_authority: true}

            """
        let result = try Self.evaluate(text, file: "defunct.yaml", asOf: "2024-03-01", rules: rules)
        let police = try #require(result.findings.first { $0.rule == "cda-responsible-authorities" && $0.subject == "police" })
        #expect(police.status == .met)
        #expect(police.message == "A current responsible authority with the role \"police\" is listed: Test Police.")
        let strand = try #require(result.findings.first { $0.rule == "cda-plan-covers-strands" && $0.subject == "reoffending" })
        #expect(strand.status == .missing)
        #expect(strand.message.hasPrefix("Not recorded as covered by a plan (none is recorded): re-offending, which the plan's strategies must cover."))
    }

    /// The Serious Violence Duty falls on the specified authorities of Schedule 1: the responsible
    /// authorities and the youth offending team, which is not one of them; other partners are not.
    @Test func seriousViolenceOwnersIncludeTheYouthOffendingTeam() throws {
        let text = """
            dutycheck: 1
            partnership: {name: Test CSP, nation: england, area_type: unitary}
            partners:
              - {id: council, name: Test Council, role: local_authority, kind: unitary_council, responsible_authority: true}
              - {id: police, name: Test Police, role: police, kind: chief_officer_of_police, responsible_authority: true}
              - {id: yot, name: Test Youth Offending Team, role: other, kind: youth_offending_team}
              - {id: charity, name: Test Charity, role: other, kind: voluntary_organisation}

            """
        let result = try Self.evaluate(text, file: "sv.yaml", asOf: "2024-03-01", rules: try Self.loadRules())
        let owners = Set(result.findings.filter { $0.pack == "serious-violence-duty" && !$0.owners.isEmpty }.map(\.owners))
        #expect(owners == [["council", "police", "yot"]])
    }

    /// The PSPO period rules name their offending periods through a rule's let: each finding points
    /// first at the period at fault (its "Where:"), as the filter written in place would.
    @Test func pspoFindingsPointAtThePeriodAtFault() throws {
        let rules = try Self.loadRules()
        let text = """
            dutycheck: 1
            partnership: {name: Test CSP, nation: england, area_type: unitary}
            pspos:
              - id: park
                periods:
                  - {start: 2021-06-01, end: 2024-06-01, decided: 2021-05-12}
                  - {start: 2024-06-03, end: 2027-06-01, decided: 2024-05-20}

            """
        let result = try Self.evaluate(text, file: "p.yaml", asOf: "2024-07-01", rules: rules)
        func finding(_ rule: String) -> Finding? { result.findings.first { $0.rule == rule } }
        // The first period runs to its third anniversary (too long); the second starts two days after
        // it ends (a gap).
        #expect(finding("pspo-period-length")?.status == .missing)
        #expect(finding("pspo-period-length")?.evidence.first.map { ($0.path, $0.line) } ?? ("", 0) == ("pspos[0].periods[0]", 6))
        #expect(finding("pspo-period-length")?.message.hasSuffix("(see the periods starting 1 June 2021, and any with no start).") == true)
        #expect(finding("pspo-extension-in-time")?.status == .missing)
        #expect(finding("pspo-extension-in-time")?.evidence.first.map { ($0.path, $0.line) } ?? ("", 0) == ("pspos[0].periods[1]", 7))
        #expect(finding("pspo-extension-in-time")?.message.contains("see the periods starting 3 June 2024, and any with no start") == true)
    }

    /// Part 4 strategy reviews (SI 2021/990 reg 4(1)): only the three-year periods begun by the date
    /// checked are findings. Periods still to come were reported met, counted Green and given calendar
    /// events, which a rule test cannot show, as it cannot say a finding is absent.
    @Test func onlyStrategyReviewPeriodsBegunAreReported() throws {
        let rules = try Self.loadRules()
        let text = """
            dutycheck: 1
            partnership: {name: Test CSP, nation: england, area_type: unitary}
            partners:
              - {id: ucc, name: Test City Council, role: local_authority, kind: unitary_council, responsible_authority: true}
            domestic_abuse:
              strategy:
                first_published: 2021-12-20

            """
        func periods(asOf: String) throws -> [String] {
            try Self.evaluate(text, file: "da.yaml", asOf: asOf, rules: rules).findings
                .filter { $0.rule == "da-strategy-reviewed" }.map { "\($0.due?.iso ?? "-") \($0.status.rawValue)" }
        }
        #expect(try periods(asOf: "2025-07-15") == ["2024-12-19 overdue", "2027-12-19 met"])
        // The sixth period, past the five the rule once listed, is checked when it comes.
        #expect(try periods(asOf: "2037-01-01").suffix(2) == ["2036-12-19 overdue", "2039-12-19 met"])
        #expect(try periods(asOf: "2037-01-01").count == 6)
    }

    /// A record given as text, checked with `rules` as of `asOf`.
    static func evaluate(_ text: String, file: String, asOf: String, rules: RuleSet) throws -> RecordResult {
        let record = try RecordDecoder.decode(bytes: Array(text.utf8), file: file, rules: rules)
        return RecordEvaluator(rules: rules).evaluate(record, asOf: try #require(CivilDate(iso: asOf)))
    }
}

extension ShippedPackTests {
    /// The record-quality rules that recognise a nation and an area type list the values the record
    /// schema allows, written out again in the rules: every value the schema allows is recognised,
    /// and one it does not is not.
    @Test(arguments: [("nation", "partnership-nation-recognised"), ("area_type", "partnership-area-type-recognised")])
    func recognisedValuesAreTheSchemas(key: String, rule: String) throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(Fixtures.bytes("Examples/schema/record.schema.json"))) as? [String: Any])
        let partnership = try #require((schema["properties"] as? [String: Any])?["partnership"] as? [String: Any])
        let property = try #require((partnership["properties"] as? [String: Any])?[key] as? [String: Any])
        let allowed = try #require(property["enum"] as? [String])
        let rules = try Self.loadRules()
        for value in allowed + ["not_a_\(key)"] {
            let record = "dutycheck: 1\npartnership: {name: Test CSP, \(key): \(value)}\n"
            let decoded = try RecordDecoder.decode(bytes: Array(record.utf8), file: "record.yaml", rules: rules)
            let finding = try #require(RecordEvaluator(rules: rules).evaluate(decoded, asOf: CivilDate(iso: "2024-04-02")!)
                .findings.first { $0.rule == rule })
            #expect(finding.status == (allowed.contains(value) ? .met : .missing), "\(key): \(value)")
        }
    }
}
