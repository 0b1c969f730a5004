import Foundation
import Reporters
import Testing

/// Prints the HTML report with headless Chromium and reads the PDF back with poppler: A4 pages,
/// sections in reading order, no text lost, hostile text shown as text. Also writes a screenshot
/// for a human to look at.
///
/// Needs `chromium` and `poppler-utils` (pdfinfo, pdftotext). Without them the test passes with a
/// note, except when `CI=true`, where it fails.
@Suite("Board report in a real browser", .serialized)
struct BoardBrowserTests {
    /// Where the screenshot goes (override with DUTYCHECK_SCREENSHOT).
    static var screenshotPath: String {
        ProcessInfo.processInfo.environment["DUTYCHECK_SCREENSHOT"] ?? "/tmp/dutycheck-report.png"
    }

    static func chromiumArguments(_ directory: URL) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
         "--user-data-dir=\(directory.appendingPathComponent("profile").path)"]
    }

    /// Whitespace-free text, so a line or page break inside a phrase does not hide it.
    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !($0.properties.isWhitespace || $0 == "\u{0C}") }.map(Character.init))
    }

    @Test func printsToA4WithEverythingInReadingOrder() throws {
        guard let tools = BoardExternalTools.require(["chromium", "pdfinfo", "pdftotext"]) else { return }
        let report = BoardFixtures.report(partnerName: BoardFixtures.hostileName)
        let html = BoardReport.html(report, record: report.records[0], options: BoardFixtures.options())
        let directory = try BoardExternalTools.scratchDirectory("browser")
        let page = directory.appendingPathComponent("report.html")
        let pdf = directory.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: page)

        let printed = try BoardExternalTools.run(tools["chromium"]!, Self.chromiumArguments(directory) + [
            "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString])
        try #require(FileManager.default.fileExists(atPath: pdf.path), "Chromium wrote no PDF: \(printed.output)")

        let info = try BoardExternalTools.run(tools["pdfinfo"]!, [pdf.path])
        #expect(info.status == 0)
        var fields: [String: String] = [:]
        for line in info.output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let pages = fields["Pages"].flatMap { Int($0) } ?? 0
        #expect((2...12).contains(pages), "\(pages) pages")
        #expect(fields["Page size"]?.hasSuffix("(A4)") == true, "\(fields["Page size"] ?? "no page size")")
        #expect(fields["Tagged"] == "yes")
        #expect(fields["Title"] == "Statutory duties compliance report: Safer Bromley Partnership, meeting of 29 February 2024")

        // -raw keeps the content stream's order, which Chromium writes in document order.
        let extracted = try BoardExternalTools.run(tools["pdftotext"]!, ["-raw", "-enc", "UTF-8", pdf.path, "-"])
        #expect(extracted.status == 0)
        let text = Self.squeezed(extracted.output)
        let inOrder = ["Statutorydutiescompliancereport", "Preparedby", "CommunitySafetyTeam", "csp-england2026.11",
                       "1.Summary", "\u{25A0}Red", "\u{25B2}Amber", "\u{25CF}Green", "2.Decisionsfortheboard",
                       "3.Overdueitemsandgaps", "4.Duebeforethenextmeeting", "5.Partnerapprovals", "6.Waivers",
                       "7.Changessincethelastreport", "AppendixA.Everydutychecked"]
        var cursor = text.startIndex
        for phrase in inOrder {
            guard let found = text.range(of: phrase, range: cursor..<text.endIndex) else {
                Issue.record("\(phrase) is missing from the PDF or out of order")
                continue
            }
            cursor = found.upperBound
        }
        // No text lost: every finding, citation and the hostile name, literally.
        for finding in BoardFixtures.findings {
            #expect(text.contains(Self.squeezed(finding.title)), "\(finding.title)")
            #expect(text.contains(Self.squeezed("Rule \(finding.rule)")), "\(finding.rule)")
        }
        #expect(text.contains(Self.squeezed(BoardFixtures.hostileName)))
        #expect(text.contains("Page1of\(pages)"))
        #expect(text.contains("Page\(pages)of\(pages)"))
        #expect(text.contains(Self.squeezed("Safer Bromley Partnership: board meeting 29 February 2024")))
    }

    @Test func theBrowserSeesNoScriptAndTakesAScreenshot() throws {
        guard let tools = BoardExternalTools.require(["chromium"]) else { return }
        let report = BoardFixtures.report(partnerName: BoardFixtures.hostileName)
        let html = BoardReport.html(report, record: report.records[0], options: BoardFixtures.options())
        let directory = try BoardExternalTools.scratchDirectory("screen")
        let page = directory.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: page)

        let dom = try BoardExternalTools.run(tools["chromium"]!, Self.chromiumArguments(directory) + ["--dump-dom", page.absoluteString])
        #expect(dom.output.contains("<h1>Statutory duties compliance report</h1>"))
        #expect(!dom.output.lowercased().contains("<script"))
        #expect(dom.output.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quoted\""))

        let screenshot = URL(fileURLWithPath: Self.screenshotPath)
        try? FileManager.default.removeItem(at: screenshot)
        let shot = try BoardExternalTools.run(tools["chromium"]!, Self.chromiumArguments(directory) + [
            "--hide-scrollbars", "--window-size=1024,1400", "--screenshot=\(screenshot.path)", page.absoluteString])
        #expect(FileManager.default.fileExists(atPath: screenshot.path), "\(shot.output)")
        print("screenshot of the report: \(screenshot.path)")
    }
}
