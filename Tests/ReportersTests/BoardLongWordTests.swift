import Foundation
@testable import Reporters
import Testing
import TestSupport

/// A 200-character word in the partnership's name, a partner's name and the plan's title: the
/// report still fits an A4 page and a 320 px screen.
@Suite("Board report with very long words", .serialized)
struct BoardLongWordTests {
    static let partnership = String(repeating: "Saferbromleypartnership", count: 10)
    static let partner = String(repeating: "Londonboroughofbromley", count: 10)
    static let plan = String(repeating: "Partnershipplan", count: 15)

    /// The Bromley record with the three long words, and the HTML report `dutycheck report` writes.
    static func report(in directory: URL) throws -> URL {
        var text = try String(contentsOf: Fixtures.path(BoardCommandTests.record), encoding: .utf8)
        for (old, new) in [("  name: Safer Bromley Partnership\n", "  name: \(partnership)\n"),
                           ("    name: London Borough of Bromley\n", "    name: \(partner)\n"),
                           ("  - title: Safer Bromley Partnership Strategy 2024-27\n", "  - title: \(plan)\n")] {
            try #require(text.contains(old), "\(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let record = directory.appendingPathComponent("record.yaml")
        try Data(text.utf8).write(to: record)
        let page = directory.appendingPathComponent("report.html")
        let written = try CommandRunner.run(["report", "--as-of", "2024-02-29", "--meeting", "2024-02-29", "-o", page.path, record.path])
        try #require(written.status == 0, "\(written.stderr)")
        return page
    }

    @Test func captionsAndTextBreakLongWordsAndThePageHeaderIsCut() throws {
        let css = BoardStyleSheet.css(runningHeader: "x")
        #expect(css.contains("caption { text-align: left; font-weight: bold; font-size: 1.1rem; padding: 0 0 0.5rem; overflow-wrap: anywhere; }"))
        #expect(css.contains("body { max-width: 64rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; overflow-wrap: anywhere; }"))
        #expect(BoardStyleSheet.runningHeaderName(Self.partnership) == String(Self.partnership.prefix(59)) + "\u{2026}")
        #expect(BoardStyleSheet.runningHeaderName(String(repeating: "a", count: 60)) == String(repeating: "a", count: 60))
        // A cut that ends at a space drops it, as an email subject's does: "word …" reads as a gap.
        #expect(BoardStyleSheet.runningHeaderName(String(repeating: "a", count: 58) + " bcd") == String(repeating: "a", count: 58) + "\u{2026}")
    }

    /// Every word Chromium prints lies inside the page's right margin (15 mm, about 42 pt).
    @Test func printsWithNothingPastTheRightMargin() throws {
        guard let tools = BoardExternalTools.require(["chromium", "pdftotext"]) else { return }
        let directory = try BoardExternalTools.scratchDirectory("long-words-print")
        let page = try Self.report(in: directory)
        let pdf = directory.appendingPathComponent("report.pdf")
        let printed = try BoardExternalTools.run(tools["chromium"]!, BoardBrowserTests.chromiumArguments(directory) + [
            "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString])
        try #require(FileManager.default.fileExists(atPath: pdf.path), "Chromium wrote no PDF: \(printed.output)")
        let boxes = try BoardExternalTools.run(tools["pdftotext"]!, ["-bbox", pdf.path, "-"]).output
        let pageWidth = try #require(try Regex(#"<page width="([\d.]+)""#).firstMatch(in: boxes).flatMap { Double($0.output[1].substring ?? "") })
        var words = 0
        for match in boxes.matches(of: try Regex(#"<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>"#)) {
            words += 1
            let right = Double(match.output[1].substring ?? "") ?? .infinity
            #expect(right <= pageWidth - 40, "\(match.output[2].substring ?? "") ends at \(right) pt of \(pageWidth)")
        }
        #expect(words > 1000)
        let text = try BoardExternalTools.run(tools["pdftotext"]!, ["-raw", pdf.path, "-"]).output
        #expect(BoardBrowserTests.squeezed(text).contains("PartnerRatingPosition"))
    }

    @Test func reflowsAt320CSSPixels() throws {
        guard let tools = BoardExternalTools.require(["chromium"]) else { return }
        let directory = try BoardExternalTools.scratchDirectory("long-words-reflow")
        let page = try Self.report(in: directory)
        let problems = try BoardBrowserTests.layoutProblems(of: page, width: 320, in: directory, chromium: tools["chromium"]!)
        #expect(problems.isEmpty, "\(problems)")
    }
}
