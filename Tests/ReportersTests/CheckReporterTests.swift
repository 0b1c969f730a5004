import Reporters
import RuleEngine
import TestSupport
import Testing

/// Golden files for the `check` reporters, rendered from ``CheckFixture``.
@Suite("check reporters: golden files", .serialized)
struct CheckReporterGoldenTests {
    @Test("text, action statuses only")
    func text() {
        let output = TextReporter().render(CheckFixture.report)
        #expect(Golden.mismatch(output, golden: "Tests/ReportersTests/Golden/check.txt") == nil)
    }

    @Test("text with --all")
    func textAll() {
        let output = TextReporter(includeAll: true).render(CheckFixture.report)
        #expect(Golden.mismatch(output, golden: "Tests/ReportersTests/Golden/check.all.txt") == nil)
    }

    @Test("text in colour")
    func textColour() {
        let output = TextReporter(colour: true).render(CheckFixture.report)
        #expect(Golden.mismatch(output, golden: "Tests/ReportersTests/Golden/check.colour.txt") == nil)
    }

    @Test("JSON")
    func json() {
        let output = JSONReporter().render(CheckFixture.report)
        #expect(Golden.mismatch(output, golden: "Tests/ReportersTests/Golden/check.json") == nil)
    }

    @Test("JUnit, failing on error")
    func junit() {
        let output = JUnitReporter(failOn: .error).render(CheckFixture.report)
        #expect(Golden.mismatch(output, golden: "Tests/ReportersTests/Golden/check.junit.xml") == nil)
    }
}
