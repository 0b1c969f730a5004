import Foundation
import Reporters
import RuleEngine
import TestSupport
import Testing
import YAMLTree

@Suite("Board report")
struct BoardReportTests {
    let report = BoardFixtures.report()
    var record: RecordResult { report.records[0] }

    func html(_ report: Report? = nil, options: BoardReportOptions = BoardFixtures.options()) -> String {
        let report = report ?? self.report
        return BoardReport.html(report, record: report.records[0], options: options)
    }

    func markdown(_ report: Report? = nil, options: BoardReportOptions = BoardFixtures.options()) -> String {
        let report = report ?? self.report
        return BoardReport.markdown(report, record: report.records[0], options: options)
    }

    @Test func htmlMatchesGolden() {
        #expect(Golden.mismatch(html(), golden: "Tests/ReportersTests/Golden/report.fixture.html") == nil)
    }

    @Test func markdownMatchesGolden() {
        #expect(Golden.mismatch(markdown(), golden: "Tests/ReportersTests/Golden/report.fixture.md") == nil)
    }

    @Test func renderingIsReproducible() {
        #expect(html() == html())
        #expect(markdown() == markdown())
    }

    @Test func sectionsComeInTheIssueOrder() throws {
        // The record and rule packs come last, so that the first page is the position and the decisions.
        let headings = ["Statutory duties compliance report", "Prepared by", "Record and rule packs", "1. Summary",
                        "2. Decisions for the board", "3. Overdue items and gaps", "4. Due before the next meeting",
                        "5. Partner approvals", "6. Waivers", "7. Changes since the last report",
                        "Appendix A. Every duty checked", "Appendix B. The law cited",
                        "Appendix C. How this report was produced", "Checked by", "Rule pack"]
        for (name, text) in [("html", html()), ("markdown", markdown().replacingOccurrences(of: "\\.", with: "."))] {
            var cursor = text.startIndex
            for heading in headings {
                let found = try #require(text.range(of: heading, range: cursor..<text.endIndex),
                                         "\(name): \(heading) missing or out of order")
                cursor = found.upperBound
            }
        }
    }

    @Test func headingBlockNamesMeetingPreparerAndVersions() {
        let text = html()
        #expect(text.contains("<dt>Partnership</dt><dd>Safer Bromley Partnership</dd>"))
        #expect(text.contains("Board meeting, <time datetime=\"2024-02-29\">29 February 2024</time>"))
        #expect(text.contains("<dt>Prepared by</dt><dd>Community Safety Team</dd>"))
        #expect(text.contains("dutycheck 0.1.0"))
        #expect(text.contains("csp-england 2026.11"))
        #expect(text.contains(BoardFixtures.pack.sha256))
        #expect(text.contains(record.sha256))
        // The fingerprints are in Appendix C, which the heading points to, not on the first page.
        let header = String(text[(text.range(of: "<header>")?.upperBound ?? text.startIndex)..<(text.range(of: "</header>")?.lowerBound ?? text.endIndex)])
        #expect(header.contains("<dt>Record and rule packs</dt><dd><a href=\"#provenance\">See Appendix C</a></dd>"))
        #expect(!header.contains(record.sha256) && !header.contains(BoardFixtures.pack.sha256) && !header.contains("dutycheck 0.1.0"))
        #expect(text.contains("<h2 id=\"provenance\">Appendix C. How this report was produced</h2>"))
        let given = html(options: BoardReportOptions(meeting: BoardFixtures.meeting, preparedBy: "A. Officer",
                                                     generated: "2024-02-28T09:00:00Z"))
        #expect(given.contains("<dt>Prepared by</dt><dd>A. Officer</dd>"))
        #expect(given.contains("<dt>Generated</dt><dd>2024-02-28T09:00:00Z</dd>"))
        #expect(!html().contains("<dt>Generated</dt>"))
    }

    /// A record path has no break opportunities; the value column may break it anywhere and shrink
    /// below it, so the heading block does not widen the page at 320 CSS px (WCAG 1.4.10). The label
    /// column narrows with the page, so values keep room for whole words.
    @Test func headingValuesWrapAtNarrowWidths() {
        let text = html()
        #expect(text.contains(".summary-list dd { overflow-wrap: anywhere; min-width: 0; }"))
        #expect(text.contains(".summary-list { display: grid; grid-template-columns: clamp(8rem, 30%, 12rem) 1fr;"))
    }

    /// Red is kept for what the law is known to require: a gap under an unconfirmed rule, or under a
    /// rule given for information only (a local choice), is Amber; one whose confidence and severity
    /// an older report did not give stays Red, as does a statutory gap of severity warning.
    @Test(arguments: [
        (Status.overdue, Confidence?.some(.confirmed), Severity?.some(.error), BoardRating.red),
        (.missing, .confirmed, .error, .red), (.missing, .confirmed, .warning, .red),
        (.overdue, .unconfirmed, .error, .amber), (.missing, .unconfirmed, .warning, .amber), (.overdue, nil, nil, .red),
        (.missing, .confirmed, .info, .amber), (.overdue, nil, .info, .amber), (.met, .confirmed, .info, .green),
        (.dueSoon, .unconfirmed, .error, .amber), (.met, .unconfirmed, .error, .green),
        (.notApplicable, .unconfirmed, .error, .notApplicable),
    ])
    func unconfirmedAndInformationGapsAreAmber(status: Status, confidence: Confidence?, severity: Severity?, rating: BoardRating) {
        #expect(BoardRating(status, confidence: confidence, severity: severity) == rating)
    }

    @Test func summaryShowsEachRatingAsWordSymbolAndColour() {
        let text = html()
        #expect(text.contains("Of 13 duties checked as at 29 February 2024: 2 Red, 6 Amber, 4 Green and 1 Not applicable."))
        for rating in BoardRating.allCases {
            #expect(text.contains("<strong class=\"tag tag-\(rating.rawValue)\"><span class=\"symbol\" aria-hidden=\"true\">\(rating.symbol)</span> \(rating.word)</strong>"))
            #expect(text.contains(".tag-\(rating.rawValue) { color: \(rating.colours.foreground); background: \(rating.colours.background); }"))
            #expect(text.contains(rating.meaning.replacingOccurrences(of: "'", with: "&#39;")))
        }
        #expect(Set(BoardRating.allCases.map(\.symbol)).count == BoardRating.allCases.count)
        #expect(markdown().contains("| \u{25A0} **Red** | 2 |"))
    }

    /// The section of a Markdown report from `heading` up to the next `## `.
    func section(_ text: String, _ heading: String) throws -> String {
        let start = try #require(text.range(of: "## " + heading)?.upperBound)
        let end = text[start...].range(of: "\n## ")?.lowerBound ?? text.endIndex
        return String(text[start..<end])
    }

    /// The board is asked about its own deadlines that fall before it next meets (23 May 2024), even
    /// outside the rule's warning window today; not about one due after that, nor one already done.
    /// Red comes before Amber however the rules' severities compare, and a done item due before the
    /// meeting says what was done rather than asking for it again.
    @Test func decisionsCoverTheBoardsDeadlinesBeforeItNextMeets() throws {
        func board(_ rule: String, _ title: String, status: Status, severity: Severity = .error, confidence: Confidence = .confirmed,
                   due: CivilDate?, done: CivilDate? = nil, message: String = "Message.") -> Finding {
            BoardFixtures.finding(rule, title, duty: "Duty.", status: status, severity: severity,
                                  level: status == .met ? nil : (confidence == .unconfirmed ? .warning : severity),
                                  confidence: confidence, due: due, done: done, owners: ["board"], message: message,
                                  remedy: "Do \(rule).", basis: [BoardFixtures.cda6])
        }
        let findings = [
            board("before-meeting", "Decide before the meeting", status: .met, due: BoardFixtures.date(2024, 4, 15)),
            board("after-meeting", "Decide after the meeting", status: .met, due: BoardFixtures.date(2024, 6, 30)),
            board("already-done", "Already decided", status: .met, due: BoardFixtures.date(2024, 4, 1), done: BoardFixtures.date(2024, 2, 20),
                  message: "Decided on 20 February 2024."),
            board("amber-gap", "An unconfirmed gap", status: .overdue, severity: .error, confidence: .unconfirmed, due: BoardFixtures.date(2024, 1, 31)),
            board("red-gap", "A statutory gap", status: .overdue, severity: .warning, due: BoardFixtures.date(2024, 2, 15)),
        ]
        let text = markdown(BoardFixtures.report(findings: findings))
        let decisions = try section(text, "2\\. Decisions for the board")
        #expect(decisions.contains("Decide before the meeting"))
        #expect(!decisions.contains("Decide after the meeting"))
        #expect(!decisions.contains("Already decided"))
        let red = decisions.range(of: "A statutory gap"), amber = decisions.range(of: "An unconfirmed gap")
        #expect(red != nil && amber != nil)
        if let red, let amber { #expect(red.lowerBound < amber.lowerBound) }
        let upcoming = try section(text, "4\\. Due before the next meeting")
        #expect(upcoming.contains("Decided on 20 February 2024."))
        #expect(!upcoming.contains("Do already-done."))
        #expect(upcoming.contains("Do before-meeting."))
    }

    /// A waiver whose subject no finding of its rule has (a misspelling) names the subjects they have,
    /// so the board does not retire it as merely unused.
    @Test func aMisspeltWaiverSubjectNamesTheSubjectsFound() throws {
        var report = BoardFixtures.report()
        report.records[0].waivers.append(WaiverOutcome(
            rule: "partner-approval", subject: "sel_icb", reason: "Board cycle.", approvedBy: "Co-Chairs", reference: nil,
            until: BoardFixtures.date(2024, 6, 30), state: .unused, location: SourceLocation(line: 99, column: 5),
            subjectsFound: ["lbb", "sel-icb"]))
        let waivers = try section(markdown(report), "6\\. Waivers")
        #expect(waivers.contains("Unused: no finding of its rule has this subject (they have: lbb, sel-icb)"))
    }

    /// An expired waiver that a later one for the same rule renews is no longer a warning, and an
    /// active one ending before the next meeting (23 May 2024), or with no later meeting recorded
    /// before the end of the 90 days the report looks ahead, is: the board can renew it or act now.
    @Test func waiversSayWhenRenewedAndWhenTheyEndBeforeTheNextMeeting() throws {
        func waiver(_ rule: String, until: CivilDate, _ state: WaiverOutcome.State) -> WaiverOutcome {
            WaiverOutcome(rule: rule, subject: nil, reason: "Reason.", approvedBy: "Co-Chairs", reference: nil,
                          until: until, state: state, location: SourceLocation(line: 99, column: 5))
        }
        var report = BoardFixtures.report()
        // The fixture's expired waiver, for data-shared-quarterly, is renewed.
        report.records[0].waivers.append(waiver("data-shared-quarterly", until: BoardFixtures.date(2024, 12, 31), .active))
        report.records[0].waivers.append(waiver("plan-in-force", until: BoardFixtures.date(2024, 4, 30), .active))
        let text = markdown(report)
        let waivers = try section(text, "6\\. Waivers")
        #expect(waivers.contains("Expired; renewed until 31 December 2024"))
        #expect(waivers.contains("**Active; ends before 23 May 2024: renew it or act**"))
        #expect(text.contains("> **Warning:** 1 waiver ends before the next meeting (23 May 2024). See section 6."))
        // With no later meeting recorded, the window is the 90 days after this one, to 29 May 2024.
        var alone = BoardFixtures.report(meetings: [("2024-02-29", "board")])
        alone.records[0].waivers.append(waiver("plan-in-force", until: BoardFixtures.date(2024, 4, 30), .active))
        let withoutNextMeeting = markdown(alone)
        #expect(withoutNextMeeting.contains("**Active; ends before 29 May 2024: renew it or act**"))
        #expect(withoutNextMeeting.contains("1 waiver has expired and no longer covers anything and 1 waiver ends before 29 May 2024. See section 6."))
        #expect(!text.contains("waiver has expired"))
    }

    @Test func theSummaryWarningSaysGapsAreNotShownAsMet() {
        #expect(markdown().contains("not shown as met. See section 3."))
        #expect(!markdown().contains("nothing recorded"))
    }

    @Test func decisionsComeFromItemsTheBoardOwns() throws {
        let text = html()
        let section = try #require(text.range(of: "id=\"decisions\"")?.upperBound)
        let end = try #require(text.range(of: "id=\"overdue\"")?.lowerBound)
        let decisions = String(text[section..<end])
        #expect(decisions.contains("That the Board notes the compliance position as at 29 February 2024."))
        #expect(decisions.contains("A partnership plan is in force"))
        // Not the board's, and not Red: partners' approvals (due soon, under a local-practice rule).
        #expect(!decisions.contains("Each responsible authority has confirmed"))
        // The council's Red scrutiny gap is the council's to act on: the board secures it.
        #expect(decisions.contains("That the Board secures action from London Borough of Bromley on the duty <strong>\u{201C}The crime and disorder committee reviews the partnership each year\u{201D}</strong>"))
        // The board's, but not for decision: met, waived.
        #expect(!decisions.contains("strategic assessment"))
        #expect(!decisions.contains("serious violence"))
    }

    @Test func overdueItemsSayWhatWhyWhoSinceAndWhatToDo() throws {
        let text = html()
        let start = try #require(text.range(of: "id=\"overdue\"")?.upperBound)
        let end = try #require(text.range(of: "id=\"upcoming\"")?.lowerBound)
        let section = String(text[start..<end])
        #expect(section.contains("<th scope=\"col\">What</th><th scope=\"col\">Rating</th><th scope=\"col\">Why: the law</th><th scope=\"col\">Who</th><th scope=\"col\">Since when</th><th scope=\"col\">What to do</th>"))
        #expect(section.contains("<a href=\"https://www.legislation.gov.uk/ukpga/1998/37/section/17A\">Crime and Disorder Act 1998, section 17A</a>"))
        #expect(section.contains("Due 31 January 2024; 29 days overdue"))
        #expect(section.contains("London Borough of Bromley, Metropolitan Police Service"))
        #expect(section.contains("Share the quarter&#39;s depersonalised data"))
        // Error-level gap before the warning-level overdue item.
        let gap = try #require(section.range(of: "crime and disorder committee reviews"))
        let overdue = try #require(section.range(of: "Depersonalised information"))
        #expect(gap.lowerBound < overdue.lowerBound)
        #expect(!section.contains("A partnership plan is in force"))
    }

    @Test func upcomingRunsToTheNextBoardMeeting() throws {
        let text = html()
        let start = try #require(text.range(of: "id=\"upcoming\"")?.upperBound)
        let end = try #require(text.range(of: "id=\"approvals\"")?.lowerBound)
        let section = String(text[start..<end])
        // 23 May 2024 is the next board meeting; 19 March is a scrutiny meeting and does not count.
        #expect(section.contains("between 29 February 2024 and 23 May 2024, the date of the next board meeting"))
        #expect(section.contains("A partnership plan is in force"))
        #expect(section.contains("The agreed strategy is published"))
        #expect(section.contains("Green: not yet due"))
        #expect(!section.contains("strategic assessment"), "due in August, after the next meeting")
        // A met item with a completion date stays listed: it may be a recurring duty's next round.
        #expect(section.contains("London Fire Brigade</th><td><strong class=\"tag tag-green\"><span class=\"symbol\" aria-hidden=\"true\">\u{25CF}</span> Green: met</strong>"))
        #expect(!section.contains("Depersonalised"), "overdue items belong to section 3")
    }

    @Test func upcomingFallsBackToNinetyDaysWithoutALaterMeeting() {
        let report = BoardFixtures.report(meetings: [("2024-02-29", "board")])
        let text = html(report)
        #expect(text.contains("No later board meeting is recorded, so this section runs to 90 days after this meeting: duties falling due between 29 February 2024 and 29 May 2024."))
        #expect(text.contains("<dt>Next meeting</dt><dd>None recorded</dd>"))
        let given = html(report, options: BoardReportOptions(meeting: BoardFixtures.meeting,
                                                            nextMeeting: BoardFixtures.date(2024, 3, 21)))
        #expect(given.contains("between 29 February 2024 and 21 March 2024, the date of the next board meeting"))
    }

    @Test func partnerApprovalsShowEachPartner() {
        let text = html()
        #expect(text.contains("<caption>Approvals of Safer Bromley Partnership Strategy 2024-27, due 31 March 2024</caption>"))
        #expect(text.contains("<tr><th scope=\"row\">London Fire Brigade</th><td><strong class=\"tag tag-green\">"))
        #expect(text.contains("Done 20 February 2024; due 31 March 2024</td></tr>"))
        #expect(text.contains("<tr><th scope=\"row\">Metropolitan Police Service</th><td><strong class=\"tag tag-amber\">"))
        #expect(text.contains("Amber: due soon</strong></td><td>Due 31 March 2024; 31 days left</td></tr>"))
    }

    @Test func waiversShowReasonApproverExpiryAndState() {
        let text = html()
        #expect(text.contains("SBP Co-Chair Panel"))
        #expect(text.contains("<time datetime=\"2024-06-30\">30 June 2024</time>"))
        #expect(text.contains("Expired: no longer covers anything"))
        #expect(text.contains("1 waiver has expired and no longer covers anything."))
        let soonest = text.range(of: "Data warehouse migration")!.lowerBound
        let later = text.range(of: "no separate strategy will be written")!.lowerBound
        #expect(soonest < later)
    }

    /// Each change is a row headed by the item it is about (WCAG 1.3.1), in HTML and in Markdown.
    @Test func changesSinceTheLastReport() throws {
        let text = html()
        let start = try #require(text.range(of: "id=\"changes\"")?.upperBound)
        let end = try #require(text.range(of: "id=\"appendix\"")?.lowerBound)
        let changes = String(text[start..<end])
        #expect(changes.contains("Compared with the report as at 6 December 2023."))
        #expect(changes.contains("<th scope=\"col\">Item</th><th scope=\"col\">Change</th><th scope=\"col\">Before</th><th scope=\"col\">Now</th>"))
        #expect(changes.contains("<tr><th scope=\"row\">A partnership plan is in force</th><td>Now needs attention</td><td>Green: not yet due, due 31 March 2024</td><td>Amber: due soon, due 31 March 2024</td></tr>"))
        #expect(changes.contains("<tr><th scope=\"row\">Depersonalised information is shared every quarter</th><td>Changed</td><td>Amber: waived, due 31 January 2024</td><td>Red: overdue, due 31 January 2024</td></tr>"))
        #expect(changes.contains("<tr><th scope=\"row\">Communities are consulted on priorities</th><td>Resolved</td>"))
        #expect(changes.contains("<tr><th scope=\"row\">An annual report goes to the police and crime commissioner</th><td>No longer checked</td><td>Red: overdue, due 30 November 2023</td><td>Not checked</td></tr>"))
        #expect(!changes.contains("The crime and disorder committee reviews the partnership each year"), "unchanged")
        let none = html(options: BoardFixtures.options(changes: nil))
        #expect(none.contains("No previous report was supplied"))
        let markdownChanges = try section(markdown(), "7\\. Changes since the last report")
        #expect(markdownChanges.contains("| Item | Change | Before | Now |"))
        #expect(markdownChanges.contains("| **A partnership plan is in force** | Now needs attention | Green: not yet due, due 31 March 2024 | Amber: due soon, due 31 March 2024 |"))
    }

    @Test func changeDiffClassifiesItems() {
        let current = BoardFixtures.findings
        let same = ChangesSinceLastReport(previousAsOf: nil, previous: current.map(FindingSnapshot.init), current: current)
        #expect(same.items.isEmpty)
        let fresh = ChangesSinceLastReport(previousAsOf: nil, previous: [], current: current)
        #expect(fresh.items.allSatisfy { $0.kind == .new })
        #expect(fresh.items.count == current.filter { ChangesSinceLastReport.needsAttention($0.status) }.count)
        var moved = current.map(FindingSnapshot.init)
        moved[0].due = BoardFixtures.date(2024, 3, 1)
        let changed = ChangesSinceLastReport(previousAsOf: nil, previous: moved, current: current)
        #expect(changed.items.map(\.kind) == [.changed])
        #expect(changed.items.first?.rule == "plan-in-force")
    }

    @Test func appendixListsEveryDutyWithStatusAndCitation() throws {
        let text = html()
        let start = try #require(text.range(of: "id=\"appendix\"")?.upperBound)
        let appendix = String(text[start...])
        #expect(appendix.contains("Every duty checked (13)"))
        for finding in BoardFixtures.findings {
            #expect(appendix.contains("Rule \(finding.rule)"))
            for citation in finding.basis { #expect(appendix.contains(citation.url)) }
        }
        #expect(appendix.contains("reading of the law not yet confirmed"))
        // Appendix B numbers each provision once, by title; Appendix A refers to the numbers.
        #expect(appendix.contains("<li id=\"law-2\"><a href=\"https://www.legislation.gov.uk/ukpga/1998/37/section/17A\">Crime and Disorder Act 1998, section 17A</a>"))
        #expect(appendix.components(separatedBy: "<li id=\"law-").count - 1 == 6)
        // The link's text names the provision for a screen reader; sighted readers see [3].
        #expect(appendix.contains("<a href=\"#law-3\" title=\"Crime and Disorder Act 1998, section 6\">[3]<span class=\"visually-hidden\"> Crime and Disorder Act 1998, section 6</span></a>"))
        #expect(text.contains(".visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }"))
        // It scrolls with its table on screen; in print the wrapper is not positioned, keeping the PDF's text in order.
        #expect(text.contains(".table-wrap { position: relative; overflow-x: auto;"))
        #expect(text.contains(".table-wrap { overflow: visible; position: static; }"))
    }

    // MARK: Structure, safety and print

    @Test func htmlIsSelfContainedAndAccessible() {
        let text = html()
        #expect(text.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
        #expect(text.contains("<title>Statutory duties compliance report: Safer Bromley Partnership, meeting of 29 February 2024</title>"))
        #expect(text.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
        for forbidden in ["<script", "<img", "<link", "<iframe", "<object", "<svg", "src=", "url(", "@import", "@font-face"] {
            #expect(!text.lowercased().contains(forbidden), "\(forbidden)")
        }
        #expect(text.firstMatch(of: try! Regex("<[^>]*\\son[a-z]+=")) == nil, "no event-handler attributes")
        // Every external reference is a citation link.
        let hrefs = text.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!hrefs.isEmpty)
        #expect(hrefs.allSatisfy { $0.hasPrefix("https://www.legislation.gov.uk/") || $0.hasPrefix("#law-") || $0 == "#provenance" })
        for target in hrefs where target.hasPrefix("#") {
            #expect(text.contains("id=\"\(target.dropFirst())\""), "\(target) points nowhere")
        }
        #expect(text.components(separatedBy: "<h1>").count == 2)
    }

    @Test func everyHeaderCellHasAScopeAndEveryTableACaption() throws {
        let text = html()
        let headerCells = text.components(separatedBy: "<th ").dropFirst()
        #expect(!text.contains("<th>"))
        #expect(!headerCells.isEmpty)
        for cell in headerCells {
            #expect(cell.hasPrefix("scope=\"col\"") || cell.hasPrefix("scope=\"row\""), "\(cell.prefix(40))")
        }
        let tables = text.components(separatedBy: "<table").count - 1
        #expect(tables == text.components(separatedBy: "<caption").count - 1)
        #expect(tables == text.components(separatedBy: "<thead>").count - 1)
    }

    /// Badges wrap inside their cells at 200% zoom or on a narrow screen; a table of four or more
    /// columns keeps a minimum width and scrolls in a wrapper that is named by its caption and can
    /// be scrolled from the keyboard (WCAG 1.4.4, 1.4.10, 2.1.1).
    @Test func wideTablesScrollInAFocusableRegionAndBadgesWrap() throws {
        let text = html()
        #expect(text.contains(".tag { display: inline-block; box-sizing: border-box; max-width: 100%; padding: 0.1rem 0.45rem; border: 1px solid currentColor; font-weight: bold; overflow-wrap: anywhere; }"))
        #expect(!text.contains("tbody th .tag"), "a badge in a row header wraps too")
        #expect(text.contains("table.wide { min-width: 40rem; }"))
        let region = try Regex("^ role=\"region\" tabindex=\"0\" aria-labelledby=\"(table-[0-9]+)\">\n<table class=\"wide\">\n<caption id=\"(table-[0-9]+)\">")
        var wide = 0
        for table in text.components(separatedBy: "<div class=\"table-wrap\"").dropFirst() {
            let header = table.components(separatedBy: "</thead>")[0]
            let columns = header.components(separatedBy: "<th scope=\"col\"").count - 1
            if columns >= 4 {
                let match = try #require(table.firstMatch(of: region), "\(header)")
                #expect(match.output[1].substring == match.output[2].substring)
                wide += 1
            } else {
                #expect(table.hasPrefix(">\n<table"), "\(header)")
            }
        }
        #expect(wide == 5)
    }

    @Test func printStylesTargetA4() {
        let text = html()
        #expect(text.contains("size: A4 portrait;"))
        #expect(text.contains("@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages);"))
        #expect(text.contains("thead { display: table-header-group; }"))
        #expect(text.contains("tr, li, .summary-list div, .warning { break-inside: avoid;"))
        #expect(text.contains("print-color-adjust: exact"))
    }

    @Test func hostilePartnerNameIsInertInHTMLAndMarkdown() {
        let report = BoardFixtures.report(partnerName: BoardFixtures.hostileName)
        let page = html(report)
        #expect(!page.contains("<script"))
        #expect(!page.contains("alert(1)</"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;"))
        let text = markdown(report)
        #expect(!text.replacingOccurrences(of: "\\<", with: "").contains("<script"), "every < is escaped")
        #expect(text.contains("\\<script\\>alert(1)\\</script\\> \\& \"quoted\""))
    }

    @Test func hostilePartnershipNameCannotLeaveTheStyleSheet() {
        let name = "Evil</style><script>alert(1)</script>\" } body { display: none } @page { @top-left { content: \"x"
        let page = html(BoardFixtures.report(partnershipName: name))
        #expect(page.components(separatedBy: "</style>").count == 2)
        #expect(!page.contains("<script"))
        let style = page.components(separatedBy: "<style>")[1].components(separatedBy: "</style>")[0]
        #expect(!style.contains("Evil<"))
        #expect(!style.contains("display: none"))
        #expect(style.contains("Evil\\3c \\2f style\\3e "))
    }

    @Test func escapingCoversEveryContext() {
        let report = BoardFixtures.report(partnerName: "A | B\nC\u{2028}D # *E* [F](javascript:x) `G` 1. H\u{0}")
        let text = markdown(report)
        #expect(text.contains("A \\| B<br>C<br>D # \\*E\\* \\[F\\](javascript:x) \\`G\\` 1. H\u{FFFD}"))
        let page = html(report)
        #expect(page.contains("A | B C D # *E* [F](javascript:x) `G` 1. H\u{FFFD}"))
    }

    @Test func nonHTTPCitationURLsAreNotLinked() {
        var findings = BoardFixtures.findings
        findings[0].basis = [Citation(id: "x", title: "Bad link", url: "javascript:alert(1)", kind: .guidance)]
        let report = BoardFixtures.report(findings: findings)
        #expect(!html(report).contains("javascript:"))
        #expect(html(report).contains(">Bad link</li>"))
        #expect(!markdown(report).contains("](javascript"))
    }
}

