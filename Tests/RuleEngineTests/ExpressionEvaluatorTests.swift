import Testing
import YAMLTree
@testable import RuleEngine

/// A small partnership record. Layout (line numbers) follows `TestYAML`: for example
/// `plans[1].period.end` ("TBC") is at 28:12 and `meetings[1].date` ("31/03/2024") at 43:11.
let sampleRecord: TestYAML = [
    "partnership": ["name": "Safer Bromley Partnership", "nation": "england", "area-code": "E09000006", "empty": [:]],
    "partners": [
        ["id": "lbb", "name": "London Borough of Bromley", "role": "local_authority"],
        ["id": "met-police", "name": "Metropolitan Police", "role": "police"],
        ["id": "lfb", "role": "fire_and_rescue"],
    ],
    "plans": [
        ["title": "Strategy 2021-24", "status": "published", "period": ["start": "2021-04-01", "end": "2024-03-31"],
         "covers": ["crime_and_disorder", "reoffending"]],
        ["title": "Strategy 2024-27", "status": "draft", "period": ["start": "2024-04-01", "end": "TBC"],
         "approvals": ["due": "2024-03-31", "by": [["partner": "lbb", "approved": "2024-03-20"],
                                                  ["partner": "met-police", "approved": nil], ["partner": "lfb"]]],
         "covers": ["serious_violence", "domestic_abuse"]],
    ],
    "meetings": [["date": "2024-02-29", "body": "board"], ["date": "31/03/2024", "body": "board"], ["date": nil]],
    "reviews": [],
    "notes": "",
    "count": 3,
    "ratio": 2.5,
    "flag": true,
]

/// 1.7e308 written out, as the language writes decimals: twice it is past the largest double.
private let big = "17" + String(repeating: "0", count: 307) + ".0"

/// Everything one evaluation needs, with the sample record by default.
struct Harness {
    var record: TestYAML = sampleRecord
    var today = "2024-04-02"
    var lets: [String: String] = [:]
    var variables: [String: Value] = [:]
    let evidence = EvidenceLog()

    func scope() throws -> EvaluationScope {
        var definitions: [String: Expression] = [:]
        for (name, source) in lets {
            definitions[name] = try Expression.parse(source, at: expressionStart, file: "t.yaml")
        }
        return EvaluationScope(root: record.value, today: try day(today), lets: LetTable(definitions: definitions),
                               variables: variables, evidence: evidence)
    }

    func evaluate(_ source: String) throws -> Value {
        try Expression.parse(source, at: expressionStart, file: "t.yaml").evaluate(in: try scope())
    }

    /// The evaluation error `source` throws, or nil.
    func error(_ source: String) throws -> EvaluationError? {
        let expression = try Expression.parse(source, at: expressionStart, file: "t.yaml")
        let scope = try scope()
        do {
            _ = try expression.evaluate(in: scope)
            return nil
        } catch {
            return error
        }
    }

    func show(_ source: String) throws -> String { try evaluate(source).shown }

    var evidencePaths: [String] { evidence.origins.map(\.path) }
}

extension Value {
    /// A compact, unambiguous rendering for assertions: `null`, `"text"`, `2024-01-31`, `<30 days>`,
    /// `[1, 2]`, and a mapping as `{its path}`.
    var shown: String {
        switch kind {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .int(let number): "\(number)"
        case .double(let number): "\(number)"
        case .string(let text): "\"\(text)\""
        case .date(let date): date.iso
        case .duration(let duration): "<\(duration)>"
        case .list(let items): "[" + items.map(\.shown).joined(separator: ", ") + "]"
        case .map: "{\(origin?.path ?? "")}"
        }
    }
}

@Suite struct ExpressionEvaluatorTests {
    let harness = Harness()

    @Test(arguments: [
        ("1 + 2", "3"), ("1 + 2.5", "3.5"), ("10 - 2 - 3", "5"), ("-3 + 1", "-2"), ("-(1 + 2)", "-3"), ("2.5 - 1", "1.5"),
        ("\"ab\" + \"cd\"", "\"abcd\""), ("2024-01-31 + 1 month", "2024-02-29"), ("2023-01-31 + 1 month", "2023-02-28"),
        ("2024-02-29 + 12 months", "2025-02-28"), ("2024-03-31 - 1 month", "2024-02-29"), ("1 year + 2024-02-29", "2025-02-28"),
        ("2024-01-01 + 2 weeks", "2024-01-15"), ("2024-12-31 + 1 day", "2025-01-01"), ("today", "2024-04-02"),
        ("today - 30 days", "2024-03-03"), ("today + -1 month", "2024-03-02"), ("-30 days", "<-30 days>"), ("-(1 month + 2 days)", "<-1 month and -2 days>"),
        // Months first, as Rules/README says.
        ("2024-01-30 + (1 month + 1 day)", "2024-03-01"), ("2024-01-30 + 1 day + 1 month", "2024-02-29"), ("30 days + 1 month", "<1 month and 30 days>"), ("3 years - 1 year", "<2 years>"),
        ("true", "true"), ("null", "null"), ("'single'", "\"single\""), ("[1, \"a\", null]", "[1, \"a\", null]"),
        ("[1, 2][1]", "2"), ("[1, 2][-1]", "2"), ("[1, 2][5]", "null"),
    ])
    func literalsAndArithmetic(source: String, expected: String) throws {
        #expect(try harness.show(source) == expected)
    }

