import Testing
import YAMLTree
@testable import RuleEngine

/// `SchemaValidator`: the JSON Schema subset `dutycheck validate` uses, against YAML records.
@Suite struct SchemaValidatorTests {
    static let schema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["dutycheck", "partnership"],
          "additionalProperties": false,
          "properties": {
            "dutycheck": {"const": 1},
            "partnership": {
              "type": "object",
              "required": ["name"],
              "additionalProperties": false,
              "properties": {
                "name": {"type": "string", "minLength": 1},
                "nation": {"enum": ["england", "wales"]},
                "area_type": {"enum": ["county", "district", "metropolitan_borough", "london_borough"]},
                "contact": {"$ref": "#/$defs/contact"}
              }
            },
            "meetings": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/meeting"}},
            "respondents": {"type": "integer", "minimum": 0, "maximum": 100000},
            "code": {"type": "string", "pattern": "^[A-Z]{3}$"},
            "ref": {"type": "string", "pattern": "^[A-Z]{2}-[0-9]+$", "description": "A case reference: two capitals, a hyphen and a number."},
            "status": {"oneOf": [{"const": "draft"}, {"const": "agreed"}]},
            "either": {"anyOf": [{"type": "integer"}, {"type": "string", "format": "date"}]},
            "present": {"not": {"type": "null"}},
            "extra": {"type": "object", "additionalProperties": {"type": "boolean"}}
          },
          "$defs": {
            "contact": {"type": "object", "properties": {"email": {"type": "string", "format": "email"}}},
            "meeting": {
              "type": "object",
              "required": ["date"],
              "properties": {"date": {"type": "string", "format": "date"}, "body": {"type": "string"}},
              "if": {"properties": {"body": {"const": "board"}}, "required": ["body"]},
              "then": {"required": ["minutes"]}
            }
          }
        }
        """

    static let validator = Result { try SchemaValidator(schema: Array(schema.utf8), file: "record.schema.json") }

    static let good = """
        dutycheck: 1
        partnership:
          name: Safer Bromley Partnership
          nation: england
          contact: {email: community.safety@example.org}
        meetings:
          - {date: 2024-02-29, body: board, minutes: https://example.org/m}
          - {date: "2024-03-14", body: executive}
        respondents: 61
        code: SBP
        status: agreed
        either: 2024-01-01
        present: 0
        extra: {a: true, b: false}
        ref: DH-12

        """

    static func problems(_ record: String) throws -> [Diagnostic] {
        let root = try YAMLLoader.load(bytes: Array(record.utf8), file: "r.yaml")
        return try validator.get().validate(root, file: "r.yaml")
    }

    @Test func aGoodRecordHasNoProblems() throws {
        #expect(try Self.problems(Self.good).map(\.description) == [])
        #expect(try Self.problems("dutycheck: 1\npartnership: {name: X}\n").map(\.description) == [])
    }

    /// One line of the good record replaced, and the one problem that gives.
    @Test(arguments: [
        ("dutycheck: 1", "dutycheck: 2", (1, 12, "dutycheck must be 1")),
        ("  nation: england", "  nation: englnd", (4, 11, "partnership.nation must be one of \"england\", \"wales\", not \"englnd\"; did you mean \"england\"?")),
        ("  nation: england", "  nation: scotland", (4, 11, "partnership.nation must be one of \"england\", \"wales\", not \"scotland\"")),
        ("  nation: england", "  area_type: london_borogh", (4, 14, "partnership.area_type must be one of \"county\", \"district\", \"metropolitan_borough\", \"london_borough\", not \"london_borogh\"; did you mean \"london_borough\"?")),
        ("  nation: england", "  nation: [england]", (4, 11, "partnership.nation must be one of")),
        ("  name: Safer Bromley Partnership", "  name: \"\"", (3, 9, "partnership.name must not be empty")),
        ("  name: Safer Bromley Partnership", "  name: 12", (3, 9, "partnership.name must be text, not a whole number")),
        ("  nation: england", "  naton: england", (4, 3, "partnership: unknown key \"naton\"; did you mean \"nation\"?")),
        ("respondents: 61", "respondents: many", (9, 14, "respondents must be a whole number, not text")),
        ("respondents: 61", "respondents: -1", (9, 14, "respondents must be at least 0")),
        ("respondents: 61", "respondents: 100001", (9, 14, "respondents must be at most 100000")),
        ("respondents: 61", "respondents: 6.5", (9, 14, "respondents must be a whole number, not a number")),
        ("code: SBP", "code: sbp", (10, 7, "code \"sbp\" does not have the expected form (^[A-Z]{3}$)")),
        // A description says the form in words, in place of the pattern.
        ("ref: DH-12", "ref: DHR 12", (15, 6, "ref \"DHR 12\" does not have the expected form: A case reference: two capitals, a hyphen and a number")),
        ("status: agreed", "status: published", (11, 9, "status matches none of the allowed forms")),
        // Of the two forms, text is the one written for text: its own problem is given.
        ("either: 2024-01-01", "either: soon", (12, 9, "either \"soon\" is not a date (dates are written YYYY-MM-DD)")),
        ("either: 2024-01-01", "either: [1]", (12, 9, "either matches none of the allowed forms")),
        ("either: 2024-01-01", "either: 7", nil),
        ("present: 0", "present: ~", (13, 10, "present has a form that is not allowed here")),
        ("extra: {a: true, b: false}", "extra: {a: true, b: no}", (14, 21, "extra.b must be true or false, not text")),
        ("  contact: {email: community.safety@example.org}", "  contact: {email: community.safety}", (5, 20, "partnership.contact.email \"community.safety\" is not an email address")),
        ("  - {date: 2024-02-29, body: board, minutes: https://example.org/m}", "  - {date: 2024-02-30, body: board, minutes: x}",
         (7, 12, "meetings[0].date \"2024-02-30\" is not a date (2024-02-30 is not a real day)")),
        ("  - {date: 2024-02-29, body: board, minutes: https://example.org/m}", "  - {date: 2024-02-29, body: board}",
         (7, 5, "meetings[0] is missing the required key \"minutes\"")),
        ("  - {date: \"2024-03-14\", body: executive}", "  - {body: executive}", (8, 5, "meetings[1] is missing the required key \"date\"")),
        ("  - {date: \"2024-03-14\", body: executive}", "  - 2024-03-14", (8, 5, "meetings[1] must be a mapping, not text")),
        ("present: 0", "partnrship: {name: X}", (13, 1, "unknown key \"partnrship\"; did you mean \"partnership\"?")),
    ] as [(String, String, (Int, Int, String)?)])
    func oneProblem(original: String, replacement: String, expected: (Int, Int, String)?) throws {
        let record = Self.good.replacingLine(original, with: replacement)
        #expect(record != Self.good)
        let problems = try Self.problems(record)
        guard let expected else {
            #expect(problems.map(\.description) == [])
            return
        }
        try #require(problems.count == 1, "\(problems.map(\.description))")
        #expect(problems[0].file == "r.yaml")
        #expect(problems[0].location == TestPack.at(expected.0, expected.1), "\(problems[0])")
        #expect(problems[0].message.hasPrefix(expected.2), "\(problems[0].message)")
    }

    /// A value quoted in a problem shows its control characters escaped, as every other message
    /// does: an address written as a folded block ends in a newline, which split the line, and an
    /// escape sequence reached the terminal.
    @Test func aQuotedValueKeepsItsProblemToOneLine() throws {
        let folded = Self.good.replacingLine("  contact: {email: community.safety@example.org}",
                                             with: "  contact:\n    email: >\n      team@example.org")
        #expect(try Self.problems(folded).map(\.description)
                == ["r.yaml:6:12: error: partnership.contact.email \"team@example.org\\u{A}\" is not an email address"])
        let escaped = Self.good.replacingLine("code: SBP", with: "code: \"S\\e[2JB\"")
        #expect(try Self.problems(escaped).map(\.description)
                == ["r.yaml:10:7: error: code \"S\\u{1B}[2JB\" does not have the expected form (^[A-Z]{3}$)"])
        let date = Self.good.replacingLine("either: 2024-01-01", with: "either: \"soon\\r\"")
        let dateProblems = try Self.problems(date).map(\.description)
        #expect(dateProblems == ["r.yaml:12:9: error: either \"soon\\u{D}\" is not a date (dates are written YYYY-MM-DD)"], "\(dateProblems)")
    }

    /// Two letters swapped are one slip: `kidn` was offered `id` (two edits by Levenshtein's count,
    /// as `kind` was), not the `kind` meant.
    @Test func aSwapOfNeighboursSuggestsTheKeyMeant() throws {
        #expect(Suggestion.editDistance("kidn", "kind") == 1)
        #expect(Suggestion.editDistance("kidn", "id") == 2)
        #expect(Suggestion.editDistance("ca", "abc") == 3)
        #expect(Suggestion.closest(to: "kidn", among: ["id", "name", "kind", "role"]) == "kind")
        #expect(Suggestion.closest(to: "naton", among: ["name", "nation"]) == "nation")
    }

    @Test func aBritishDateGetsTheISOHint() throws {
        let problems = try Self.problems(Self.good.replacingLine("  - {date: \"2024-03-14\", body: executive}", with: "  - {date: 14/03/2024}"))
        #expect(problems.map(\.description) == [
            "r.yaml:8:12: error: meetings[1].date \"14/03/2024\" is not a date (dates are written YYYY-MM-DD: 2024-03-14)",
        ])
    }

    @Test func everyProblemIsReported() throws {
        let record = """
            dutycheck: 2
            partnership: {nation: wales, extra: 1}
            meetings: []
            respondents: -3
            colour: red

            """
        let problems = try Self.problems(record)
        #expect(problems.map(\.description).sorted() == [
            "r.yaml:1:12: error: dutycheck must be 1",
            "r.yaml:2:14: error: partnership is missing the required key \"name\"",
            "r.yaml:2:30: error: partnership: unknown key \"extra\"",
            "r.yaml:3:11: error: meetings must list at least one item",
            "r.yaml:4:14: error: respondents must be at least 0",
            "r.yaml:5:1: error: unknown key \"colour\"",
        ])
    }

    @Test func theRootMustBeAMapping() throws {
        #expect(try Self.problems("- 1\n").map(\.description) == ["r.yaml:1:1: error: the record must be a mapping, not a list"])
    }

    /// What loading `schema` (as `s.json`) reports; fails the test if it loads.
    /// What validating `record` (as r.yaml) against `schema` (as s.json) reports, each as printed.
    static func problems(schema: String, record: String) throws -> [String] {
        let validator = try SchemaValidator(schema: Array(schema.utf8), file: "s.json")
        let root = try YAMLLoader.load(bytes: Array(record.utf8), file: "r.yaml")
        return validator.validate(root, file: "r.yaml").map(\.description)
    }

    static func loadProblems(_ schema: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
        do {
            _ = try SchemaValidator(schema: Array(schema.utf8), file: "s.json")
            Issue.record("the schema loaded", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test(arguments: [
        (#"{"type": "object", "patternProperties": {}}"#, 1, 20, "schema keyword \"patternProperties\" is not supported"),
        (#"{"properties": {"a": {"type": "string", "maxLength": 3}}}"#, 1, 41, "schema keyword \"maxLength\" is not supported"),
        (#"{"$defs": {"x": {"uniqueItems": true}}}"#, 1, 18, "schema keyword \"uniqueItems\" is not supported"),
        (#"{"anyOf": [{"type": "string"}, {"dependentRequired": {}}]}"#, 1, 33, "schema keyword \"dependentRequired\" is not supported"),
    ])
    func unsupportedKeywordsAreRejectedWhenTheSchemaLoads(schema: String, line: Int, column: Int, message: String) {
        do {
            _ = try SchemaValidator(schema: Array(schema.utf8), file: "s.json")
            Issue.record("the schema loaded")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.location == TestPack.at(line, column), "\(error)")
            #expect(error.diagnostics.first?.message.hasPrefix(message) == true, "\(error)")
        }
    }

    /// A keyword whose value has the wrong type was read as absent: every record passed it.
    @Test(arguments: [
        (#"{"properties": {"a": {"pattern": 5}}}"#, 1, 34, #""pattern" must be a string, not 5"#),
        (#"{"properties": {"a": {"minLength": "x"}}}"#, 1, 36, #""minLength" must be a whole number, 0 or more, not "x""#),
        (#"{"properties": {"a": {"minItems": -1}}}"#, 1, 35, #""minItems" must be a whole number, 0 or more, not -1"#),
        (#"{"properties": {"a": {"minItems": 1.5}}}"#, 1, 35, #""minItems" must be a whole number, 0 or more, not 1.5"#),
        (#"{"properties": {"a": {"minimum": "zero"}}}"#, 1, 34, #""minimum" must be a number, not "zero""#),
        (#"{"properties": {"a": {"maximum": true}}}"#, 1, 34, #""maximum" must be a number, not true"#),
        (#"{"properties": {"a": {"enum": "a"}}}"#, 1, 31, #""enum" must be an array, not "a""#),
        (#"{"properties": {"a": {"items": 3}}}"#, 1, 32, #""items" must be a schema (an object, or true or false), not 3"#),
        (#"{"required": "dutycheck"}"#, 1, 14, #""required" must be an array of strings, not "dutycheck""#),
        (#"{"required": ["a", 1]}"#, 1, 20, #""required" must be an array of strings, not 1"#),
        (#"{"additionalProperties": "no"}"#, 1, 26, #""additionalProperties" must be a schema (an object, or true or false), not "no""#),
        (#"{"properties": []}"#, 1, 16, #""properties" must be an object whose values are schemas, not an empty array"#),
        (#"{"properties": {"a": "string"}}"#, 1, 22, #""properties" must map each name to a schema (an object, or true or false), not "a" to "string""#),
        (#"{"$defs": {"x": 1}}"#, 1, 17, #""$defs" must map each name to a schema (an object, or true or false), not "x" to 1"#),
        (#"{"anyOf": []}"#, 1, 11, #""anyOf" must be a non-empty array of schemas, not an empty array"#),
        (#"{"allOf": {"type": "string"}}"#, 1, 11, #""allOf" must be a non-empty array of schemas, not an object"#),
        (#"{"oneOf": [{"type": "string"}, "integer"]}"#, 1, 32, #""oneOf" must be an array of schemas (objects, or true or false), not "integer""#),
        (#"{"not": null}"#, 1, 9, #""not" must be a schema (an object, or true or false), not null"#),
        (#"{"if": [], "then": {}}"#, 1, 8, #""if" must be a schema (an object, or true or false), not an empty array"#),
        (##"{"$ref": 5}"##, 1, 10, #""$ref" must be a string, not 5"#),
        (#"{"format": 1}"#, 1, 12, #""format" must be a string, not 1"#),
        (#"{"title": {}}"#, 1, 11, #""title" must be a string, not an object"#),
        (#"{"examples": "x"}"#, 1, 14, #""examples" must be an array, not "x""#),
        (#"{"type": 5}"#, 1, 10, #""type" must be a type name or a non-empty array of them, not 5"#),
        (#"{"type": []}"#, 1, 10, #""type" must be a type name or a non-empty array of them, not an empty array"#),
        // A misspelt type used to blame every record: "the record must be objct".
        (#"{"type": "objct"}"#, 1, 10, #""type": unknown type "objct"; did you mean "object"? (the types are array, boolean, integer, null, number, object, string)"#),
        (#"{"type": ["string", "nul"]}"#, 1, 21, #""type": unknown type "nul"; did you mean "null"?"#),
    ])
    func aKeywordValueOfTheWrongTypeIsRejectedWhenTheSchemaLoads(schema: String, line: Int, column: Int, message: String) {
        let problems = Self.loadProblems(schema)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix("s.json:\(line):\(column): error: schema keyword " + message) == true, "\(problems)")
    }

    @Test func everyKeywordValueOfTheWrongTypeIsReported() {
        let schema = #"""
            {"properties": {"notes": {"pattern": 5, "minLength": "x", "enum": "a", "items": 3, "required": "x", "minimum": "zero"}},
             "required": "dutycheck", "additionalProperties": "no"}
            """#
        #expect(Self.loadProblems(schema).map { $0.prefix { $0 != "," } } == [
            "s.json:2:14: error: schema keyword \"required\" must be an array of strings",
            "s.json:2:51: error: schema keyword \"additionalProperties\" must be a schema (an object",
            "s.json:1:38: error: schema keyword \"pattern\" must be a string",
            "s.json:1:54: error: schema keyword \"minLength\" must be a whole number",
            "s.json:1:67: error: schema keyword \"enum\" must be an array",
            "s.json:1:81: error: schema keyword \"items\" must be a schema (an object",
            "s.json:1:96: error: schema keyword \"required\" must be an array of strings",
            "s.json:1:112: error: schema keyword \"minimum\" must be a number",
        ])
    }

    @Test(arguments: [("[1, 2]", "an array"), ("5", "5"), (#""object""#, #""object""#), ("null", "null")])
    func aSchemaThatIsNotAnObjectIsRejected(schema: String, described: String) {
        #expect(Self.loadProblems(schema) == ["s.json:1:1: error: a schema must be an object, or true or false, not \(described)"])
    }

    /// `true` allows any value and `false` none, wherever a schema may be written.
    @Test(arguments: [
        ("true", "a: 1\n", []),
        ("false", "a: 1\n", ["r.yaml:1:1: error: the record is not allowed here (its schema is false)"]),
        (#"{"properties": {"a": false, "b": true}}"#, "a: 1\nb: 2\n", ["r.yaml:1:4: error: a is not allowed here (its schema is false)"]),
        (#"{"properties": {"a": {"items": false}}}"#, "a: []\n", []),
        (#"{"properties": {"a": {"items": false}}}"#, "a: [1]\n", ["r.yaml:1:5: error: a[0] is not allowed here (its schema is false)"]),
        (#"{"additionalProperties": true}"#, "a: 1\n", []),
        (#"{"properties": {"a": {"not": true}}}"#, "a: 1\n", ["r.yaml:1:4: error: a has a form that is not allowed here"]),
        (#"{"properties": {"a": {"not": false}}}"#, "a: 1\n", []),
        (#"{"properties": {"a": {"anyOf": [false, {"type": "string"}]}}}"#, "a: x\n", []),
        (#"{"properties": {"a": {"if": false, "then": false, "else": {"type": "string"}}}}"#, "a: 1\n", ["r.yaml:1:4: error: a must be text, not a whole number"]),
        (##"{"$defs": {"no": false}, "properties": {"a": {"$ref": "#/$defs/no"}}}"##, "a: 1\n", ["r.yaml:1:4: error: a is not allowed here (its schema is false)"]),
    ] as [(String, String, [String])])
    func booleanSchemasHaveTheirMeaning(schema: String, record: String, expected: [String]) throws {
        #expect(try Self.problems(schema: schema, record: record) == expected)
    }

    /// JSON has one number type: `2.0` is the integer 2, as a record value, as a keyword's value
    /// and in `enum` and `const`, which compare arrays and objects by their contents.
    @Test(arguments: [
        (#"{"properties": {"a": {"type": "integer"}}}"#, "a: 3.0\n", []),
        (#"{"properties": {"a": {"type": "integer"}}}"#, "a: 3.5\n", ["r.yaml:1:4: error: a must be a whole number, not a number"]),
        (#"{"properties": {"a": {"type": "string", "minLength": 2.0}}}"#, "a: x\n", ["r.yaml:1:4: error: a must be at least 2 characters"]),
        (#"{"properties": {"a": {"minItems": 1.0}}}"#, "a: [x]\n", []),
        (#"{"properties": {"a": {"enum": [1, 2]}}}"#, "a: 2.0\n", []),
        (#"{"properties": {"a": {"const": [1, {"b": "x", "c": 2}]}}}"#, "a: [1.0, {c: 2, b: x}]\n", []),
        (#"{"properties": {"a": {"const": [1, {"b": "x"}]}}}"#, "a: [1, {b: y}]\n", ["r.yaml:1:4: error: a must be [1, {\"b\": \"x\"}]"]),
    ] as [(String, String, [String])])
    func numbersAreComparedAsJSONComparesThem(schema: String, record: String, expected: [String]) throws {
        #expect(try Self.problems(schema: schema, record: record) == expected)
    }

    /// Patterns match character by character, as ECMA-262 does: a combining mark after `//` does not
    /// hide the `/` it follows (under Swift's default grapheme matching it did). A value's control
    /// characters are escaped in the message, so the error stays on one line.
    @Test(arguments: [
        (#"{"properties": {"a": {"type": "string", "pattern": "^https?://"}}}"#, "a: \"https://\\u0301x\"\n", []),
        (#"{"properties": {"a": {"type": "string", "pattern": "^a.b$"}}}"#, "a: \"a\\u00e9b\"\n", []),
        (#"{"properties": {"a": {"enum": ["lbb"]}}}"#, "a: \"lbb\\n\"\n", [#"r.yaml:1:4: error: a must be one of "lbb", not "lbb\u{A}"; did you mean "lbb"?"#]),
        // ECMA-262 classes: `\d`, `\w` and `\b` are ASCII, `\s` is not.
        (#"{"properties": {"a": {"type": "string", "pattern": "^\\d{4}$"}}}"#, "a: \"20\\u0662\\u0664\"\n",
         [#"r.yaml:1:4: error: a "20٢٤" does not have the expected form (^\d{4}$)"#]),
        (#"{"properties": {"a": {"type": "string", "pattern": "^\\w+$"}}}"#, "a: \"caf\\u00e9\"\n",
         [#"r.yaml:1:4: error: a "café" does not have the expected form (^\w+$)"#]),
        (#"{"properties": {"a": {"type": "string", "pattern": "^\\d{4}$"}}}"#, "a: \"2024\"\n", []),
        (#"{"properties": {"a": {"type": "string", "pattern": "^caf\\b"}}}"#, "a: \"caf\\u00e9\"\n", []),
        (#"{"properties": {"a": {"type": "string", "pattern": "^a\\sb$"}}}"#, "a: \"a\\u00a0b\"\n", []),
    ] as [(String, String, [String])])
    func patternsMatchCharacterByCharacter(schema: String, record: String, expected: [String]) throws {
        #expect(try Self.problems(schema: schema, record: record) == expected)
    }

    @Test func aPatternThatIsNotARegularExpressionIsRejectedWhenTheSchemaLoads() {
        let schema = #"{"properties": {"a": {"type": "string"},"# + "\n" + #"  "b": {"pattern": "([A-Z]"}}}"#
        #expect(Self.loadProblems(schema) == [
            "s.json:2:20: error: pattern ([A-Z] is not a regular expression dutycheck validate can read: expected ')'",
        ])
    }

    @Test func aPatternWithNestedRepetitionIsRejectedWhenTheSchemaLoads() {
        // Matching "aaaaaaaaaaaaaaaaaaaaaab" against it took longer than anyone waits.
        let schema = #"{"properties": {"a": {"type": "string","# + "\n" + #"  "pattern": "^(a+)+$"}}}"#
        #expect(Self.loadProblems(schema) == [
            "s.json:2:14: error: pattern ^(a+)+$ has nested repetition, (a+)+, which can take exponential time to match; "
                + "repeat at one level only, separate the repeats by a character the inner repetition cannot match "
                + #"(\d+(\.\d+)* rather than (\d+\.?)+), or make the inner repetition possessive (a++ rather than a+)"#,
        ])
    }

    @Test func aRepeatSeparatedByACharacterItsRepetitionCannotMatchIsAccepted() throws {
        // Linear: every repeat of the group starts with a `.` that `\d+` cannot take.
        let schema = #"{"properties": {"version": {"pattern": "^\\d+(\\.\\d+)*$"}}}"#
        let validator = try SchemaValidator(schema: Array(schema.utf8), file: "s.json")
        let value = String(repeating: "1.", count: 5_000) + "x"
        let root = try YAMLLoader.load(bytes: Array("version: \"\(value)\"\n".utf8), file: "r.yaml")
        #expect(validator.validate(root, file: "r.yaml").count == 1)
    }

    @Test func aPatternInsideDataIsNotASchemaPattern() throws {
        // Under `examples` and `const`, a "pattern" key is data: it is neither compiled nor checked.
        let schema = #"{"examples": [{"pattern": "(("}], "properties": {"a": {"const": {"pattern": "(("}}}}"#
        let validator = try SchemaValidator(schema: Array(schema.utf8), file: "s.json")
        let root = try YAMLLoader.load(bytes: Array("b: 1\n".utf8), file: "r.yaml")
        #expect(validator.validate(root, file: "r.yaml").isEmpty)
    }

    @Test(arguments: [##"{"$ref": "#/default"}"##, ##"{"not": {"$ref": "#/default"}}"##, ##"{"anyOf": [{"$ref": "#/default"}]}"##])
    func dataThatAReferenceUsesAsASchemaIsCheckedWhenTheSchemaLoads(property: String) {
        // A `$ref` makes data a schema: its bad pattern is refused at load, wherever the reference
        // sits (inside `not` or `anyOf` a pattern that could not be checked would otherwise pass).
        let schema = #"{"default": {"pattern": "(?<=a)b", "maxLength": 2}, "properties": {"a": "# + property + "}}"
        #expect(Self.loadProblems(schema) == [
            "s.json:1:36: error: schema keyword \"maxLength\" is not supported by dutycheck validate",
            "s.json:1:25: error: pattern (?<=a)b is not a regular expression dutycheck validate can read: lookbehind is not currently supported",
        ])
    }

    @Test func aSchemaReachedTwiceIsCheckedOnce() {
        let schema = ##"{"$defs": {"x": {"minLength": 1, "uniqueItems": true}}, "properties": {"a": {"$ref": "#/$defs/x"}, "b": {"$ref": "#/$defs/x"}}}"##
        #expect(Self.loadProblems(schema) == ["s.json:1:34: error: schema keyword \"uniqueItems\" is not supported by dutycheck validate"])
    }

    static let loopMessage = "leads back to itself without reading any of the record (only through $ref, allOf, anyOf, oneOf, not, if, then or else), so validation would never end"

    /// A `$ref` loop that stays on one value would apply its schemas to it for ever (with an
    /// `anyOf` on the way, in 2^depth paths): it is refused at load, at the `$ref` that closes it.
    @Test(arguments: [
        (##"{"$defs":{"a":{"anyOf":[{"$ref":"#/$defs/a"},{"$ref":"#/$defs/a"}]}},"$ref":"#/$defs/a"}"##, [(1, 33), (1, 54)]),
        (##"{"$defs": {"x": {"not": {"$ref": "#/$defs/x"}}}, "properties": {"a": {"$ref": "#/$defs/x"}}}"##, [(1, 34)]),
        (##"{"$defs": {"x": {"$ref": "#/$defs/y"}, "y": {"allOf": [{"type": "string"}, {"$ref": "#/$defs/x"}]}}}"##, [(1, 85)]),
        (##"{"$defs": {"x": {"if": {"type": "string"}, "then": {"$ref": "#/$defs/x"}}}}"##, [(1, 61)]),
        (##"{"$defs": {"x": {"oneOf": [{"else": {"$ref": "#/"}}]}}, "$ref": "#/$defs/x"}"##, [(1, 46)]),
        (##"{"$ref": "#/"}"##, [(1, 10)]),
    ])
    func aReferenceLoopThatReadsNothingIsRejectedWhenTheSchemaLoads(schema: String, positions: [(Int, Int)]) {
        let expected = positions.map { "s.json:\($0.0):\($0.1): error: $ref " }
        let problems = Self.loadProblems(schema)
        #expect(problems.count == expected.count, "\(problems)")
        for (problem, start) in zip(problems, expected) {
            #expect(problem.hasPrefix(start) && problem.hasSuffix(Self.loopMessage), "\(problem)")
        }
    }

    @Test func aRecursiveStructureIsNotALoop() throws {
        // Each time round, `items` and `additionalProperties` move into the record: the loop ends with it.
        let schema = ##"""
            {"$defs": {"node": {"type": "object", "additionalProperties": {"$ref": "#/$defs/node"},
                                "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
             "properties": {"tree": {"$ref": "#/$defs/node"}}}
            """##
        let validator = try SchemaValidator(schema: Array(schema.utf8), file: "s.json")
        let record = "tree:\n  name: a\n  children:\n    - name: b\n      children: [{name: c}, {name: 5}]\n  more: {name: d}\n"
        let root = try YAMLLoader.load(bytes: Array(record.utf8), file: "r.yaml")
        #expect(validator.validate(root, file: "r.yaml").map(\.description) == [
            "r.yaml:5:36: error: tree.children[0].children[1].name must be text, not a whole number",
        ])
    }

    /// `levels` schemas, each applying the next twice with `keyword`, ending in `{"type": "string"}`.
    static func branching(_ keyword: String, levels: Int) -> String {
        let defs = (0..<levels).map { ##""l\##($0)": {"\##(keyword)": [{"$ref": "#/$defs/l\##($0 + 1)"}, {"$ref": "#/$defs/l\##($0 + 1)"}]}"## }
        return ##"{"$defs": {"## + defs.joined(separator: ", ") + ##", "l\##(levels)": {"type": "string"}}, "properties": {"x": {"$ref": "#/$defs/l0"}}}"##
    }

    /// Without loops, a schema can still apply its parts to one value in 2^levels ways; each
    /// distinct check is made once, so this takes milliseconds rather than hours.
    @Test(.timeLimit(.minutes(1)), arguments: [
        ("allOf", "x: s\n", []), ("allOf", "x: 5\n", ["r.yaml:1:4: error: x must be text, not a whole number"]),
        ("anyOf", "x: s\n", []), ("anyOf", "x: 5\n", ["r.yaml:1:4: error: x matches none of the allowed forms"]),
        // Two forms that both fit are one too many.
        ("oneOf", "x: s\n", ["r.yaml:1:4: error: x matches none of the allowed forms"]),
    ])
    func aSchemaThatBranchesWithoutLoopsIsCheckedQuickly(keyword: String, record: String, expected: [String]) throws {
        let validator = try SchemaValidator(schema: Array(Self.branching(keyword, levels: 28).utf8), file: "s.json")
        let root = try YAMLLoader.load(bytes: Array(record.utf8), file: "r.yaml")
        #expect(validator.validate(root, file: "r.yaml").map(\.description) == expected)
    }

    @Test func aLongChainOfReferencesLoads() throws {
        // Followed with a stack of its own, not recursion (which overflowed the thread's), and
        // each reference found through an index, not by searching thousands of $defs.
        let count = 20_000
        let defs = (0..<count).map { ##""a\##($0)": {"$ref": "#/$defs/a\##($0 + 1)"}"## }.joined(separator: ", ")
        let schema = ##"{"$defs": {"## + defs + ##", "a\##(count)": {"type": "object"}}, "properties": {"x": {"$ref": "#/$defs/a0"}}}"##
        let validator = try SchemaValidator(schema: Array(schema.utf8), file: "s.json")
        let root = try YAMLLoader.load(bytes: Array("x: 1\n".utf8), file: "r.yaml")
        #expect(validator.validate(root, file: "r.yaml").map(\.description) == [
            "r.yaml:1:4: error: x cannot be checked: the schema nests or refers to schemas more than 64 deep here",
        ])
    }

    @Test func aCheckTooDeepToFinishIsNotPassedUnderNot() throws {
        // The trial under `not` cannot finish; it used to count as a form that does not fit, so
        // `not` passed whatever the value.
        let defs = (0..<70).map { ##""d\##($0)": {"allOf": [{"$ref": "#/$defs/d\##($0 + 1)"}]}"## }.joined(separator: ", ")
        let schema = ##"{"$defs": {"## + defs + ##", "d70": {"type": "string"}}, "properties": {"x": {"not": {"$ref": "#/$defs/d0"}}}}"##
        let validator = try SchemaValidator(schema: Array(schema.utf8), file: "s.json")
        let root = try YAMLLoader.load(bytes: Array("x: s\n".utf8), file: "r.yaml")
        #expect(validator.validate(root, file: "r.yaml").map(\.description) == [
            "r.yaml:1:4: error: x cannot be checked: the schema nests or refers to schemas more than 64 deep here",
        ])
    }

    /// A chain of `levels` schemas applying the next through `allOf` and `$ref`, to a schema for
    /// `a.b.c`; the root applies both the chain and that schema directly, in either order.
    static func chainAndLeaf(levels: Int, chainFirst: Bool) -> String {
        let chain = (0..<levels).map { ##""c\##($0)": {"allOf": [{"$ref": "#/$defs/c\##($0 + 1)"}]}"## }
        let leaf = ##""c\##(levels)": {"properties": {"a": {"properties": {"b": {"properties": {"c": {"type": "string"}}}}}}}"##
        let both = [##"{"$ref": "#/$defs/c0"}"##, ##"{"$ref": "#/$defs/c\##(levels)"}"##]
        return ##"{"$defs": {"## + (chain + [leaf]).joined(separator: ", ") + ##"}, "allOf": ["##
            + (chainFirst ? both : both.reversed()).joined(separator: ", ") + "]}"
    }

    /// The outcome does not hang on the order of `allOf`: a check first made by the short path
    /// was remembered and reused on the long one, which abandoned the record (at a.b.c, 64
    /// schemas deep) only when it came first. The limit now holds as if nothing were remembered.
    @Test(arguments: [
        (28, ["r.yaml:1:12: error: a.b.c must be text, not a whole number"]),
        (29, ["r.yaml:1:12: error: a.b.c cannot be checked: the schema nests or refers to schemas more than 64 deep here"]),
        (31, ["r.yaml:1:1: error: the record cannot be checked: the schema nests or refers to schemas more than 64 deep here"]),
    ])
    func theDepthLimitDoesNotDependOnTheOrderOfAllOf(levels: Int, expected: [String]) throws {
        let root = try YAMLLoader.load(bytes: Array("a: {b: {c: 5}}\n".utf8), file: "r.yaml")
        for chainFirst in [true, false] {
            let validator = try SchemaValidator(schema: Array(Self.chainAndLeaf(levels: levels, chainFirst: chainFirst).utf8), file: "s.json")
            #expect(validator.validate(root, file: "r.yaml").map(\.description) == expected, "chain first: \(chainFirst)")
        }
    }

    @Test func aProblemFoundTwiceIsReportedOnce() throws {
        let schema = ##"{"$defs": {"s": {"type": "string"}}, "properties": {"x": {"allOf": [{"$ref": "#/$defs/s"}, {"$ref": "#/$defs/s"}]}}}"##
        let validator = try SchemaValidator(schema: Array(schema.utf8), file: "s.json")
        let root = try YAMLLoader.load(bytes: Array("x: 5\n".utf8), file: "r.yaml")
        #expect(validator.validate(root, file: "r.yaml").map(\.description) == ["r.yaml:1:4: error: x must be text, not a whole number"])
    }

    /// A `$ref` that names nothing, or a value that is not a schema, used to pass every value
    /// that reached it (or, naming nothing, to be reported in each record): it is refused at load.
    @Test(arguments: [
        (##"{"title":"x","properties":{"a":{"$ref":"#/title"},"b":{"$ref":"#/$defs/s/type"}},"$defs":{"s":{"type":"string"}}}"##, [
            "s.json:1:40: error: $ref #/title names \"x\", which is not a schema (an object, or true or false)",
            "s.json:1:63: error: $ref #/$defs/s/type names \"string\", which is not a schema (an object, or true or false)",
        ]),
        (##"{"required": ["a"], "$ref": "#/required"}"##, ["s.json:1:29: error: $ref #/required names an array, which is not a schema (an object, or true or false)"]),
        (##"{"properties": {"a": {"$ref": "#/$defs/missing"}}}"##, ["s.json:1:31: error: $ref #/$defs/missing names nothing in the schema"]),
        // Refused even where no record could reach it.
        (##"{"$defs": {"a": {"$ref": "#/$defs/b"}}}"##, ["s.json:1:26: error: $ref #/$defs/b names nothing in the schema"]),
        (##"{"properties": {"a": {"$ref": "other.json#/$defs/a"}}}"##, [
            "s.json:1:31: error: $ref other.json#/$defs/a names nothing in the schema (dutycheck validate follows only $refs of the form #/$defs/name)",
        ]),
    ] as [(String, [String])])
    func aReferenceToNoSchemaIsRejectedWhenTheSchemaLoads(schema: String, expected: [String]) {
        #expect(Self.loadProblems(schema) == expected)
    }
}

private extension String {
    /// The text with the line equal to `original` replaced; unchanged if there is none.
    func replacingLine(_ original: String, with replacement: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0 == original ? replacement : String($0) }
            .joined(separator: "\n")
    }
}
