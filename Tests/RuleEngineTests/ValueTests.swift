import Testing
import YAMLTree
@testable import RuleEngine

/// A position in a YAML file (Swift Testing has a `SourceLocation` of its own).
typealias Location = YAMLTree.SourceLocation

/// A record written as Swift literals, built into a `YAMLNode` tree laid out as block YAML would
/// be: each key on its own line, nested collections indented by two columns on the next line,
/// sequence items after `- `. Strings are plain scalars unless wrapped in `.quoted`.
indirect enum TestYAML: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    case map([(String, TestYAML)])
    case list([TestYAML])
    case scalar(ScalarValue, text: String, style: YAMLScalar.Style)

    init(stringLiteral value: String) { self = .scalar(.string(value), text: value, style: .plain) }
    init(integerLiteral value: Int) { self = .scalar(.int(value), text: String(value), style: .plain) }
    init(floatLiteral value: Double) { self = .scalar(.double(value), text: String(value), style: .plain) }
    init(booleanLiteral value: Bool) { self = .scalar(.bool(value), text: String(value), style: .plain) }
    init(nilLiteral: ()) { self = .scalar(.null, text: "~", style: .plain) }
    init(arrayLiteral elements: TestYAML...) { self = .list(elements) }
    init(dictionaryLiteral elements: (String, TestYAML)...) { self = .map(elements) }

    static func quoted(_ text: String) -> TestYAML { .scalar(.string(text), text: text, style: .doubleQuoted) }

    /// The tree, starting at line 1, column 1.
    var node: YAMLNode {
        var line = 1
        return build(line: &line, column: 1)
    }

    /// The record as the evaluator sees it.
    var value: RuleEngine.Value { RuleEngine.Value.fromRecord(node, path: "") }

    private func build(line: inout Int, column: Int) -> YAMLNode {
        let here = Location(line: line, column: column)
        switch self {
        case .scalar(let value, let text, let style):
            line += 1
            return YAMLNode(kind: .scalar(YAMLScalar(text: text, style: style, value: value)), location: here)
        case .map(let pairs):
            if pairs.isEmpty {
                line += 1
                return YAMLNode(kind: .mapping([]), location: here)
            }
            var entries: [YAMLEntry] = []
            for (key, value) in pairs {
                let keyNode = YAMLNode(kind: .scalar(YAMLScalar(text: key, style: .plain, value: .string(key))),
                                       location: Location(line: line, column: column))
                let child: YAMLNode
                if case .scalar = value {
                    child = value.build(line: &line, column: column + key.unicodeScalars.count + 2)
                } else if value.isEmptyCollection {
                    child = value.build(line: &line, column: column + key.unicodeScalars.count + 2)
                } else {
                    line += 1
                    child = value.build(line: &line, column: column + 2)
                }
                entries.append(YAMLEntry(key: keyNode, value: child))
            }
            return YAMLNode(kind: .mapping(entries), location: here)
        case .list(let items):
            if items.isEmpty {
                line += 1
                return YAMLNode(kind: .sequence([]), location: here)
            }
            var nodes: [YAMLNode] = []
            for item in items {
                if case .list = item, !item.isEmptyCollection { line += 1 }
                nodes.append(item.build(line: &line, column: column + 2))
            }
            return YAMLNode(kind: .sequence(nodes), location: here)
        }
    }

    private var isEmptyCollection: Bool {
        switch self {
        case .map(let pairs): pairs.isEmpty
        case .list(let items): items.isEmpty
        case .scalar: false
        }
    }
}

@Suite struct ValueTests {
    @Test(arguments: [
        ("2024-01-31", "date"), ("2024-02-29", "date"), ("2023-02-29", "string"), ("2024-02-30", "string"),
        ("31/03/2024", "string"), ("TBC", "string"), ("2024-1-31", "string"), ("2024-01-31 ", "string"),
    ])
    func stringScalarsThatNameRealDaysAreDates(text: String, expected: String) {
        for scalar in [TestYAML(stringLiteral: text), .quoted(text)] {
            let value = Value.fromRecord(scalar.node, path: "x")
            switch value.kind {
            case .date(let date): #expect(expected == "date" && date.iso == text)
            case .string(let string): #expect(expected == "string" && string == text)
            default: Issue.record("unexpected \(value.kind)")
            }
        }
    }

