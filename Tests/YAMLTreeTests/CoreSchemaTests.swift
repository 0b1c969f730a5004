import Testing
import YAMLTree

/// YAML 1.2 core-schema resolution of plain scalars, and the explicit core tags.
@Suite struct CoreSchemaTests {
    static let plain: [(String, ScalarValue)] = [
        // null
        ("null", .null), ("Null", .null), ("NULL", .null), ("~", .null), ("", .null),
        ("nULL", .string("nULL")), ("none", .string("none")), ("nil", .string("nil")),
        // bool: three spellings only; YAML 1.1's words stay strings
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
        ("tRUE", .string("tRUE")), ("yes", .string("yes")), ("no", .string("no")), ("on", .string("on")),
        ("off", .string("off")), ("Yes", .string("Yes")), ("NO", .string("NO")), ("y", .string("y")),
        // int
        ("0", .int(0)), ("-0", .int(0)), ("+12", .int(12)), ("0012", .int(12)), ("-17", .int(-17)),
        ("9223372036854775807", .int(Int.max)), ("-9223372036854775808", .int(Int.min)),
        ("0o17", .int(15)), ("0o0", .int(0)), ("0x1F", .int(31)), ("0xff", .int(255)),
        ("0o8", .string("0o8")), ("0o", .string("0o")), ("0x", .string("0x")), ("0xG", .string("0xG")),
        ("-0x1F", .string("-0x1F")), ("+0o7", .string("+0o7")), ("0b101", .string("0b101")),
        ("1_000", .string("1_000")), ("1:30", .string("1:30")), ("+", .string("+")),
        // float
        ("1.5", .double(1.5)), ("-2.5e3", .double(-2500)), (".5", .double(0.5)), ("-.5", .double(-0.5)),
        ("1.", .double(1)), ("1e3", .double(1000)), ("1.5E-2", .double(0.015)), ("+1.0", .double(1)),
        ("0.0", .double(0)), ("+.inf", .double(.infinity)), (".inf", .double(.infinity)),
        ("-.Inf", .double(-.infinity)), (".INF", .double(.infinity)),
        (".", .string(".")), ("1e", .string("1e")), ("e3", .string("e3")), ("1.2.3", .string("1.2.3")),
        (".e3", .string(".e3")), ("1e+", .string("1e+")), (".inF", .string(".inF")), ("+.nan", .string("+.nan")),
        ("inf", .string("inf")), ("nan", .string("nan")), ("0x1p3", .string("0x1p3")),
        // strings that look like other things
        ("2024-03-31", .string("2024-03-31")), ("12:30:00", .string("12:30:00")), ("TBC", .string("TBC")),
        ("Safer Bromley", .string("Safer Bromley")), ("null value", .string("null value")),
    ]

    @Test(arguments: plain)
    func plainScalarResolves(text: String, expected: ScalarValue) throws {
        let root = try load("v: \(text)\n")
        let node = try #require(root["v"])
        #expect(node.scalar?.value == expected)
        #expect(node.scalar?.text == text)
        #expect(node.scalar?.style == .plain)
        #expect(node.tag == nil)
    }

    @Test(arguments: [".nan", ".NaN", ".NAN"])
    func notANumber(text: String) throws {
        let value = try load("v: \(text)")["v"]?.doubleValue
        #expect(try #require(value).isNaN)
    }

    @Test func integerTooLargeIsAnErrorNotAString() {
        let error = loadError("id: 99999999999999999999\n")
        #expect(error?.message == "integer 99999999999999999999 does not fit in 64 bits; quote it to keep it as text")
        #expect(error?.location == at(1, 5))
    }

    static let quoted: [(String, String)] = [
        ("\"true\"", "true"), ("'1'", "1"), ("\"~\"", "~"), ("''", ""), ("\"null\"", "null"), ("'0x1F'", "0x1F"),
        ("\".inf\"", ".inf"), ("|\n  123\n", "123\n"), (">\n  1.5\n", "1.5\n"),
    ]

