import Testing
import YAMLTree
@testable import RuleEngine

/// Where test expressions start in their imaginary pack file.
let expressionStart = Location(line: 10, column: 5)

/// The diagnostic `source` fails to parse with, or nil when it parses.
func parseFailure(_ source: String, at start: Location = expressionStart) -> Diagnostic? {
    do {
        _ = try Expression.parse(source, at: start, file: "Rules/test.yaml")
        return nil
    } catch {
        return error
    }
}

@Suite struct ExpressionParserTests {
    @Test(arguments: [
        #"partnership.nation == "england""#,
        #"first(plans[? period.start <= today and today <= period.end and status != "draft"])"#,
        #"plans[? status != "draft"].period"#,
        #"(status ?? "none") != "draft""#,
        "plans[*].period.end", "plans[0]", "plans[-1].title", #"x["key-with-dash"]"#, "x['single']",
        "today + 30 days", "today - 2 weeks", "2024-01-31 + 1 month", "12 months", "3 years", "1 day",
        "exists(x) and not exists(y) or count(z) > 2", "a ?? b ?? c", "x in [1, 2.5, \"a\", null, true, false]",
        "x not in xs", "latest(a, b, c)", "earliest(reviews[*].completed)", "days_between(a, b) >= -3",
        "end_of_month(today)", "contains(covers, \"domestic_abuse\")", "covers[? @ == \"x\"]", "$.partnership.name",
        "plans[? $.partnership.nation == \"england\"]", "[]", "[1, 2,]", "first([1, 2])", "-count(xs)",
        "a.in.today.not", "a\n  and b", "  padded  ", "x[?y]", "1 == 1.0", "'it\\'s'", "\"tab\\tnew\\nline\\\\\"",
    ])
    func parses(source: String) throws {
        let expression = try Expression.parse(source, at: expressionStart, file: "Rules/test.yaml")
        #expect(expression.source == source)
        #expect(expression.location == expressionStart)
        #expect(expression.file == "Rules/test.yaml")
    }

    @Test(arguments: [
        ("2024-02-30", 0, "2024-02-30 is not a real day"),
        ("today < 2023-02-29", 8, "2023-02-29 is not a real day"),
        ("today < 2024-1-31", 8, "`2024-1-31` is not a date; write dates as YYYY-MM-DD"),
        ("plans[? status == ]", 18, "expected a value, found `]`"),
        ("frist(xs)", 0, "unknown function `frist`; did you mean `first`?"),
        ("count(xs) + wibble(1)", 12, "unknown function `wibble`"),
        ("exists(a, b)", 0, "`exists` takes 1 argument, not 2"),
        ("days_between(a)", 0, "`days_between` takes 2 arguments, not 1"),
        ("latest()", 0, "`latest` takes at least 1 argument, not 0"),
        ("a = b", 2, "`=` is not an operator; write `==` to compare"),
        ("a && b", 2, "`&` is not an operator; write `and`"),
        ("!a", 0, "`!` is not an operator; write `not`"),
        ("x == \"unterminated", 5, "this string has no closing \""),
        ("a < b < c", 6, "comparisons do not chain; join them with `and`"),
        ("a == b in c", 7, "comparisons do not chain"),
        ("30 fortnights", 3, "`fortnights` is not a duration unit; write days, weeks, months or years"),
        ("30days", 0, "`30days` runs a number into a word"),
        ("1e308 + 1", 0, "`1e308` writes a number with an exponent, which expressions do not have; write the number out in full"),
        ("x > 2.5E-3", 4, "`2.5E-3` writes a number with an exponent, which expressions do not have; write the number out in full"),
        ("1e+5", 0, "`1e+5` writes a number with an exponent"),
        ("2ex", 0, "`2ex` runs a number into a word"),
        ("1.5 days", 0, "a duration is a whole number of days"),
        ("@.x", 0, "`@` (the current item) can only be used inside a filter"),
        ("(a or b", 0, "this `(` is never closed"),
        ("exists(a", 6, "this `(` is never closed"),
        ("[1, 2", 0, "this `[` is never closed"),
        ("a[0", 1, "this `[` is never closed"),
        ("a b", 2, "expected an operator or the end of the expression, found `b`"),
        ("", 0, "the expression is empty"),
        ("   ", 0, "the expression is empty"),
        ("a.", 2, "expected a key after `.`"),
        ("a.\"b\"", 2, "expected a key after `.`"),
        ("a[x]", 2, "expected an index, a quoted key, `*` or `? condition` after `[`"),
        ("a +", 3, "the expression ends where a value was expected"),
        ("a and", 5, "the expression ends where a value was expected"),
        ("x == 'bad \\q'", 10, "unknown escape `\\q`"),
        ("a # b", 2, "unexpected character `#`"),
        ("a == {b}", 5, "unexpected character `{`"),
        ("and", 0, "expected a value, found `and`"),
        ("99999999999999999999", 0, "the number 99999999999999999999 is too large"),
        // A decimal that large reads as infinity: refused like the whole number, not printed as `inf`.
        ("a < " + String(repeating: "9", count: 400) + ".0", 4, "the number " + String(repeating: "9", count: 400) + ".0 is too large"),
        ("999999999999999999 years", 0, "the duration is too long"),
        // Past the calendar's span, as a pack's warn is: no date could have it added.
        ("x + 9999 years", 4, "the duration is too long: no two dates DutyCheck counts (years 1 to 9999) are that far apart"),
        ("a[-x]", 3, "expected an index after `-`"),
    ])
    func syntaxErrorsPointAtTheirColumn(source: String, offset: Int, message: String) throws {
        let diagnostic = try #require(parseFailure(source))
        #expect(diagnostic.file == "Rules/test.yaml")
        #expect(diagnostic.location == Location(line: 10, column: 5 + offset))
        #expect(diagnostic.message.hasPrefix(message), "\(diagnostic.message)")
    }

