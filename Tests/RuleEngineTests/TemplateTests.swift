import Testing
import YAMLTree
@testable import RuleEngine

@Suite struct TemplateTests {
    func render(_ source: String, harness: Harness = Harness()) throws -> String {
        try Template.parse(source, at: expressionStart, file: "Rules/test.yaml").render(in: try harness.scope())
    }

    func failure(_ source: String, at start: Location = expressionStart) -> Diagnostic? {
        do {
            _ = try Template.parse(source, at: start, file: "Rules/test.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("Partner approvals were due by {plans[1].approvals.due}.", "Partner approvals were due by 31 March 2024."),
        ("Outstanding: {plans[1].approvals.by[? not exists(approved)].partner}", "Outstanding: met-police, lfb"),
        ("Area: {partnership.area}", "Area: not recorded"),
        ("Warn {30 days} or {1 month} or {3 years}", "Warn 30 days or 1 month or 3 years"),
        ("{count} plans, ratio {ratio}, {1 + 1.5}, {10 - 4}", "3 plans, ratio 2.5, 2.5, 6"),
        ("{0.000001}, {0 - 0.000001}, {1000000000000000000000.0}", "0.000001, -0.000001, 1000000000000000000000"),
        ("{flag}/{not flag}", "true/false"),
        ("{{literal}} braces and {count}", "{literal} braces and 3"),
        ("}} and {{", "} and {"),
        ("{{{count}}}", "{3}"),
        ("no holes at all", "no holes at all"),
        ("", ""),
        ("{\"}\" + \"{\"}", "}{"),
        ("{'it\\'s'}", "it's"),
        ("{partnership.name}: {days_between(plans[0].period.end, today)} days overdue", "Safer Bromley Partnership: 2 days overdue"),
        ("{today}", "2 April 2024"),
        ("{[]}|{reviews}", "none|none"),  // an empty list reads "none", so a sentence has no hole
        ("{plans[*].covers[*]}", "crime_and_disorder, reoffending, serious_violence, domestic_abuse"),
        ("é😀 {count}", "é😀 3"),
        ("line one\n{count}", "line one\n3"),
    ])
    func renders(source: String, expected: String) throws {
        #expect(try render(source) == expected)
    }

    @Test(arguments: [
        ("Due {", 4, "this `{` is never closed; write `{{` for a literal brace"),
        ("Due } now", 4, "a lone `}`; write `}}` for a literal brace"),
        ("Empty {} here", 6, "`{}` holds no expression; write `{{}}` for literal braces"),
        ("Empty {  } here", 6, "`{}` holds no expression"),
        ("Due {frist(xs)}", 5, "unknown function `frist`; did you mean `first`?"),
        ("a {b} c {d ==}", 13, "the expression ends where a value was expected"),
        ("x {\"unclosed}", 2, "this `{` is never closed"),
        ("é😀 {2024-02-30}", 4, "2024-02-30 is not a real day"),
    ])
    func errorsPointAtTheirColumn(source: String, offset: Int, message: String) throws {
        let diagnostic = try #require(failure(source))
        #expect(diagnostic.location == Location(line: 10, column: 5 + offset))
        #expect(diagnostic.message.hasPrefix(message), "\(diagnostic.message)")
        #expect(diagnostic.file == "Rules/test.yaml")
    }

    @Test func errorsOnLaterLinesCountLines() throws {
        let diagnostic = try #require(failure("First line {count}\n  then {frist(x)}"))
        #expect(diagnostic.location == Location(line: 11, column: 9))
        let lone = try #require(failure("a\nb\n }"))
        #expect(lone.location == Location(line: 12, column: 2))
    }

    @Test func typeErrorsSurfaceFromRendering() throws {
        let template = try Template.parse("Ends {plans[1].period.end + 1 day}", at: expressionStart, file: "t.yaml")
        let scope = try Harness().scope()
        do {
            _ = try template.render(in: scope)
            Issue.record("expected a type error")
        } catch {
            #expect(error.origin?.path == "plans[1].period.end")
        }
    }

    @Test func exposesItsExpressionsAndNames() throws {
        let template = try Template.parse("{a.b} and {first(c)} then {{d}} {today}", at: expressionStart, file: "t.yaml")
        #expect(template.expressions.map(\.source) == ["a.b", "first(c)", "today"])
        #expect(template.referencedNames == ["a", "c"])
        #expect(template.expressions[1].location == Location(line: 10, column: 5 + 11))
    }

    @Test func eachHoleIsLocatedOnFromTheOneBefore() throws {
        // CRLF counts as one break; a hole's place is found from the previous hole, not the start.
        let template = try Template.parse("{a}\r\n{b}\n  x {c} {d}", at: expressionStart, file: "t.yaml")
        #expect(template.expressions.map(\.location) == [
            Location(line: 10, column: 6), Location(line: 11, column: 2), Location(line: 12, column: 6), Location(line: 12, column: 10),
        ])
    }

    @Test func renderingLogsEvidence() throws {
        let harness = Harness()
        _ = try render("{partnership.name} ({partnership.area})", harness: harness)
        #expect(harness.evidencePaths == ["partnership.name", "partnership.area"])
    }
}
