import Foundation
import Testing
import TestSupport

/// Section 5 (partner approvals) end to end: the real engine and partner-approvals pack on the
/// Bromley record with its approval round edited, checked as of 10 April 2024.
@Suite("Board report partner approvals")
struct BoardApprovalTests {
    static let shippedRound = """
            - {partner: lbb, approved: null}
            - {partner: met-police, approved: null}
            - {partner: lfb, approved: null}
            - {partner: probation, approved: null}
            - {partner: sel-icb, approved: null}

    """

    /// Approved on time, approved late, a value that is not a date, and two outstanding.
    static let mixedRound = """
            - {partner: lbb, approved: 2024-03-20}
            - {partner: met-police, approved: 2024-04-03}
            - {partner: lfb, approved: 2024-3-25}
            - {partner: probation, approved: null}
            - {partner: sel-icb, approved: null}

    """

    static let partners = [
        ("lbb", "London Borough of Bromley"), ("met-police", "Metropolitan Police Service"),
        ("lfb", "London Fire Brigade (London Fire Commissioner)"), ("probation", "Probation Service (London region)"),
        ("sel-icb", "NHS South East London Integrated Care Board"),
    ]

    /// The report of the Bromley record with `edits` (text, replacement) applied.
    static func report(_ format: String, edits: [(String, String)] = [(shippedRound, mixedRound)]) throws -> String {
        var text = try String(contentsOf: Fixtures.path(BoardCommandTests.record), encoding: .utf8)
        for (old, new) in edits {
            #expect(text.contains(old), "the Bromley record no longer holds \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        // A folder of its own: the tests run in parallel, each with its own record.
        let directory = try BoardExternalTools.scratchDirectory("report-approvals-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let record = directory.appendingPathComponent("record.yaml")
        try Data(text.utf8).write(to: record)
        let outcome = try CommandRunner.run(["report", "--as-of", "2024-04-10", "--meeting", "2024-04-10",
                                             "--format", format, record.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return outcome.stdout
    }

    /// The text after `start` up to the next `end`.
    static func section(_ text: String, from start: String, to end: String) throws -> String {
        let lower = try #require(text.range(of: start)?.upperBound, "\(start) missing")
        let upper = try #require(text.range(of: end, range: lower..<text.endIndex)?.lowerBound, "\(end) missing after \(start)")
        return String(text[lower..<upper])
    }

    static func markdownApprovals(_ text: String) throws -> String {
        try section(text, from: "## 5\\. Partner approvals", to: "## 6\\.")
    }

    static func htmlApprovals(_ text: String) throws -> String {
        try section(text, from: "<h2 id=\"approvals\">", to: "</section>")
    }

    @Test func markdownRowsAreEachPartnersFinding() throws {
        let approvals = try Self.markdownApprovals(try Self.report("markdown"))
        #expect(approvals.contains("""
            **Approvals of Safer Bromley Partnership Strategy 2024-27, due 31 March 2024**

            | Partner | Rating | Position |
            |---|---|---|
            | **London Borough of Bromley** | \u{25CF} **Green: met** | Done 20 March 2024; due 31 March 2024 |
            | **Metropolitan Police Service** | \u{25CF} **Green: done late** | Done 3 April 2024, 3 days after 31 March 2024 |
            | **London Fire Brigade (London Fire Commissioner)** | \u{25B2} **Amber: not shown as met (unconfirmed rule)** | Not shown as met: the approval date \u{201C}2024-3-25\u{201D} is not a date written YYYY-MM-DD |
            | **Probation Service (London region)** | \u{25B2} **Amber: overdue (unconfirmed rule)** | Due 31 March 2024; 10 days overdue |
            | **NHS South East London Integrated Care Board** | \u{25B2} **Amber: overdue (unconfirmed rule)** | Due 31 March 2024; 10 days overdue |

            """))
    }

    @Test func htmlRowsAreEachPartnersFinding() throws {
        let approvals = try Self.htmlApprovals(try Self.report("html"))
        func row(_ partner: String, _ rating: String, _ symbol: String, _ label: String, _ position: String) -> String {
            "<tr><th scope=\"row\">\(partner)</th><td><strong class=\"tag tag-\(rating)\"><span class=\"symbol\" "
                + "aria-hidden=\"true\">\(symbol)</span> \(label)</strong></td><td>\(position)</td></tr>"
        }
        #expect(approvals.contains("<caption>Approvals of Safer Bromley Partnership Strategy 2024-27, due 31 March 2024</caption>"))
        #expect(approvals.contains("<thead><tr><th scope=\"col\">Partner</th><th scope=\"col\">Rating</th><th scope=\"col\">Position</th></tr></thead>"))
        #expect(approvals.contains("<tbody>\n" + [
            row("London Borough of Bromley", "green", "\u{25CF}", "Green: met", "Done 20 March 2024; due 31 March 2024"),
            row("Metropolitan Police Service", "green", "\u{25CF}", "Green: done late", "Done 3 April 2024, 3 days after 31 March 2024"),
            row("London Fire Brigade (London Fire Commissioner)", "amber", "\u{25B2}", "Amber: not shown as met (unconfirmed rule)",
                "Not shown as met: the approval date \u{201C}2024-3-25\u{201D} is not a date written YYYY-MM-DD"),
            row("Probation Service (London region)", "amber", "\u{25B2}", "Amber: overdue (unconfirmed rule)", "Due 31 March 2024; 10 days overdue"),
            row("NHS South East London Integrated Care Board", "amber", "\u{25B2}", "Amber: overdue (unconfirmed rule)", "Due 31 March 2024; 10 days overdue"),
        ].joined(separator: "\n") + "\n</tbody>"))
    }

    /// The cells after `lead` on its row: Markdown cells split at " | ", HTML cells at "</td>".
    static func cells(after lead: String, in text: String, format: String) throws -> [String] {
        split(try section(text, from: lead, to: format == "html" ? "</tr>" : "\n"), format: format)
    }

    /// A row's cells, from its text after the row header.
    static func split(_ row: String, format: String) -> [String] {
        if format == "html" {
            return row.components(separatedBy: "</td>").dropLast().map { $0.replacingOccurrences(of: "<td>", with: "") }
        }
        let trimmed = row.hasSuffix(" |") ? String(row.dropLast(2)) : row
        return trimmed.components(separatedBy: " | ")
    }

    /// For every partner, section 5 shows the rating and the timing Appendix A gives the same
    /// finding; only a finding that could not be read adds what is wrong after the timing.
    @Test(arguments: ["markdown", "html"])
    func sectionFiveAgreesWithTheAppendix(format: String) throws {
        let text = try Self.report(format)
        let html = format == "html"
        let approvals = html ? try Self.htmlApprovals(text) : try Self.markdownApprovals(text)
        let appendix = html ? try Self.section(text, from: "<h2 id=\"appendix\">", to: "</section>")
                            : try Self.section(text, from: "## Appendix A.", to: "## Appendix B.")
        for (id, name) in Self.partners {
            let row = try Self.cells(after: html ? "<tr><th scope=\"row\">\(name)</th>" : "| **\(name)** | ",
                                     in: approvals, format: format)
            let duty = "Each responsible authority has confirmed its acceptance of the plan: \(name)"
            // The rule checks local practice, not law, so it is marked unconfirmed.
            let rule = "Rule partner-approval; reading of the law not yet confirmed"
            // The appendix may add the rule's message, record paths and all, after the rule.
            let lead = html ? "\(duty)<span class=\"detail\">\(rule)" : "**\(duty)**<br>\(rule)"
            let rest = try Self.section(appendix, from: lead, to: html ? "</tr>" : "\n")
            let cells = try #require(rest.range(of: html ? "</th>" : " | ")).upperBound
            let entry = Self.split(String(rest[cells...]), format: format)
            try #require(row.count == 2 && entry.count >= 2, "\(id): \(row) \(entry)")
            #expect(row[0] == entry[0], "\(id): rating")
            #expect(row[1] == entry[1] || (id == "lfb" && row[1].hasPrefix(entry[1] + ": ")), "\(id): timing")
        }
    }

    @Test(arguments: [
        ("lfb, approved: 2024-02-30}", "Not shown as met: the approval date \u{201C}2024-02-30\u{201D} is not a real day"),
        ("lfb, approved: \"25/03/2024\"}", "Not shown as met: the approval date \u{201C}25/03/2024\u{201D} is not a date written YYYY-MM-DD"),
    ])
    func aValueThatIsNotADateSaysWhatIsWrong(entry: String, position: String) throws {
        let round = Self.mixedRound.replacingOccurrences(of: "lfb, approved: 2024-3-25}", with: entry)
        let approvals = try Self.markdownApprovals(try Self.report("markdown", edits: [(Self.shippedRound, round)]))
        #expect(approvals.contains("| **London Fire Brigade (London Fire Commissioner)** | \u{25B2} **Amber: not shown as met (unconfirmed rule)** | \(position) |"))
    }

    @Test func anUnreadableDueDateIsNamedOnEveryRow() throws {
        let due = "      due: 2024-03-31\n"
        for (value, problem) in [("TBC", "the due date \u{201C}TBC\u{201D} is not a date written YYYY-MM-DD"),
                                 ("null", "the due date is not recorded")] {
            let text = try Self.report("markdown", edits: [(Self.shippedRound, Self.mixedRound), (due, "      due: \(value)\n")])
            let approvals = try Self.markdownApprovals(text)
            #expect(approvals.contains("**Approvals of Safer Bromley Partnership Strategy 2024-27 (no due date recorded)**"))
            for (_, name) in Self.partners {
                #expect(approvals.contains("| **\(name)** | \u{25B2} **Amber: not shown as met (unconfirmed rule)** | Not shown as met: \(problem) |"), "\(value): \(name)")
            }
        }
    }

    @Test func noApprovalRoundSaysSo() throws {
        let text = try String(contentsOf: Fixtures.path(BoardCommandTests.record), encoding: .utf8)
        let start = try #require(text.range(of: "    approvals:\n"))
        let end = try #require(text.range(of: "    sent_to_policing_body:", range: start.upperBound..<text.endIndex))
        let round = String(text[start.lowerBound..<end.lowerBound])
        for format in ["markdown", "html"] {
            let report = try Self.report(format, edits: [(round, "")])
            #expect(report.contains("No partner approvals are recorded."), "\(format)")
        }
    }
}
