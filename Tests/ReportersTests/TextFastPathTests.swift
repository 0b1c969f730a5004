import Testing
@testable import Reporters

/// The shortcuts the email and markup writers take for plain text: each input sits on one side
/// of a shortcut's test, and the output is what the scalar-by-scalar path gives.
@Suite struct TextFastPathTests {
    @Test(arguments: [
        ("Plan 2024-25: agreed", "Plan 2024-25: agreed"),
        ("tab\there", "tab\there"),
        ("a & b < c > d \" e ' f", "a &amp; b &lt; c &gt; d &quot; e &#39; f"),
        // Two-byte scalars: NEL is a line break, other C1 controls are replaced, U+00A0 is kept.
        ("a\u{85}b", "a b"), ("a\u{80}b\u{9F}c", "a\u{FFFD}b\u{FFFD}c"), ("a\u{A0}b", "a\u{A0}b"),
        // Three-byte scalars after E2 80: only U+2028 and U+2029 change.
        ("a\u{2028}b\u{2029}c", "a b c"), ("a\u{2027}b’c–d…e", "a\u{2027}b’c–d…e"),
        ("a\u{7F}b\u{1}c", "a\u{FFFD}b\u{FFFD}c"), ("a\r\nb", "a  b"),
        // The lead bytes C2 and E2 at the very end are checked without reading past it.
        ("\u{80}", "\u{FFFD}"), ("\u{2028}", " "), ("\u{A9}", "\u{A9}"), ("\u{2014}", "\u{2014}"),
    ])
    func htmlEscapesOnlyWhatItMust(_ text: String, _ expected: String) {
        #expect(MarkupEscape.html(text) == expected)
    }

    @Test(arguments: [
        ("Safer Bromley Partnership", "Safer Bromley Partnership"),
        ("two  spaces", "two spaces"), (" leading", "leading"), ("trailing ", "trailing"),
        ("", ""), (" ", ""), ("caf\u{E9} ok", "caf\u{E9} ok"), ("a\tb", "a b"),
    ])
    func headerLineLeavesAPlainLineAlone(_ text: String, _ expected: String) {
        #expect(MIMEText.headerLine(text) == expected)
    }

    @Test func aLongPlainLineIsStillCut() {
        let line = MIMEText.headerLine(String(repeating: "abcd ", count: 20) + "end", maxLength: 12)
        #expect(line == "abcd abcd a…")
    }

    @Test func bodyTextWritesEveryKindOfScalar() {
        let text = "a\r\nb\rc\u{85}d\u{2028}e\u{B}f\u{C}g\th\u{0}i\u{200E}j’k\u{1F600}\u{FEFF}"
        #expect(MIMEText.bodyText(text) == "a\nb\nc\nd\ne\nf\ng\thij’k\u{1F600}")
        #expect(MIMEText.bodyText("plain\ttext\n") == "plain\ttext\n")
    }

    @Test(arguments: [
        ("", "\n"), ("a", "a\n"), ("a\n", "a\n"), ("a\n\n\n", "a\n"), ("\n", "\n"), ("a\r\n", "a\r\n"), ("é\n\n", "é\n"),
    ])
    func finalNewlineIsExactlyOne(_ text: String, _ expected: String) {
        #expect(MIMEMessage.withFinalNewline(text) == expected)
    }

    @Test func anEncodedLineThatStartsAfterASoftBreakIsGuarded() {
        let run = String(repeating: "a", count: 75)
        #expect(QuotedPrintable.encode(run + ".b") == run + "=\n=2Eb")
        #expect(QuotedPrintable.encode(run + "From x") == run + "=\n=46rom x")
        // A space that ends the source line is encoded, so `From ` there is not a literal `From `.
        #expect(QuotedPrintable.encode("From ") == "From=20")
        #expect(QuotedPrintable.encode("From  ") == "=46rom =20")
        #expect(QuotedPrintable.encode("", lineEnding: "\r\n") == "")
        #expect(QuotedPrintable.encode("\n\n", lineEnding: "\r\n") == "\r\n\r\n")
    }
}
