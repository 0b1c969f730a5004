import Testing
import YAMLTree

/// `SourceText`'s line table and `render(_:source:)`, asserted as full rendered text.
@Suite struct RenderingTests {
    @Test func linesSplitAtEveryLibyamlBreak() {
        let source = SourceText("a\nb\r\nc\rd\u{85}e\u{2028}f\u{2029}g")
        #expect(source.lineCount == 7)
        #expect((1...7).map { source.line($0) } == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(source.line(0) == nil)
        #expect(source.line(8) == nil)
    }

    @Test func aTrailingBreakLeavesAnEmptyLastLine() {
        let source = SourceText("a: 1\n")
        #expect(source.lineCount == 2)
        #expect(source.line(2) == "")
        #expect(SourceText(bytes: []).lineCount == 1)
    }

    @Test func byteOffsetsBecomeScalarColumns() {
        let source = SourceText(bytes: Array("ab\nké😀x\r\nz".utf8))
        #expect(source.location(ofByteOffset: 0) == at(1, 1))
        #expect(source.location(ofByteOffset: 3) == at(2, 1))
        #expect(source.location(ofByteOffset: 9) == at(2, 4))  // the x, after é (2 bytes) and 😀 (4)
        #expect(source.location(ofByteOffset: 11) == at(2, 5))  // CR of the CRLF
        #expect(source.location(ofByteOffset: 12) == at(2, 5))  // its LF
        #expect(source.location(ofByteOffset: 13) == at(3, 1))
        #expect(source.location(ofByteOffset: 99) == at(3, 2))
    }

    @Test func byteOffsetsCountTheByteOrderMark() {
        let source = SourceText(bytes: [0xEF, 0xBB, 0xBF] + Array("ab".utf8))
        #expect(source.encoding == .utf8)
        #expect(source.line(1) == "ab")
        #expect(source.location(ofByteOffset: 4) == at(1, 2))
    }

    @Test func utf16IsTranscoded() {
        let source = SourceText(bytes: PitfallTests.utf16("x\né: 1", bigEndian: false))
        #expect(source.encoding == .utf16LittleEndian)
        #expect(source.line(2) == "é: 1")
        #expect(source.location(ofByteOffset: 2 + 4 + 2) == at(2, 2))
    }

    static let diagnostic = Diagnostic(file: "r.yaml", location: at(2, 5), message: "expected a date, found \"TBC\"",
                                       notes: [Diagnostic.Note("the rule reads it here", at: at(1, 1))])