    // MARK: - Null

    @Test(arguments: [
        ("missing == 1", "null"), ("missing != 1", "null"), ("missing == null", "null"), ("null == null", "null"),
        ("null != null", "null"), ("1 == missing", "null"), ("missing < 1", "null"), ("missing <= today", "null"),
        ("today > missing", "null"), ("missing >= 1", "null"), ("missing in [1]", "null"), ("1 in missing", "null"),
        ("missing not in [1]", "null"), ("missing + 1", "null"), ("1 - missing", "null"), ("missing - 30 days", "null"),
        ("today + missing", "null"), ("-missing", "null"), ("not missing", "null"), ("missing and true", "null"),
        ("missing and false", "false"), ("false and missing", "false"), ("true and missing", "null"),
        ("missing and missing", "null"), ("missing or true", "true"), ("true or missing", "true"),
        ("missing or false", "null"), ("false or missing", "null"), ("missing ?? 3", "3"), ("missing ?? other ?? 4", "4"),
        ("false ?? 3", "false"), ("\"\" ?? 3", "\"\""), ("notes ?? 3", "\"\""), ("[] ?? 3", "[]"), ("missing ?? null", "null"),
        ("exists(missing)", "false"), ("count(missing)", "null"), ("first(missing)", "null"), ("last(missing)", "null"),
        ("contains(missing, 1)", "null"), ("contains([1], missing)", "null"), ("latest(missing)", "null"),
        ("earliest(missing, null)", "null"), ("days_between(missing, today)", "null"), ("days_between(today, missing)", "null"),
        ("end_of_month(missing)", "null"), ("missing.a.b", "null"), ("missing[0]", "null"), ("missing[*].a", "null"),
        ("missing[? a]", "null"), ("partnership.area", "null"), ("(missing == 1) == true", "null"),
        ("(status ?? \"none\") != \"draft\"", "true"), ("meetings[2].date", "null"), ("meetings[2].date.year", "null"),
        ("not (missing == 1)", "null"), ("missing == missing", "null"),
    ])
    func nullIsNotRecorded(source: String, expected: String) throws {
        #expect(try harness.show(source) == expected)
    }

    @Test func nullResultsKeepTheOriginOfWhatWasNotRecorded() throws {
        let area = try harness.evaluate("partnership.area < today")
        #expect(area.isNull)
        #expect(area.origin == Origin(path: "partnership.area", location: Location(line: 2, column: 3)))
        #expect(try harness.evaluate("missing + 1").origin?.path == "missing")
        #expect(try harness.evaluate("missing.a.b").origin == Origin(path: "missing.a.b", location: Location(line: 1, column: 1)))
        #expect(try harness.evaluate("meetings[2].date.year").origin == Origin(path: "meetings[2].date.year", location: Location(line: 45, column: 11)))
        #expect(try harness.evaluate("plans[7].title").origin == Origin(path: "plans[7].title", location: Location(line: 16, column: 3)))
        #expect(try harness.evaluate("true and plans[0].approved").origin?.path == "plans[0].approved")
        #expect(try harness.evaluate("null == 1").origin == nil)
    }

    @Test func andOrShortCircuit() throws {
        #expect(try harness.show("false and (1 < \"a\")") == "false")
        #expect(try harness.show("true or (1 < \"a\")") == "true")
        #expect(try harness.error("missing ?? (1 < \"a\")") != nil)
        #expect(try harness.show("1 ?? (1 < \"a\")") == "1")
        #expect(try harness.error("missing and (1 < \"a\")") != nil)
        #expect(try harness.error("missing or (1 < \"a\")") != nil)
    }

