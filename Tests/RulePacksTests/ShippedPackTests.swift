import Foundation
import RuleEngine
import Testing
import TestSupport

/// The shipped packs in Rules/: they load cleanly, their own tests pass, and every rule is
/// shown both passing and failing.
@Suite struct ShippedPackTests {
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
}