    @Test func scalarsResolveByTheirCoreSchemaValue() {
        let record: TestYAML = ["n": 3, "x": 2.5, "b": true, "z": nil, "s": "text"]
        let root = record.value
        #expect(root.member("n")?.asInt == 3)
        #expect(root.member("x")?.kind.isDouble(2.5) == true)
        #expect(root.member("b")?.asBool == true)
        #expect(root.member("z")?.isNull == true)
        #expect(root.member("s")?.asString == "text")
        #expect(root.member("absent")?.isNull == true)
        #expect(Value(.string("x")).member("a") == nil)
    }

    @Test func sequencesBecomeListsWithIndexedPaths() throws {
        let record: TestYAML = ["plans": [["title": "A", "covers": ["x", "y"]], ["title": "B"]]]
        let plans = try #require(record.value.member("plans"))
        let items = try #require(plans.asList)
        #expect(items.count == 2)
        #expect(items[0].origin?.path == "plans[0]")
        #expect(items[1].member("title")?.origin?.path == "plans[1].title")
        let covers = try #require(items[0].member("covers")?.asList)
        #expect(covers.map { $0.origin?.path } == ["plans[0].covers[0]", "plans[0].covers[1]"])
        #expect(items[0].isMap)
    }

    @Test func nestedSequencesIndexTwice() throws {
        let record: TestYAML = ["grid": [[1, 2], [3]]]
        let grid = try #require(record.value.member("grid")?.asList)
        let inner = try #require(grid[0].asList)
        #expect(inner[1].origin?.path == "grid[0][1]")
    }

    @Test(arguments: [
        ("", "plain", "plain"), ("a", "b", "a.b"), ("a", "key-with-dash", "a[\"key-with-dash\"]"),
        ("", "odd key", "[\"odd key\"]"), ("a", "say \"hi\"", "a[\"say \\\"hi\\\"\"]"), ("a", "_x1", "a._x1"),
        ("a", "1x", "a[\"1x\"]"), ("a", "", "a[\"\"]"), ("a", "café", "a[\"café\"]"),
    ])
    func originPathsUseDotsForIdentifiersAndBracketsOtherwise(parent: String, key: String, expected: String) {
        #expect(Origin.path(parent, key: key) == expected)
    }

    @Test func originPathsForIndexes() {
        #expect(Origin.path("plans", index: 0) == "plans[0]")
        #expect(Origin.path(Origin.path("plans[0].approvals", key: "by"), index: 1) == "plans[0].approvals.by[1]")
    }

    @Test func missingMemberPointsAtTheMappingThatLacksIt() throws {
        let record: TestYAML = ["partnership": ["name": "Safer Bromley"]]
        let partnership = try #require(record.value.member("partnership"))
        let area = try #require(partnership.member("area"))
        #expect(area.isNull)
        #expect(area.origin == Origin(path: "partnership.area", location: partnership.origin!.location))
    }

    @Test(arguments: [
        (Value(.null), "not recorded"), (Value(.bool(true)), "true"), (Value(.int(42)), "42"),
        (Value(.double(2.5)), "2.5"), (Value(.double(3)), "3"), (Value(.string("plain")), "plain"),
        (Value(.date(CivilDate(year: 2024, month: 3, day: 31)!)), "31 March 2024"),
        (Value(.duration(CalendarDuration(days: 30))), "30 days"),
        (Value(.list([Value(.string("lbb")), Value(.string("met-police"))])), "lbb, met-police"),
        (Value(.list([])), "none"),
    ])
    func displayText(value: Value, expected: String) {
        #expect(value.displayText == expected)
    }

    @Test func mappingsDisplayInFlowStyle() {
        let record: TestYAML = ["start": "2024-04-01", "end": nil]
        #expect(record.value.displayText == "{start: 1 April 2024, end: not recorded}")
    }