    @Test(arguments: [
        ("1 and true", "`1` is the number 1, not a boolean (true or false)"),
        ("true and 'yes'", "`'yes'` is the string \"yes\", not a boolean (true or false)"),
        ("\"yes\" or false", "`\"yes\"` is the string \"yes\", not a boolean (true or false)"),
        ("not 3", "`3` is the number 3, not a boolean (true or false)"),
        ("not partnership.name", "partnership.name is the string \"Safer Bromley Partnership\", not a boolean (true or false)"),
        ("count and true", "count is the number 3, not a boolean (true or false)"),
        ("-\"a\"", "`\"a\"` is the string \"a\", not a number or a duration"),
    ])
    func logicOnNonBooleansIsATypeError(source: String, message: String) throws {
        #expect(try harness.error(source)?.message == message)
    }

    // MARK: - Types

    @Test(arguments: [
        ("1 == \"1\"", "false"), ("1 != \"1\"", "true"), ("1 == 1.0", "true"), ("1 < 1.5", "true"), ("2.5 >= 2", "true"),
        ("ratio > count", "false"), ("\"2024-01-01\" == 2024-01-01", "false"), ("true == 1", "false"),
        ("[1, 2] == [1, 2]", "true"), ("[1, 2] == [2, 1]", "false"), ("[1, [null]] == [1.0, [null]]", "true"),
        ("30 days == 1 month", "false"), ("2 weeks == 14 days", "true"), ("1 year == 12 months", "true"),
        ("\"a\" < \"b\"", "true"), ("\"B\" < \"a\"", "true"), ("2024-01-31 < 2024-02-01", "true"), ("today <= today", "true"),
        ("30 days < 31 days", "true"), ("1 month < 2 years", "true"), ("plans[0] == plans[0]", "true"),
        ("plans[0] == plans[1]", "false"), ("partnership == 'x'", "false"), ("plans[0].period.start == 2021-04-01", "true"),
        ("1 in [1, 2]", "true"), ("3 in [1, 2]", "false"), ("1.0 in [1, 2]", "true"), ("\"1\" in [1, 2]", "false"),
        ("\"a\" in \"cat\"", "true"), ("\"\" in \"cat\"", "true"), ("\"dog\" in \"cat\"", "false"), ("\"name\" in partnership", "true"),
        ("\"area\" in partnership", "false"), ("\"area\" not in partnership", "true"), ("\"x\" not in [\"x\"]", "false"),
        ("\"domestic_abuse\" in plans[1].covers", "true"), ("contains(plans[1].covers, \"reoffending\")", "false"),
        ("contains(partnership.name, \"Bromley\")", "true"), ("contains(partnership, \"nation\")", "true"),
        ("null in [null]", "null"),
        // Exactly, past 2^53 where a decimal cannot hold every whole number: 2^53 + 1 is not 2^53.
        ("9007199254740993 == 9007199254740992.0", "false"), ("9007199254740993 > 9007199254740992.0", "true"),
        ("9007199254740992.0 < 9007199254740993", "true"), ("9007199254740992 == 9007199254740992.0", "true"),
        ("9223372036854775807 < 9223372036854775808.0", "true"), ("-9223372036854775807 > -9223372036854775808.0", "true"),
        ("-2 > -2.5", "true"), ("-3 < -2.5", "true"), ("2 < 2.5", "true"), ("-2.0 == -2", "true"),
        ("9007199254740993 in [9007199254740992.0]", "false"),
    ])
    func comparisonsAndMembership(source: String, expected: String) throws {
        #expect(try harness.show(source) == expected)
    }