    @Test func columnsCountUnicodeScalars() throws {
        // "é" is one scalar, "😀" one scalar (two UTF-16 units, four UTF-8 bytes).
        let diagnostic = try #require(parseFailure("\"é😀\" == frist(x)"))
        #expect(diagnostic.location == Location(line: 10, column: 5 + 8))
        // A decomposed "é" is two scalars.
        let decomposed = try #require(parseFailure("\"e\u{301}\" == frist(x)"))
        #expect(decomposed.location == Location(line: 10, column: 5 + 8))
    }

    @Test(arguments: [
        ("a and\n  frist(b)", Location(line: 11, column: 3)),
        ("a and\r\n frist(b)", Location(line: 11, column: 2)),
        ("a\nand\nfrist(b)", Location(line: 12, column: 1)),
        ("a and\u{2028}frist(b)", Location(line: 11, column: 1)),
    ])
    func lineBreaksAdvanceTheLine(source: String, expected: Location) throws {
        let diagnostic = try #require(parseFailure(source))
        #expect(diagnostic.location == expected)
    }

    @Test func diagnosticsDescribeThemselvesLikeCompilers() throws {
        let diagnostic = try #require(parseFailure("exists(a, b)", at: Location(line: 3, column: 14)))
        #expect(diagnostic.description == "Rules/test.yaml:3:14: error: `exists` takes 1 argument, not 2")
    }

    @Test func unknownFunctionsListTheKnownOnesWhenNothingIsClose() throws {
        let diagnostic = try #require(parseFailure("teleport(x)"))
        #expect(diagnostic.message.contains("`days_between`"))
    }

    @Test(arguments: [
        (#"current_plan.period.end < today and exists(plans[? status == wanted])"#, ["current_plan", "plans", "status", "wanted"]),
        ("today + 30 days", []),
        ("$.a.b", []),
        ("first(xs).period ?? fallback", ["xs", "fallback"]),
        ("covers[? @ == x]", ["covers", "x"]),
        ("a.b.c[0][\"d\"]", ["a"]),
        ("count(a) + count(b) - c", ["a", "b", "c"]),
    ])
    func referencedNames(source: String, names: [String]) throws {
        let expression = try Expression.parse(source, at: expressionStart, file: "t.yaml")
        #expect(expression.referencedNames == Set(names))
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let parens = String(repeating: "(", count: 5_000) + "a" + String(repeating: ")", count: 5_000)
        let diagnostic = try #require(parseFailure(parens))
        #expect(diagnostic.message == "the expression is nested too deeply")
        let negations = String(repeating: "not ", count: 5_000) + "a"
        #expect(parseFailure(negations)?.message == "the expression is nested too deeply")
        let chain = Array(repeating: "a", count: 5_000).joined(separator: " or ")
        #expect(parseFailure(chain)?.message == "the expression is nested too deeply")
        let sum = Array(repeating: "1", count: 5_000).joined(separator: " + ")
        #expect(parseFailure(sum)?.message == "the expression is nested too deeply")
        let filters = String(repeating: "a[? ", count: 5_000)
        #expect(parseFailure(filters)?.message == "the expression is nested too deeply")
    }

    @Test func reasonablyLongExpressionsAreFine() {
        let chain = Array(repeating: "exists(a)", count: 60).joined(separator: " and ")
        #expect(parseFailure(chain) == nil)
    }
}
