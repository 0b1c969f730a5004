import Foundation
@testable import RuleEngine
import Testing
import TestSupport

/// Filters that look their key up in an index (`KeyedFilter`) must give exactly what scanning
/// every element gives: the same findings, messages, owners and evidence, on every record the
/// shipped packs are tested with.
@Suite struct IndexedFilterAgreementTests {
    static func findings(_ record: Record, asOf: CivilDate, rules: RuleSet, indexed: Bool) -> [String] {
        RecordEvaluator(rules: rules, indexesFilters: indexed).evaluate(record, asOf: asOf).findings.map(FindingSummary.line)
    }

    @Test func everyRuleTestCaseGivesTheSameFindingsEitherWay() throws {
        let rules = try ShippedPackTests.loadRules()
        let testFiles = ((try? FileManager.default.contentsOfDirectory(atPath: Fixtures.path("Rules/tests").path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "Rules/tests/\($0)" }
        var compared = 0
        for file in testFiles {
            let suite = try RuleTestSuite.decode(bytes: try Fixtures.bytes(file), file: file, rules: rules)
            for testCase in suite.cases {
                let scanned = Self.findings(testCase.record, asOf: testCase.asOf, rules: rules, indexed: false)
                let indexed = Self.findings(testCase.record, asOf: testCase.asOf, rules: rules, indexed: true)
                #expect(indexed == scanned, "\(file): \(testCase.name)")
                compared += scanned.count
            }
        }
        #expect(compared > 500)
    }

    @Test(arguments: ["2022-01-05", "2024-03-01", "2024-04-02", "2026-11-26"])
    func theBromleyRecordGivesTheSameFindingsEitherWay(_ day: String) throws {
        let rules = try ShippedPackTests.loadRules()
        let record = try RecordDecoder.decode(bytes: try Fixtures.bytes("Examples/bromley/record.yaml"),
                                              file: "Examples/bromley/record.yaml", rules: rules)
        let asOf = try #require(CivilDate(iso: day))
        #expect(Self.findings(record, asOf: asOf, rules: rules, indexed: true)
                == Self.findings(record, asOf: asOf, rules: rules, indexed: false))
    }
}