    @Test(arguments: [
        ("\"b\" < 1", "`\"b\"` is the string \"b\", not a number"),
        ("1 < \"b\"", "`\"b\"` is the string \"b\", not a number"),
        ("true < false", "`true` is the boolean true, not a number, a date, a string or a duration"),
        ("[1] < [2]", "`[1]` is a list of 1 item, not a number, a date, a string or a duration"),
        ("30 days < 1 month", "30 days and 1 month cannot be ordered: a month has no fixed number of days"),
        ("1 in 2", "`2` is the number 2, not a list, a string or a mapping"),
        ("1 in \"abc\"", "`1` is the number 1, not a string (to look for in the string \"abc\")"),
        ("1 in partnership", "`1` is the number 1, not a string (a key of the mapping partnership)"),
        ("today + 1", "`1` is the number 1, not a duration"),
        ("1 + today", "`1` is the number 1, not a duration"),
        ("today - 1", "`1` is the number 1, not a duration"),
        ("\"a\" + 1", "`\"a\"` is the string \"a\", not a number"),
        ("today - 2024-01-01", "one date cannot be subtracted from another; write days_between(2024-01-01, today) for the days between them"),
        ("notes + 1", "notes is the string \"\", not a number"),
        ("partnership + 1", "partnership is a mapping, not a number"),
        ("9223372036854775807 + 1", "`9223372036854775807 + 1` is too large a number"),
        ("-9223372036854775807 - 2", "`-9223372036854775807 - 2` is too large a number"),
        // Decimals too: finite operands that give an infinite result would compare and print as `inf`.
        (big + " + " + big, "`\(big) + \(big)` is too large a number"),
        ("0 - " + big + " - " + big, "`0 - \(big) - \(big)` is too large a number"),
        ("1 + " + big + " + " + big, "`1 + \(big) + \(big)` is too large a number"),
        // Dates past the years there are: an error, not a date clamped to 31 December 9999.
        ("9999-12-31 + 1 day", "`9999-12-31 + 1 day` falls outside the years 1 to 9999 that dates can have"),
        // The longest duration a pack may write, from the second day there is (a longer one is refused when it loads).
        ("0001-01-02 + 3652058 days", "`0001-01-02 + 3652058 days` falls outside the years 1 to 9999 that dates can have"),
        ("2 years + 9999-06-01", "`2 years + 9999-06-01` falls outside the years 1 to 9999 that dates can have"),
        ("0001-01-31 - 1 month", "`0001-01-31 - 1 month` falls outside the years 1 to 9999 that dates can have"),
    ])
    func typeErrors(source: String, message: String) throws {
        #expect(try harness.error(source)?.message == message)
    }

    @Test func wrongTypesInTheRecordPointAtTheValue() throws {
        let error = try #require(try harness.error("plans[1].period.end < today"))
        #expect(error.message == "plans[1].period.end is the string \"TBC\", not a date (dates are written YYYY-MM-DD)")
        #expect(error.origin == Origin(path: "plans[1].period.end", location: Location(line: 28, column: 12)))
        let reversed = try #require(try harness.error("today > plans[1].period.end"))
        #expect(reversed.origin?.path == "plans[1].period.end")
        let shifted = try #require(try harness.error("plans[1].period.end + 30 days"))
        #expect(shifted.message.hasPrefix("plans[1].period.end is the string \"TBC\", not a date"))
        let ukDate = try #require(try harness.error("meetings[1].date < today"))
        #expect(ukDate.message == "meetings[1].date is the string \"31/03/2024\", not a date (dates are written YYYY-MM-DD: 2024-03-31)")
        #expect(ukDate.origin == Origin(path: "meetings[1].date", location: Location(line: 43, column: 11)))
    }

    @Test func aDotOnAListIsATypeError() throws {
        let error = try #require(try harness.error("plans.status"))
        #expect(error.message == "plans is a list of 2 items, not a mapping; write plans[*].status for every element, or first(plans).status for the first")
        #expect(error.origin == Origin(path: "plans", location: Location(line: 16, column: 3)))
        let odd = try #require(try harness.error("plans[\"odd key\"]"))
        #expect(odd.message.contains("plans[*][\"odd key\"]"))
    }

    @Test(arguments: [
        ("partnership.name.first", "partnership.name is the string \"Safer Bromley Partnership\", not a mapping", "partnership.name"),
        ("partnership.name[0]", "partnership.name is the string \"Safer Bromley Partnership\", not a list", "partnership.name"),
        ("partnership[0]", "partnership is a mapping, not a list", "partnership"),
        ("partnership[*]", "partnership is a mapping, not a list", "partnership"),
        ("count[? true]", "count is the number 3, not a list", "count"),
        ("flag.x", "flag is the boolean true, not a mapping", "flag"),
        ("(1 + 1).x", "`(1 + 1).x` is the number 2, not a mapping", nil),
        ("plans[? status == \"draft\"][0]", "plans[1] is a mapping, not a list", "plans[1]"),
    ])
    func stepsOnTheWrongKindOfValue(source: String, message: String, originPath: String?) throws {
        let error = try #require(try harness.error(source))
        #expect(error.message == message)
        #expect(error.origin?.path == originPath)
    }

    // MARK: - Paths, projections and filters

