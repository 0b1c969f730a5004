import Testing
import YAMLTree

/// Inputs found by the libFuzzer targets in Tests/Fuzz, kept so their behaviour stays pinned.
@Suite("Fuzz regressions: loader")
struct LoaderFuzzRegressionTests {
    /// fuzz-yaml: UTF-16LE with NEL (U+0085) line breaks and a NUL on the third line. NEL is a line
    /// break to libyaml, so the NUL is at line 3, column 3; the first fuzz harness counted only LF
    /// and CR in UTF-16 input and took the position for one past the end.
    @Test("a control character after NEL breaks in UTF-16 is reported on its own line")
    func utf16NextLineThenNUL() throws {
        let bytes: [UInt8] = [
            0xFF, 0xFE, 0x60, 0x00, 0x21, 0x3A, 0x85, 0x00, 0x3A, 0x21, 0x85, 0x00, 0x62, 0x00, 0x62, 0x01,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0xBA, 0x61, 0x85, 0x00, 0x62, 0x00, 0x3D,
        ]
        let error = try #require(loadError(bytes: bytes))
        #expect(error.location == SourceLocation(line: 3, column: 3))
        #expect(error.message.contains("U+0000"))
    }

    /// fuzz-yaml, fuzz-pack and fuzz-record: a line of text after `key: ` with nothing after the
    /// space. The hint for text among keys read the value's first character past the line's end.
    @Test("text among keys after a key with an empty value is explained, not a crash", arguments: [
        ("a:\n  Substringngx: \n  line\n", 3),
        ("ikintctIntiS: \nzzufti\nfi", 2),
    ])
    func textAfterAnEmptyValue(text: String, line: Int) throws {
        let error = try #require(loadError(text))
        #expect(error.location == SourceLocation(line: line, column: line == 3 ? 3 : 1))
        #expect(error.message.contains("line \(line) is text standing among the keys of a mapping"), "\(error.message)")
    }
}
