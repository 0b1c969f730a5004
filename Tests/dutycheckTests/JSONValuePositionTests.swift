import Testing
@testable import dutycheck

/// Finding a value's place in a JSON text by its path, for errors about fields Foundation read.
@Suite struct JSONValuePositionTests {
    static func offset(_ steps: [JSONStep], in text: String) -> Int? {
        JSONValuePosition.offset(of: steps, in: Array(text.utf8))
    }

    @Test func valuesAreFoundByKeyAndIndex() {
        let text = #"{"a": 1, "b": {"c": [10, {"d": "x"}, [1, 2]]}, "e": null}"#
        #expect(Self.offset([], in: text) == 0)
        #expect(Self.offset([.key("a")], in: text) == 6)
        #expect(Self.offset([.key("b"), .key("c"), .index(0)], in: text) == 21)
        #expect(Self.offset([.key("b"), .key("c"), .index(1), .key("d")], in: text) == 31)
        #expect(Self.offset([.key("b"), .key("c"), .index(2)], in: text) == 37)
        #expect(Self.offset([.key("e")], in: text) == 52)
        // Not there: no such key, index or step into a scalar.
        #expect(Self.offset([.key("z")], in: text) == nil)
        #expect(Self.offset([.key("b"), .key("c"), .index(3)], in: text) == nil)
        #expect(Self.offset([.key("a"), .key("x")], in: text) == nil)
        #expect(Self.offset([.index(0)], in: text) == nil)
    }

    /// Strings holding brackets, quotes and commas are passed over whole; escaped keys are decoded
    /// before they are compared.
    @Test func stringsAndEscapesDoNotMislead() {
        let text = #"{"s": "}], \"{[", "k\u00e9y": [1], "t\ud83d\ude00": 2, "x": 3}"#
        #expect(Self.offset([.key("x")], in: text) == text.utf8.count - 2)
        #expect(Self.offset([.key("k\u{E9}y"), .index(0)], in: text) == 31)
        #expect(Self.offset([.key("t\u{1F600}")], in: text) == 52)
    }

    /// Foundation keeps the last of a repeated key, so an error about its value is about that one.
    @Test func aRepeatedKeyIsFoundAtItsLastMember() {
        let text = #"{"asOf": "2024-03-01", "b": {"asOf": 1}, "asOf": "bad", "c": 2}"#
        #expect(Self.offset([.key("asOf")], in: text) == 49)
        #expect(Self.offset([.key("c")], in: text) == 61)
    }

    @Test func aByteOrderMarkAndBlanksAreSkipped() {
        let text = "\u{FEFF}\r\n  {\n\t\"a\" :\n  [ true ]\n}"
        let offset = Self.offset([.key("a"), .index(0)], in: text)
        #expect(offset.map { Array(text.utf8)[$0...].starts(with: Array("true".utf8)) } == true)
    }
}