    @Test(arguments: [
        ("partnership.nation", "\"england\""), ("partnership[\"area-code\"]", "\"E09000006\""), ("$.partnership.nation", "\"england\""),
        ("$[\"partnership\"].name", "\"Safer Bromley Partnership\""), ("plans[0].title", "\"Strategy 2021-24\""),
        ("plans[-1].title", "\"Strategy 2024-27\""), ("plans[-3]", "null"), ("partners[1]", "{partners[1]}"),
        ("plans[*].period.end", "[2024-03-31, \"TBC\"]"), ("plans[*].approvals.due", "[2024-03-31]"),
        ("plans[*].approvals.by[*].partner", "[\"lbb\", \"met-police\", \"lfb\"]"),
        ("plans[*].approvals.by[*].approved", "[2024-03-20]"), ("meetings[*].date", "[2024-02-29, \"31/03/2024\"]"),
        ("plans[*].covers", "[[\"crime_and_disorder\", \"reoffending\"], [\"serious_violence\", \"domestic_abuse\"]]"),
        ("plans[*].covers[0]", "[\"crime_and_disorder\", \"serious_violence\"]"),
        ("plans[*].covers[*]", "[\"crime_and_disorder\", \"reoffending\", \"serious_violence\", \"domestic_abuse\"]"),
        ("plans[? status != \"draft\"].title", "[\"Strategy 2021-24\"]"), ("count(plans[? status == \"agreed\"])", "0"),
        ("plans[? exists(approvals)].approvals.by[? approved == null].partner", "[]"),
        ("plans[? exists(approvals)].approvals.by[? not exists(approved)].partner", "[\"met-police\", \"lfb\"]"),
        ("partners[? role == \"police\"].id", "[\"met-police\"]"),
        ("partners[? name == missing]", "[]"), ("reviews[*].date", "[]"), ("reviews[? true]", "[]"),
        ("plans[? period.start > today]", "[]"),
        ("first(plans[? period.start <= 2024-01-01]).title", "\"Strategy 2021-24\""),
        ("plans[1].covers[? @ == \"domestic_abuse\"]", "[\"domestic_abuse\"]"), ("[1, null, 2][*]", "[1, 2]"),
        ("[[1, 2], [3]][*][0]", "[1, 3]"), ("[[1, 2], [3]][*][*]", "[1, 2, 3]"), ("plans[0][\"period\"].end", "2024-03-31"),
        ("partners[? id == $.plans[1].approvals.by[2].partner].role", "[\"fire_and_rescue\"]"),
    ])
    func paths(source: String, expected: String) throws {
        #expect(try harness.show(source) == expected)
    }

    /// Record keys match path names as Swift strings: by canonical equivalence, so a key spelt
    /// with the Kelvin sign (U+212A, five bytes) is the name `Key` (three bytes), while ASCII keys
    /// that share a prefix with the name or have its length stay apart.
    @Test func recordKeysMatchNamesAsSwiftStrings() throws {
        var harness = Harness()
        harness.record = ["\u{212A}ey": 1, "K": 2, "Kex": 3, "Keys": 4, "caf\u{E9}": 5]
        #expect(try harness.show("Key") == "1")
        #expect(try harness.show("K") == "2")
        #expect(try harness.show("Kex") == "3")
        #expect(try harness.show("Keys") == "4")
        #expect(try harness.show("$[\"cafe\u{301}\"]") == "5")
        #expect(try harness.show("Ke") == "null")
    }

    @Test func filterConditionsMustBeBooleans() throws {
        let error = try #require(try harness.error("partners[? role]"))
        #expect(error.message == "partners[0].role is the string \"local_authority\", not a boolean (true or false)")
        #expect(error.origin?.path == "partners[0].role")
    }

    @Test func namesOutsideAFilterAreTheVariableThenALetThenARecordKey() throws {
        var harness = Harness()
        harness.lets = ["notes": "\"from the let\"", "partnership": "\"let beats record\""]
        harness.variables = ["notes": Value(.string("from the variable"))]
        #expect(try harness.show("notes") == "\"from the variable\"")
        #expect(try harness.show("partnership") == "\"let beats record\"")
        #expect(try harness.show("$.partnership.nation") == "\"england\"")
        #expect(try harness.show("count") == "3")
    }

    @Test func namesInsideAFilterAreTheItemKeyThenTheVariableThenALet() throws {
        var harness = Harness()
        harness.lets = ["wanted": "\"police\"", "role": "\"let role\""]
        harness.variables = ["item": try harness.evaluate("plans[1].approvals.by[2]"), "name": Value(.string("var name"))]
        // `role` is each partner's own key, not the let; `wanted` is the let.
        #expect(try harness.show("partners[? role == wanted].id") == "[\"met-police\"]")
        // The for_each variable, reached from inside the filter.
        #expect(try harness.show("partners[? id == item.partner].role") == "[\"fire_and_rescue\"]")
        // A key the item has wins over a variable of the same name; one it lacks falls through.
        #expect(try harness.show("partners[? name == \"var name\"].id") == "[\"lfb\"]")
        // `$` is the record root, whatever the item.
        #expect(try harness.show("partners[? $.partnership.nation == \"england\"].id") == "[\"lbb\", \"met-police\", \"lfb\"]")
    }

