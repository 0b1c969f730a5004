import Reporters
import Testing

/// Inputs found by the libFuzzer targets in Tests/Fuzz, kept so the bugs stay fixed.
@Suite("Fuzz regressions: writers")
struct WritersFuzzRegressionTests {
    /// fuzz-writers: a summary whose 75-octet fold fell just before a combining mark (U+07EF NKo
    /// combining long descending tone, then U+0301) lost its tail on unfolding, because the
    /// continuation line's space and the mark form one Character that is not " ".
    @Test("unfolding keeps a continuation line that starts with a combining mark", arguments: ["\u{7EF}", "\u{301}"])
    func continuationStartingWithCombiningMark(mark: String) {
        let line = "SUMMARY:" + String(repeating: "a", count: 67) + mark + "tnership of a very long name"
        let octets = ICalendarText.fold(line)
        let text = String(decoding: octets, as: UTF8.self)
        #expect(text.hasPrefix("SUMMARY:" + String(repeating: "a", count: 67) + "\r\n " + mark))
        #expect(ICalendarText.unfold(text) == [line])
    }

    /// The same with the bytes the fuzzer found, in a whole calendar line after escaping.
    @Test("unfolding the fuzzer's summary gives it back")
    func fuzzerSummary() {
        let subject = String(decoding: [0x70, 0x32, 0x61, 0x72, 0x74, 0x6E, 0x65, 0x72, 0x73, 0x68, 0x69, 0x70,
                                        0x9A, 0x9E, 0x92, 0x9A, 0xDF, 0xAF, 0x9E, 0x8D, 0x74, 0x6E] as [UInt8], as: UTF8.self)
        for padding in 0..<80 {
            let line = "SUMMARY:" + ICalendarText.escape(String(repeating: "x", count: padding) + subject)
            #expect(ICalendarText.unfold(String(decoding: ICalendarText.fold(line), as: UTF8.self)) == [line])
        }
    }
}
