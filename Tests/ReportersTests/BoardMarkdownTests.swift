import Foundation
import Reporters
import TestSupport
import Testing

@Suite("Board report Markdown")
struct BoardMarkdownTests {
    let text: String = {
        let report = BoardFixtures.report(partnerName: "Pipe | Partner\nsecond line")
        return BoardReport.markdown(report, record: report.records[0], options: BoardFixtures.options())
    }()

    /// Cells split at pipes that are not backslash-escaped, as GFM does before inline parsing.
    static func cells(_ row: Substring) -> Int {
        var count = 0, escaped = false
        for character in row {
            if character == "|" && !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count - 1
    }

    @Test func everyTableRowHasTheHeadersCellCount() {
        var header: Int?
        var tables = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { header = nil; continue }
            if let expected = header {
                #expect(Self.cells(line) == expected, "\(line)")
            } else {
                header = Self.cells(line)
                tables += 1
            }
        }
        #expect(tables >= 7)
    }

    @Test func pipesAndNewlinesInCellsAreHandled() {
        #expect(text.contains("**Pipe \\| Partner<br>second line**"))
        #expect(!text.contains("Partner\nsecond"))
    }

    @Test func ratingsAreBoldWordsWithSymbols() {
        #expect(text.contains("\u{25A0} **Red: not shown as met**"))
        #expect(text.contains("\u{25B2} **Amber: due soon**"))
        #expect(text.contains("\u{25CF} **Green: met**"))
        #expect(text.contains("\u{25CB} **Not applicable**"))
    }

    /// CommonMark makes nothing bold when a space follows `**` or precedes the closing `**`.
    @Test func boldRecordTextHasNoSpaceInsideItsStars() {
        let report = BoardFixtures.report(partnerName: " London Borough of Bromley\t", partnershipName: "Safer Bromley Partnership ")
        let markdown = BoardReport.markdown(report, record: report.records[0], options: BoardFixtures.options())
        #expect(markdown.contains("\n**Safer Bromley Partnership**\n"))
        #expect(markdown.contains("| **London Borough of Bromley** |"))
        #expect(!markdown.contains("Partnership **") && !markdown.contains("** London") && !markdown.contains("Bromley\t**"))
    }

    @Test func citationsAreLinks() {
        #expect(text.contains("[Crime and Disorder Act 1998, section 6](https://www.legislation.gov.uk/ukpga/1998/37/section/6)"))
    }

    /// Renders the golden-shaped output (with a hostile partner) through cmark-gfm, in both safe
    /// and unsafe mode, and checks structure and inertness independently of this code.
    @Test func cmarkGFMRendersTablesAndKeepsHostileTextInert() throws {
        guard let tools = BoardExternalTools.require(["cmark-gfm", "python3"]) else { return }
        let report = BoardFixtures.report(partnerName: BoardFixtures.hostileName)
        let markdown = BoardReport.markdown(report, record: report.records[0], options: BoardFixtures.options())
        let directory = try BoardExternalTools.scratchDirectory("markdown")
        let file = directory.appendingPathComponent("report.md")
        try Data(markdown.utf8).write(to: file)
        let result = try BoardExternalTools.run(tools["python3"]!, [BoardExternalTools.script("check_markdown.py"), file.path,
                                                                BoardFixtures.hostileName])
        #expect(result.status == 0, "\(result.output)")
    }
}