    @Test func rendersMessageLineCaretAndNotes() {
        let source = Array("plans:\n    due: TBC\n".utf8)
        #expect(render(Self.diagnostic, source: source) == """
            r.yaml:2:5: error: expected a date, found "TBC"
                due: TBC
                ^
            r.yaml:1:1: note: the rule reads it here
            """)
        #expect(Self.diagnostic.rendered(source: source) == render(Self.diagnostic, source: source))
    }

    @Test func withoutSourceOnlyTheHeaderAndNotes() {
        #expect(render(Self.diagnostic, source: nil) == """
            r.yaml:2:5: error: expected a date, found "TBC"
            r.yaml:1:1: note: the rule reads it here
            """)
    }

    @Test func withoutALocation() {
        let diagnostic = Diagnostic(file: "gone.yaml", location: nil, message: "cannot read the file",
                                    notes: [Diagnostic.Note("no position")])
        #expect(render(diagnostic, source: Array("a: 1".utf8)) == """
            gone.yaml: error: cannot read the file
            gone.yaml: note: no position
            """)
    }

    @Test func aLinePastTheEndShowsNoSnippet() {
        let diagnostic = Diagnostic(file: "r.yaml", location: at(9, 1), message: "late")
        #expect(render(diagnostic, source: Array("a: 1\n".utf8)) == "r.yaml:9:1: error: late")
    }

    @Test func aColumnPastTheEndOfTheLinePadsTheCaret() {
        let diagnostic = Diagnostic(file: "r.yaml", location: at(1, 7), message: "expected a value")
        #expect(render(diagnostic, source: Array("a: [\n".utf8)) == """
            r.yaml:1:7: error: expected a value
            a: [
                  ^
            """)
    }

    @Test func tabsAreCopiedIntoTheCaretLine() {
        let diagnostic = Diagnostic(file: "r.yaml", location: at(1, 5), message: "here")
        #expect(render(diagnostic, source: Array("a:\t\t[x]".utf8)) == "r.yaml:1:5: error: here\na:\t\t[x]\n  \t\t^")
    }

    @Test func invalidUTF8AndControlsInTheSourceAreReplaced() {
        let diagnostic = Diagnostic(file: "r.yaml", location: at(1, 6), message: "here")
        let source: [UInt8] = Array("a: ".utf8) + [0xC3, 0x28] + [0x07] + Array("z".utf8)
        #expect(render(diagnostic, source: source) == "r.yaml:1:6: error: here\na: \u{FFFD}(\u{FFFD}z\n     ^")
    }

    @Test func crlfLeavesNoCarriageReturnInTheSnippet() {
        let diagnostic = Diagnostic(file: "r.yaml", location: at(2, 1), message: "here")
        #expect(render(diagnostic, source: Array("a: 1\r\nb: 2\r\n".utf8)) == "r.yaml:2:1: error: here\nb: 2\n^")
    }

    // MARK: - Long lines

    /// `count` scalars `0123456789` repeating, so each column's digit is its number's last digit.
    static func digits(_ count: Int) -> String {
        String((0..<count).map { Character(String(($0 + 1) % 10)) })
    }

    /// A line of `length` digits (see `digits`) with the caret at `column`: the columns shown
    /// (1-based, inclusive), whether each end is cut, and the caret line's indent.
    @Test(arguments: [
        // Column 150 of 300: columns 90 to 189, 60 of them before the caret.
        (300, 150, 90...189, true, true, 63),
        // Near the start: the first 100, cut at the end only.
        (101, 5, 1...100, false, true, 4),
        // Exactly the width: shown whole.
        (100, 100, 1...100, false, false, 99),
        // Just past the last column: the last 100, with the caret after them.
        (300, 301, 201...300, true, false, 103),
    ] as [(Int, Int, ClosedRange<Int>, Bool, Bool, Int)])
    func aLongLineIsCutAroundTheCaret(length: Int, column: Int, shown: ClosedRange<Int>, cutBefore: Bool,
                                      cutAfter: Bool, indent: Int) {
        let line = Array(Self.digits(length))
        let window = String(line[(shown.lowerBound - 1)..<shown.upperBound])
        let expected = "r.yaml:1:\(column): error: here\n" + (cutBefore ? "..." : "") + window + (cutAfter ? "..." : "")
            + "\n" + String(repeating: " ", count: indent) + "^"
        let diagnostic = Diagnostic(file: "r.yaml", location: at(1, column), message: "here")
        #expect(render(diagnostic, source: Array(String(line).utf8)) == expected)
    }

    @Test func aLongNonASCIILineIsCutByScalarsWithTabsAndControlsKept() {
        // 150 scalars: "é" x 100, a tab, a BEL, then 48 "x". The caret at column 120 is within 100
        // of the end, so the last 100 (51 to 150) are shown, cut at the start only; the tab is
        // copied into the caret line and the BEL replaced.
        let line = String(repeating: "é", count: 100) + "\t\u{07}" + String(repeating: "x", count: 48)
        let diagnostic = Diagnostic(file: "r.yaml", location: at(2, 120), message: "here")
        let expected = "..." + String(repeating: "é", count: 50) + "\t\u{FFFD}" + String(repeating: "x", count: 48)
        let caret = "   " + String(repeating: " ", count: 50) + "\t" + String(repeating: " ", count: 18) + "^"
        #expect(render(diagnostic, source: Array(("a: 1\n" + line + "\n").utf8)) ==
                "r.yaml:2:120: error: here\n\(expected)\n\(caret)")
    }

    @Test func windowsOfALongNonASCIILineAreTheScalarsStringDecodingGives() throws {
        // Multi-byte letters, emoji, a tab and invalid bytes (a lone continuation byte, a truncated
        // sequence) across several of the index's checkpoints.
        var bytes: [UInt8] = []
        for position in 0..<700 {
            switch position % 7 {
            case 0: bytes += Array("é".utf8)
            case 1: bytes += Array("😀".utf8)
            case 2: bytes += [0x80]
            case 3: bytes += [0xE2, 0x82]
            case 4: bytes += Array("\t".utf8)
            default: bytes += Array("x".utf8)
            }
        }
        let source = SourceText(bytes: Array("a: 1\n".utf8) + bytes + Array("\nb: 2\n".utf8))
        let expected = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        for window in [1..<101, 200..<300, 256..<257, 257..<357, 600..<700, expected.count - 99..<expected.count + 1] {
            let cut = try #require(source.scalars(ofLine: 2, columns: { _ in window }))
            #expect(cut.length == expected.count)
            #expect(cut.scalars == Array(expected[(window.lowerBound - 1)..<(window.upperBound - 1)]), "\(window)")
        }
    }

    @Test func aColumnFarPastTheEndPadsTheCaretOnlySoFar() {
        let diagnostic = Diagnostic(file: "r.yaml", location: at(1, 5_000), message: "here")
        #expect(render(diagnostic, source: Array("ab".utf8)) ==
                "r.yaml:1:5000: error: here\nab\n  " + String(repeating: " ", count: SourceText.snippetWidth) + "^")
    }

    @Test func nonASCIIBeforeTheColumnTakesOneCaretCellPerScalar() {
        let diagnostic = Diagnostic(file: "r.yaml", location: at(1, 5), message: "here")
        #expect(render(diagnostic, source: Array("né: x".utf8)) == "r.yaml:1:5: error: here\nné: x\n    ^")
    }

    @Test func descriptionHasNoSnippet() {
        #expect(Self.diagnostic.description == #"r.yaml:2:5: error: expected a date, found "TBC""#)
    }
}