    @Test(arguments: quoted)
    func quotedAndBlockScalarsAreStrings(source: String, expected: String) throws {
        let node = try #require(try load("v: \(source)")["v"])
        #expect(node.scalar?.value == .string(expected))
        #expect(node.stringValue == expected)
    }

    static let tagged: [(String, ScalarValue)] = [
        ("!!str 123", .string("123")), ("!!str true", .string("true")), ("!!str ~", .string("~")),
        ("!!str", .string("")), ("! 12", .string("12")), ("!!str \"x\"", .string("x")),
        ("!!int \"42\"", .int(42)), ("!!int 0x10", .int(16)), ("!!int -3", .int(-3)),
        ("!!float 1", .double(1)), ("!!float \"2.5\"", .double(2.5)), ("!!float -.inf", .double(-.infinity)),
        ("!!bool \"true\"", .bool(true)), ("!!bool FALSE", .bool(false)),
        ("!!null \"\"", .null), ("!!null ~", .null), ("!!null", .null), ("!!null Null", .null),
        ("!<tag:yaml.org,2002:int> 7", .int(7)),
    ]

    @Test(arguments: tagged)
    func coreTagsConvert(source: String, expected: ScalarValue) throws {
        let node = try #require(try load("v: \(source)\n")["v"])
        #expect(node.scalar?.value == expected)
        #expect(node.tag != nil)
    }

    @Test func tagIsKeptAsLibyamlExpandsIt() throws {
        let root = try load("a: !!str 1\nb: ! 2\nc: 3\n")
        #expect(root["a"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["b"]?.tag == "!")
        #expect(root["c"]?.tag == nil)
    }

    static let badConversions: [(String, String)] = [
        ("!!int abc", #"!!int value "abc" is not an integer"#),
        ("!!int 1.5", #"!!int value "1.5" is not an integer"#),
        ("!!int 99999999999999999999", "!!int value 99999999999999999999 does not fit in 64 bits"),
        ("!!float abc", #"!!float value "abc" is not a number"#),
        ("!!float 0x10", #"!!float value "0x10" is not a number"#),
        ("!!bool yes", #"!!bool value "yes" is not true or false"#),
        ("!!null 0", #"!!null value "0" is not null"#),
    ]

    @Test(arguments: badConversions)
    func coreTagsThatDoNotConvertFailAtTheValue(source: String, message: String) {
        let error = loadError("a: 1\nv: \(source)\n")
        #expect(error?.message == message)
        #expect(error?.location == at(2, 4))
        #expect(error?.file == "t.yaml")
    }

    static let unsupportedTags: [(String, String)] = [
        ("!x 1", "unsupported tag !x; only !!str, !!int, !!float, !!bool and !!null are allowed"),
        ("!!binary aGk=", "unsupported tag !!binary; only !!str, !!int, !!float, !!bool and !!null are allowed"),
        ("!!timestamp 2024-01-01", "unsupported tag !!timestamp; only !!str, !!int, !!float, !!bool and !!null are allowed"),
        ("!<tag:example.com,2024:x> 1", "unsupported tag tag:example.com,2024:x; only !!str, !!int, !!float, !!bool and !!null are allowed"),
        ("!!set {a: ~}", "unsupported tag !!set on a mapping"),
        ("!!str [1]", "unsupported tag !!str on a sequence"),
        ("!!seq {a: 1}", "unsupported tag !!seq on a mapping"),
        ("!local [1]", "unsupported tag !local on a sequence"),
    ]

    @Test(arguments: unsupportedTags)
    func otherTagsAreErrors(source: String, message: String) {
        let error = loadError("a: 1\nv: \(source)\n")
        #expect(error?.message == message)
        #expect(error?.location == at(2, 4))
    }

    @Test func collectionCoreTagsAreAccepted() throws {
        let root = try load("m: !!map {a: 1}\ns: !!seq [1]\nn: ! [2]\n")
        #expect(root["m"]?["a"]?.intValue == 1)
        #expect(root["s"]?.items?.count == 1)
        #expect(root["m"]?.tag == "tag:yaml.org,2002:map")
        #expect(root["n"]?.tag == "!")
    }
}