    @Test(arguments: [
        ("TBC", "plans[0].period.end is the string \"TBC\", not a date (dates are written YYYY-MM-DD)"),
        ("31/03/2024", "plans[0].period.end is the string \"31/03/2024\", not a date (dates are written YYYY-MM-DD: 2024-03-31)"),
        ("2024-02-30", "plans[0].period.end is the string \"2024-02-30\", not a date (2024-02-30 is not a real day)"),
        ("1.4.2024", "plans[0].period.end is the string \"1.4.2024\", not a date (dates are written YYYY-MM-DD: 2024-04-01)"),
        // Year first with another separator, and the month in words, as letters write it.
        ("2024/03/31", "plans[0].period.end is the string \"2024/03/31\", not a date (dates are written YYYY-MM-DD: 2024-03-31)"),
        ("31 March 2024", "plans[0].period.end is the string \"31 March 2024\", not a date (dates are written YYYY-MM-DD: 2024-03-31)"),
        ("1st Sept 2024", "plans[0].period.end is the string \"1st Sept 2024\", not a date (dates are written YYYY-MM-DD: 2024-09-01)"),
        ("March 31, 2024", "plans[0].period.end is the string \"March 31, 2024\", not a date (dates are written YYYY-MM-DD: 2024-03-31)"),
        ("31-mar-2024", "plans[0].period.end is the string \"31-mar-2024\", not a date (dates are written YYYY-MM-DD: 2024-03-31)"),
        ("31 June 2024", "plans[0].period.end is the string \"31 June 2024\", not a date (dates are written YYYY-MM-DD)"),
        ("Marc 31 2024", "plans[0].period.end is the string \"Marc 31 2024\", not a date (dates are written YYYY-MM-DD)"),
        // Month and day want two digits each.
        ("2024-4-1", "plans[0].period.end is the string \"2024-4-1\", not a date (dates are written YYYY-MM-DD: 2024-04-01)"),
        ("2024-04-1", "plans[0].period.end is the string \"2024-04-1\", not a date (dates are written YYYY-MM-DD: 2024-04-01)"),
        ("2024-2-30", "plans[0].period.end is the string \"2024-2-30\", not a date (dates are written YYYY-MM-DD)"),
        // Spaces inside the quotes: the day is real, the spaces are the mistake.
        (" 2024-01-01", "plans[0].period.end is the string \" 2024-01-01\", not a date (a date has no spaces around it: 2024-01-01)"),
        ("2024-01-01\t", "plans[0].period.end is the string \"2024-01-01\\t\", not a date (a date has no spaces around it: 2024-01-01)"),
        (" 2024-02-30", "plans[0].period.end is the string \" 2024-02-30\", not a date (2024-02-30 is not a real day)"),
    ])
    func typeErrorsNameThePathWhatWasFoundAndWhatWasExpected(text: String, message: String) {
        let origin = Origin(path: "plans[0].period.end", location: Location(line: 12, column: 12))
        let error = Value(.string(text), origin: origin).typeError(expected: "a date")
        #expect(error.message == message)
        #expect(error.origin == origin)
    }

    /// Text an expression made (no origin), such as a date quoted in the pack: a real day is
    /// written without quotes; anything else gets the hint a record's text would.
    @Test(arguments: [
        ("2024-03-31", "`due date` is the string \"2024-03-31\", not a date (a date in an expression is written without quotes: 2024-03-31)"),
        (" 2024-03-31", "`due date` is the string \" 2024-03-31\", not a date (a date in an expression is written without quotes: 2024-03-31)"),
        ("2024-02-30", "`due date` is the string \"2024-02-30\", not a date (2024-02-30 is not a real day)"),
        ("31/03/2024", "`due date` is the string \"31/03/2024\", not a date (dates are written YYYY-MM-DD: 2024-03-31)"),
    ])
    func typeErrorsOnComputedTextSayADateIsWrittenWithoutQuotes(text: String, message: String) {
        let error = Value(.string(text)).typeError(expected: "a date", subject: "due date")
        #expect(error.message == message)
        #expect(error.origin == nil)
    }

    @Test func typeErrorsOnComputedValuesNameTheExpression() {
        let error = Value(.int(3)).typeError(expected: "a list", subject: "count(xs)")
        #expect(error.message == "`count(xs)` is the number 3, not a list")
        #expect(error.origin == nil)
    }

    @Test func longStringsAreShortenedInMessages() {
        let long = String(repeating: "x", count: 100)
        #expect(Value(.string(long)).descriptionForMessage == "the string \"\(String(repeating: "x", count: 40))…\"")
    }
}

extension Value.Kind {
    func isDouble(_ expected: Double) -> Bool {
        if case .double(let number) = self { return number == expected }
        return false
    }
}
