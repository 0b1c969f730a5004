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
}