extension BoardReportTests {
    /// A waiver carries only the subject it names; the report shows it as the findings label it,
    /// with the subject the waiver names.
    @Test func aWaiverForAnItemShowsTheItemsLabel() {
        var report = BoardFixtures.report()
        report.records[0].waivers.append(
            WaiverOutcome(rule: "partner-approval", subject: "met-police", reason: "Approval moved to the May committee.",
                          approvedBy: "SBP Co-Chair Panel", reference: nil, until: BoardFixtures.date(2024, 5, 31),
                          state: .unused, location: YAMLTree.SourceLocation(line: 95, column: 5)))
        let text = markdown(report)
        #expect(text.contains("**Each responsible authority has confirmed its acceptance of the plan: Metropolitan Police Service (met-police)**"))
        #expect(!text.contains("strategy: met-police"))
    }
}

extension BoardReportTests {
    /// A change item reads as today's finding does, even when today's has no label and the earlier
    /// report's had one; only an item no longer checked takes the earlier label.
    @Test func aChangeItemIsShownAsTodaysFindingShowsIt() {
        let date = BoardFixtures.date(2024, 3, 31)
        let before = FindingSnapshot(rule: "r", subject: "lbb", title: "T", status: .overdue, due: date, label: "Old Name")
        let today = FindingSnapshot(rule: "r", subject: "lbb", title: "T", status: .met, due: date)
        let stillChecked = ChangeItem(kind: .resolved, rule: "r", subject: "lbb", title: "T", before: before, after: today)
        let gone = ChangeItem(kind: .resolved, rule: "r", subject: "lbb", title: "T", before: before, after: nil)
        #expect(stillChecked.shownSubject == "lbb")
        #expect(gone.shownSubject == "Old Name")
    }
}