    @Test func aNameMissingFromEveryPlaceInsideAFilterIsNullForThatItem() throws {
        #expect(try harness.show("partners[? exists(deputy)].id") == "[]")
        #expect(try harness.show("partners[? not exists(name)].id") == "[\"lfb\"]")
    }

    @Test func namesInAFilterOverScalarsAreATypeError() throws {
        let error = try #require(try harness.error("plans[1].covers[? x == 1]"))
        #expect(error.message == "plans[1].covers[0] is the string \"serious_violence\", not a mapping")
    }

    @Test func letsValuesKeepTheirRecordPaths() throws {
        var harness = Harness()
        harness.lets = ["current_plan": "first(plans[? period.start <= today and today <= (period.end ?? 9999-12-31) and status != \"x\"])",
                        "draft": "first(plans[? status == \"draft\"])"]
        #expect(try harness.evaluate("draft.approvals.due").origin?.path == "plans[1].approvals.due")
        #expect(try harness.show("draft.approvals.due < today") == "true")
        #expect(try harness.error("current_plan.title")?.origin?.path == "plans[1].period.end")
    }

    // MARK: - Functions

    @Test(arguments: [
        ("exists(notes)", "false"), ("exists(reviews)", "false"), ("exists(partnership.empty)", "false"),
        ("exists(count)", "true"), ("exists(false)", "true"), ("exists(0)", "true"), ("exists(partnership)", "true"),
        ("exists(plans[0].title)", "true"), ("exists([null])", "true"), ("exists(meetings[2].date)", "false"),
        ("count(plans)", "2"), ("count(partnership)", "4"), ("count(reviews)", "0"), ("count(partnership.empty)", "0"),
        ("first(plans).title", "\"Strategy 2021-24\""), ("last(plans).title", "\"Strategy 2024-27\""), ("first(reviews)", "null"),
        ("last([])", "null"), ("first([null, 1])", "null"),
        ("latest(plans[*].period.start)", "2024-04-01"), ("earliest(plans[*].period.start)", "2021-04-01"),
        ("latest([null, 2024-01-01, null])", "2024-01-01"), ("latest([])", "null"), ("latest(reviews[*].date)", "null"),
        ("latest(2024-01-01, missing, 2023-01-01)", "2024-01-01"), ("earliest(2024-01-01, missing, 2023-01-01)", "2023-01-01"),
        ("latest(today)", "2024-04-02"),
        ("days_between(2023-12-31, 2024-01-01)", "1"), ("days_between(2024-01-01, 2023-01-01)", "-365"),
        ("days_between(plans[0].period.end, today)", "2"), ("days_between(2024-03-31, 2027-03-31)", "1095"),
        ("end_of_month(2024-02-03)", "2024-02-29"), ("end_of_month(2023-02-03)", "2023-02-28"),
        ("end_of_month(today) + 1 day", "2024-05-01"),
        ("duplicates(partners[*].id)", "[]"), ("duplicates(missing)", "null"), ("duplicates([])", "[]"),
        ("duplicates(['a', 'b', 'a', null, 'c', 'b', 'a', null])", "[\"a\", \"b\"]"),
        // Numbers too (an unquoted `id: 1`), equal as `==` has them: 1 and 1.0 repeat, 1 and "1" do not.
        ("duplicates([1, '1', 2, 1.0, 2.5, 2.5])", "[1.0, 2.5]"), ("duplicates([1, '1'])", "[]"),
        ("duplicates([9007199254740993, 9007199254740992.0])", "[]"),
        ("duplicates([9007199254740992, 9007199254740992.0])", "[9007199254740992.0]"),
        // Dates too, and a date is never its text: two periods of one order starting the same day.
        ("duplicates([2024-01-01, 2024-01-02, 2024-01-01, today, 2024-04-02])", "[2024-01-01, 2024-04-02]"),
        ("duplicates([2024-01-01, '2024-01-01'])", "[]"), ("duplicates(meetings[*].date)", "[]"),
        ("is_date(today)", "true"), ("is_date(plans[0].period.end)", "true"), ("is_date(plans[1].period.end)", "false"),
        ("is_date(missing)", "false"), ("is_date(count)", "false"), ("is_date('2024-01-01')", "false"),
        ("meetings[? not is_date(date) or date > 2024-03-01].body", "[\"board\"]"),
        ("count(meetings[? not is_date(date) or date > 2024-03-01])", "2"),
    ])
    func functions(source: String, expected: String) throws {
        #expect(try harness.show(source) == expected)
    }

