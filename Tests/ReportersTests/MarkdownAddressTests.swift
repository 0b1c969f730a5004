import Foundation
@testable import Reporters
import RuleEngine
import TestSupport
import Testing

/// Web addresses in the Markdown report: written as GitHub's autolink extension links them.
@Suite("Markdown web addresses")
struct MarkdownAddressTests {
    static let minutes = "https://www.bromley.gov.uk/safer_bromley/minutes_2024-02-29.pdf"

    @Test func anAddressIsLeftAsWrittenAndTheRestEscaped() {
        #expect(MarkupEscape.markdown("Agreed at the board, minutes at \(Self.minutes) (item 4)")
                == "Agreed at the board, minutes at \(Self.minutes) (item 4)")
        #expect(MarkupEscape.markdown("see www.example.org/a_b?x=1&y=2, and a_b")
                == "see www.example.org/a_b?x=1&y=2, and a\\_b")
        #expect(MarkupEscape.markdown("*https://example.org/x_y*") == "\\*https://example.org/x_y&ast;")
    }

    @Test func punctuationGitHubLeavesOutOfTheLinkIsStillLeftOut() {
        #expect(MarkupEscape.markdown("(see https://example.org/a_(b))") == "(see https://example.org/a_(b))")
        #expect(MarkupEscape.markdown("at https://example.org/a._") == "at https://example.org/a.&lowbar;")
        // A `]` is part of the link, as cmark-gfm and GitHub read it.
        #expect(MarkupEscape.markdown("at https://example.org/a]") == "at https://example.org/a]")
        // So are unbalanced `(` before a `)`; a `)` closing nothing is not.
        #expect(MarkupEscape.markdown("w https://a.b/((x) q") == "w https://a.b/((x) q")
        #expect(MarkupEscape.markdown("w https://a.b/x) q") == "w https://a.b/x) q")
    }

    @Test func anAddressGitHubMightNotLinkIsPlainText() {
        // An underscore in the host, `~` after the link, a `<` and more after it: no sure link.
        #expect(MarkupEscape.markdown("https://a_b.example.org/x_y") == "https\\://a\\_b.example.org/x\\_y")
        #expect(MarkupEscape.markdown("https://example.org/x_y~") == "https\\://example.org/x\\_y\\~")
        #expect(MarkupEscape.markdown("https://example.org/x<b>") == "https\\://example.org/x\\<b\\>")
        #expect(MarkupEscape.markdown("[www.example.org/x_y]") == "\\[&#119;ww.example.org/x\\_y\\]")
        // GitHub trims a reference-like `&amp;` off the link; written escaped, it would not be.
        #expect(MarkupEscape.markdown("https://example.org/a&amp; b") == "https\\://example.org/a\\&amp; b")
    }

    @Test func wwwAfterALineBreakOrALetterIsNotALink() {
        #expect(MarkupEscape.markdown("a\nwww.example.org/x_y") == "a<br>www.example.org/x\\_y")
        #expect(MarkupEscape.markdownAfterBreak("www.example.org/x_y") == "<br>www.example.org/x\\_y")
        #expect(MarkupEscape.markdown("awww.example.org/x_y") == "awww.example.org/x\\_y")
        #expect(MarkupEscape.markdown("xhttps://example.org/x_y") == "xhttps://example.org/x\\_y")
    }

    /// A stray control shows as U+FFFD and starts the line's text, so what follows it is not at the
    /// line's start: no heading or list marker there to escape.
    @Test func aStrayControlShowsAsAReplacementCharacter() {
        #expect(MarkupEscape.markdown("\u{0}# x") == "\u{FFFD}# x")
        #expect(MarkupEscape.markdown("\u{1B}1. y") == "\u{FFFD}1. y")
        #expect(MarkupEscape.markdown("a\u{7}b") == "a\u{FFFD}b")
    }

    @Test func linkTextEscapesAddressesToo() {
        #expect(MarkupEscape.markdownLinkText("See https://example.org/x_y") == "See https://example.org/x\\_y")
    }

    @Test func aTableCellEscapesEveryPipe() {
        #expect(MarkupEscape.markdownTableCell(MarkupEscape.markdown("https://example.org/a|b c|d"))
                == "https://example.org/a\\|b c\\|d")
    }

    /// Values that tempt Markdown, each in a table cell and in bold, rendered by cmark-gfm with the
    /// table and autolink extensions: every link has the exact address and text, and the whole
    /// text shows as written.
    @Test func cmarkGFMLinksEachAddressExactly() throws {
        guard let tools = BoardExternalTools.require(["cmark-gfm", "python3"]) else { return }
        let cases: [(value: String, links: [(href: String, text: String)])] = [
            ("Agreed at the board, minutes at \(Self.minutes) (item 4)", [(Self.minutes, Self.minutes)]),
            ("see www.bromley.gov.uk/safer_bromley/a&b_c. Then", [("http://www.bromley.gov.uk/safer_bromley/a&b_c", "www.bromley.gov.uk/safer_bromley/a&b_c")]),
            ("(https://example.org/Pikachu_(Electric)) x", [("https://example.org/Pikachu_(Electric)", "https://example.org/Pikachu_(Electric)")]),
            ("https://example.org/a*b*c|d_e_f*_", [("https://example.org/a*b*c%7Cd_e_f", "https://example.org/a*b*c|d_e_f")]),
            ("*www.example.org/x_*y*_* and _https://example.org/_z_", [("http://www.example.org/x_*y", "www.example.org/x_*y"),
                                                                        ("https://example.org/_z", "https://example.org/_z")]),
            ("https://example.org/a]) and https://example.org/b&ast; shown as written", [("https://example.org/a%5D", "https://example.org/a]")]),
            ("w https://a.b/((x) q", [("https://a.b/((x)", "https://a.b/((x)")]),
        ]
        var report = BoardFixtures.report()
        for (index, testCase) in cases.enumerated() {
            report.records[0].waivers[index % 2].reason = testCase.value
            report.records[0].waivers[index % 2].approvedBy = testCase.value
            let markdown = BoardReport.markdown(report, record: report.records[0], options: BoardFixtures.options())
            let file = try BoardExternalTools.scratchDirectory("markdown-address-\(index)").appendingPathComponent("report.md")
            try Data(markdown.utf8).write(to: file)
            let links = testCase.links.flatMap { ["--link", $0.href, $0.text] }
            let result = try BoardExternalTools.run(tools["python3"]!, [BoardExternalTools.script("check_markdown.py"), file.path,
                                                                    testCase.value] + links)
            #expect(result.status == 0, "\(testCase.value): \(result.output)")
        }
    }
}