    @Test(arguments: [
        ("latest(meetings[*].date)", "meetings[1].date is the string \"31/03/2024\", not a date (dates are written YYYY-MM-DD: 2024-03-31)", "meetings[1].date"),
        ("earliest([2024-01-01, 3])", "`[2024-01-01, 3]` is the number 3, not a date", nil),
        ("latest(partnership.name)", "partnership.name is the string \"Safer Bromley Partnership\", not a date (dates are written YYYY-MM-DD)", "partnership.name"),
        ("count(partnership.name)", "partnership.name is the string \"Safer Bromley Partnership\", not a list", "partnership.name"),
        ("first(partnership)", "partnership is a mapping, not a list", "partnership"),
        ("last(3)", "`3` is the number 3, not a list", nil),
        ("days_between(plans[1].period.end, today)", "plans[1].period.end is the string \"TBC\", not a date (dates are written YYYY-MM-DD)", "plans[1].period.end"),
        ("days_between(today, 'x')", "`'x'` is the string \"x\", not a date (dates are written YYYY-MM-DD)", nil),
        // A real day in quotes is text: the hint is to drop the quotes, not that the day is not real.
        ("days_between(today, \"2024-03-31\")",
         "`\"2024-03-31\"` is the string \"2024-03-31\", not a date (a date in an expression is written without quotes: 2024-03-31)", nil),
        ("end_of_month(' 2024-03-31')",
         "`' 2024-03-31'` is the string \" 2024-03-31\", not a date (a date in an expression is written without quotes: 2024-03-31)", nil),
        ("days_between(today, \"2024-02-30\")", "`\"2024-02-30\"` is the string \"2024-02-30\", not a date (2024-02-30 is not a real day)", nil),
        ("end_of_month(count)", "count is the number 3, not a date", "count"),
        ("contains(3, 1)", "`3` is the number 3, not a list, a string or a mapping", nil),
        ("duplicates(partnership.name)", "partnership.name is the string \"Safer Bromley Partnership\", not a list", "partnership.name"),
        ("duplicates(partners)", "partners[0] is a mapping, not a text, a number or a date", "partners[0]"),
        ("duplicates(['a', true])", "`['a', true]` is the boolean true, not a text, a number or a date", nil),
    ])
    func functionTypeErrors(source: String, message: String, originPath: String?) throws {
        let error = try #require(try harness.error(source))
        #expect(error.message == message)
        #expect(error.origin?.path == originPath)
    }

    /// Each repeated text is the element where the record repeats it, so a finding points there.
    @Test func duplicatesKeepTheRepeat() throws {
        var harness = Harness()
        harness.record = ["partners": [["id": "lbb"], ["id": "met-police"], ["id": "lbb"], ["id": "lbb"]]]
        let value = try harness.evaluate("duplicates(partners[*].id)")
        #expect(value.shown == "[\"lbb\"]")
        guard case .list(let items) = value.kind else { Issue.record("not a list: \(value.shown)"); return }
        #expect(items.map { $0.origin?.path } == ["partners[2].id"])
    }

    // MARK: - Evidence

    @Test func pathsLogWhatTheyRead() throws {
        let harness = Harness()
        _ = try harness.evaluate("plans[0].period.end < today and partnership.nation == \"england\"")
        #expect(harness.evidencePaths == ["plans[0].period.end", "partnership.nation"])
        #expect(harness.evidence.origins[0].location == Location(line: 20, column: 12))
    }

    @Test func missingKeysLogThePathTheyWouldHaveHad() throws {
        let harness = Harness()
        _ = try harness.evaluate("exists(plans[1].approvals.by[1].approved) or exists(partnership.area)")
        #expect(harness.evidence.origins == [
            Origin(path: "plans[1].approvals.by[1].approved", location: Location(line: 35, column: 21)),
            Origin(path: "partnership.area", location: Location(line: 2, column: 3)),
        ])
        let absent = Harness()
        _ = try absent.evaluate("exists(plans[1].approvals.by[2].approved)")
        #expect(absent.evidence.origins == [Origin(path: "plans[1].approvals.by[2].approved", location: Location(line: 36, column: 11))])
    }

    @Test func evidenceIsNotRepeated() throws {
        let harness = Harness()
        _ = try harness.evaluate("count == 3 and count > 1 and count < 5")
        #expect(harness.evidencePaths == ["count"])
    }

    @Test func computedValuesLogNothing() throws {
        let harness = Harness()
        _ = try harness.evaluate("today + 30 days > 2024-01-01 and [1, 2][0] == 1")
        #expect(harness.evidencePaths.isEmpty)
    }

    @Test func projectionsLogTheirElementsButNotTheirFilterReads() throws {
        let harness = Harness()
        _ = try harness.evaluate("plans[? status != \"draft\"].period.end")
        #expect(harness.evidencePaths == ["plans[0].period.end"])
    }

    @Test func emptyProjectionsLogTheCollection() throws {
        let harness = Harness()
        _ = try harness.evaluate("exists(reviews[*].date)")
        #expect(harness.evidence.origins == [Origin(path: "reviews", location: Location(line: 46, column: 10))])
    }

    @Test func projectionEvidenceIsCapped() throws {
        var harness = Harness()
        harness.record = ["items": TestYAML.list((0..<50).map { .map([("n", TestYAML(integerLiteral: $0)), ("id", TestYAML(stringLiteral: "x\($0)"))]) })]
        let value = try harness.evaluate("items[? n >= 0].id")
        #expect(value.asList?.count == 50)
        #expect(harness.evidencePaths == ["items[0].id", "items[1].id", "items[2].id", "items[3].id", "items[4].id"])
    }

    @Test func letsReadInsideFiltersStillCount() throws {
        var harness = Harness()
        harness.lets = ["wanted": "partnership.nation"]
        _ = try harness.evaluate("partners[? wanted == \"england\"].id")
        // What the filter kept, then what the let read (see `EvidenceLog`).
        #expect(harness.evidencePaths == ["partners[0].id", "partners[1].id", "partners[2].id", "partnership.nation"])
    }

    @Test func letsContributeTheirEvidenceOnce() throws {
        var harness = Harness()
        harness.lets = ["nation": "partnership.nation"]
        _ = try harness.evaluate("nation == \"england\" and nation != \"wales\"")
        #expect(harness.evidencePaths == ["partnership.nation"])
    }

    /// A finding's first evidence is its "Where": what the expression itself read comes before what
    /// its lets read, though the let was read first (a let choosing a plan reads every plan).
    @Test func theExpressionsOwnReadsComeBeforeItsLets() throws {
        var harness = Harness()
        harness.lets = ["nation": "partnership.nation"]
        _ = try harness.evaluate("nation == \"england\" and exists(partnership.name)")
        #expect(harness.evidencePaths == ["partnership.name", "partnership.nation"])
    }

    // MARK: - Robustness

    @Test func recordsThatAreNotMappingsAreATypeError() throws {
        var harness = Harness()
        harness.record = [1, 2]
        #expect(try harness.error("partnership")?.message == "the record is a list of 2 items, not a mapping")
        #expect(try harness.show("$[0]") == "1")
    }

    @Test func deepButAcceptedExpressionsEvaluate() throws {
        let chain = Array(repeating: "count", count: 100).joined(separator: " + ")
        #expect(try harness.show(chain) == "300")
        let nested = String(repeating: "(", count: 90) + "1" + String(repeating: ")", count: 90)
        #expect(try harness.show(nested) == "1")
    }

    @Test func aLetTableReusedForAnotherRecordReadsThatRecord() throws {
        let expression = try Expression.parse("partnership.nation", at: expressionStart, file: "t.yaml")
        let lets = LetTable(definitions: [:])
        for nation in ["wales", "england"] {
            let record: TestYAML = ["partnership": ["nation": TestYAML(stringLiteral: nation)]]
            let scope = EvaluationScope(root: record.value, today: try day("2024-01-01"), lets: lets)
            #expect(try expression.evaluate(in: scope).asString == nation)
        }
    }

    @Test func valuesHandedBackFindTheirPlaceInTheRecord() throws {
        var harness = Harness()
        let partner = try harness.evaluate("partners[1]")
        harness.variables = ["item": partner, "copy": Value(partner.kind)]
        #expect(try harness.evaluate("item.name").origin?.path == "partners[1].name")
        // A mapping value without an origin still reads, but its values have none either.
        let copied = try harness.evaluate("copy.name")
        #expect(copied.asString == "Metropolitan Police")
        #expect(copied.origin == nil)
    }

    @Test func oneParsedExpressionServesManyRecords() throws {
        let expression = try Expression.parse("partnership.nation == \"wales\"", at: expressionStart, file: "t.yaml")
        for nation in ["wales", "england", "wales"] {
            let record: TestYAML = ["partnership": ["nation": TestYAML(stringLiteral: nation)]]
            let scope = EvaluationScope(root: record.value, today: try day("2024-01-01"), lets: LetTable(definitions: [:]))
            #expect(try expression.evaluate(in: scope).asBool == (nation == "wales"))
        }
    }
}
