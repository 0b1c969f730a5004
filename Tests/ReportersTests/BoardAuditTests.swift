import Reporters
import RuleEngine
import Testing

/// What the board reads is honest and plain: duties counted as duties, a round still to do not
/// shown as met, one action asked once, titles quoted as names, no record paths in the body, a
/// caption that fits the change words, partners' Red gaps put to the board, late work reported.
@Suite("Board report audit fixes")
struct BoardAuditTests {
    static func markdown(_ findings: [Finding], changes: ChangesSinceLastReport? = nil) -> String {
        let report = BoardFixtures.report(findings: findings)
        return BoardReport.markdown(report, record: report.records[0], options: BoardFixtures.options(changes: changes))
    }

    static func html(_ findings: [Finding], changes: ChangesSinceLastReport? = nil) -> String {
        let report = BoardFixtures.report(findings: findings)
        return BoardReport.html(report, record: report.records[0], options: BoardFixtures.options(changes: changes))
    }

    /// The text from `start` up to `end` (or the end of the text).
    static func between(_ text: String, _ start: String, _ end: String) throws -> String {
        let lower = try #require(text.range(of: start)?.upperBound, "\(start) missing")
        let upper = text.range(of: end, range: lower..<text.endIndex)?.lowerBound ?? text.endIndex
        return String(text[lower..<upper])
    }

    static func board(_ rule: String, _ title: String, status: Status, due: CivilDate? = nil, done: CivilDate? = nil,
                      owners: [String] = ["board"], message: String = "Message.", remedy: String = "Remedy.") -> Finding {
        BoardFixtures.finding(rule, title, duty: "Duty.", status: status,
                              level: [.overdue, .missing].contains(status) ? .error : (status == .dueSoon ? .warning : nil),
                              due: due, done: done, days: status == .dueSoon ? 31 : nil, owners: owners,
                              message: message, remedy: remedy, basis: [BoardFixtures.si2007])
    }

    static func recordCheck(_ rule: String, status: Status) -> Finding {
        var finding = board(rule, "A record check \(rule)", status: status)
        finding.pack = "record-quality"
        return finding
    }

    // MARK: 1. Record checks are not duties

    @Test func recordChecksAreCountedApartFromDuties() {
        let findings = BoardFixtures.findings + [Self.recordCheck("names-a-plan", status: .missing),
                                                 Self.recordCheck("known-nation", status: .met)]
        let text = Self.markdown(findings)
        #expect(text.contains("\nOf 13 duties checked as at 29 February 2024: 2 Red, 6 Amber, 4 Green and 1 Not applicable.\n"))
        #expect(text.contains("\nThe record itself also went through 2 quality checks (record-quality), which are not duties "
                              + "and are counted apart: 1 Amber, 1 Green and 0 Not applicable.\n"))
        #expect(text.contains("> **Warning:** 1 duty is overdue and 1 duty is not shown as met; 1 check of the record itself is not met. See section 3.\n"))
        #expect(text.contains("| \u{25A0} **Red** | 2 |"))
        #expect(text.contains("**Every duty checked (13), and 2 checks of the record itself**"))
        #expect(text.contains("**A record check names-a-plan**<br>Rule names-a-plan; a check of the record, not a duty |"))
        // Without record checks, nothing is said about them.
        #expect(!Self.markdown(BoardFixtures.findings).contains("The record itself"))
    }

    // MARK: 2. A round still to do is not met

    @Test func theNextRoundOfARecurringDutyIsDueNotMet() throws {
        var recurring = Self.board("assessment", "A strategic assessment is prepared every year", status: .met,
                                   due: BoardFixtures.date(2024, 4, 15), done: BoardFixtures.date(2023, 8, 24),
                                   message: "Last completed on 24 August 2023.", remedy: "Complete the 2024 assessment.")
        recurring.isRecurring = true
        let early = Self.board("early", "A one-off deadline finished early", status: .met,
                               due: BoardFixtures.date(2024, 4, 1), done: BoardFixtures.date(2024, 2, 20),
                               message: "Done on 20 February 2024.")
        let text = Self.markdown([recurring, early])
        let upcoming = try Self.between(text, "## 4\\. Due before the next meeting", "## 5\\.")
        #expect(upcoming.contains("| **A strategic assessment is prepared every year** | \u{25CF} **Green: not yet due** | 15 April 2024 | The board | Complete the 2024 assessment. |"))
        #expect(upcoming.contains("| **A one-off deadline finished early** | \u{25CF} **Green: met** | 1 April 2024 | The board | Done on 20 February 2024. |"))
        let decisions = try Self.between(text, "## 2\\. Decisions for the board", "## 3\\.")
        #expect(decisions.contains("2. That the Board agrees how it will meet the duty **\u{201C}A strategic assessment is prepared every year\u{201D}** "
                                   + "(\u{25CF} **Green: not yet due**; Next due by 15 April 2024; last done 24 August 2023). Proposed action: Complete the 2024 assessment.\n"))
        #expect(!decisions.contains("finished early"))
        #expect(text.contains("| **A strategic assessment is prepared every year**<br>Rule assessment | \u{25CF} **Green: not yet due** | Next due by 15 April 2024; last done 24 August 2023 |"))
    }

    // MARK: 3. One plan revision asks for action

    static let coming: Finding = {
        var coming = Self.board("cda-plan-revision-for-coming-year", "The plan is revised before each coming year starts",
                                status: .dueSoon, due: BoardFixtures.date(2024, 3, 31), remedy: "Revise the plan before 1 April 2024.")
        coming.subject = "2024-04-01"
        coming.label = "1 April 2024"
        return coming
    }()

    /// On 29 February 2024 the year under way was drawing to its end, its revision due by 31 March,
    /// and so was the coming year's: both asked the board to revise the plan before 1 April.
    @Test func onlyTheComingYearsRevisionAsksForAction() throws {
        var dueSoon = Self.board("cda-plan-revised-before-year", "The plan was revised before the current April to March year began",
                                 status: .dueSoon, due: BoardFixtures.date(2024, 3, 31), remedy: "Revise the plan before 1 April.")
        dueSoon.days = 31
        let decisions = try Self.between(Self.markdown([dueSoon, Self.coming]), "## 2\\. Decisions for the board", "## 3\\.")
        #expect(decisions.contains("2. That the Board agrees how it will meet the duty **\u{201C}The plan is revised before each coming year starts: 1 April 2024\u{201D}**"))
        #expect(!decisions.contains("current April to March year"))
        #expect(!decisions.contains("3. "))
        // Without a coming year to revise for, the year under way still asks; so it does while the
        // coming year's deadline is after the next meeting (23 May 2024) and asks for nothing yet.
        let asks = "2. That the Board agrees how it will meet the duty **\u{201C}The plan was revised before the current April to March year began\u{201D}**"
        #expect(Self.markdown([dueSoon]).contains(asks))
        var later = Self.coming
        later.status = .met
        later.level = nil
        later.days = nil
        later.due = BoardFixtures.date(2025, 3, 31)
        let distant = try Self.between(Self.markdown([dueSoon, later]), "## 2\\. Decisions for the board", "## 3\\.")
        #expect(distant.contains(asks))
        #expect(!distant.contains("each coming year"))
    }

    /// When the year under way has no recorded revision at all, that is a Red gap of its own, not
    /// the coming year's revision asked again: it stays in Decisions beside the coming year's.
    @Test func aMissingRevisionForTheYearUnderWayStillAsksForAction() throws {
        let current = Self.board("cda-plan-revised-before-year", "The plan was revised before the current April to March year began",
                                 status: .missing, remedy: "Revise the plan before 1 April.")
        let coming = Self.coming
        let text = Self.markdown([current, coming])
        let decisions = try Self.between(text, "## 2\\. Decisions for the board", "## 3\\.")
        #expect(decisions.contains("\n2. That the Board agrees action on the duty **\u{201C}The plan was revised before the current April to March year began\u{201D}** "
                                   + "(\u{25A0} **Red: not shown as met**). Proposed action: Revise the plan before 1 April.\n"))
        #expect(decisions.contains("\n3. That the Board agrees how it will meet the duty **\u{201C}The plan is revised before each coming year starts: 1 April 2024\u{201D}**"))
        #expect(!decisions.contains("4. "))
        // The past gap is reported in section 3 as well.
        let gaps = try Self.between(text, "## 3\\. Overdue items and gaps", "## 4\\.")
        #expect(gaps.contains("| **The plan was revised before the current April to March year began**<br>Message. | \u{25A0} **Red: not shown as met** |"))
    }

    // MARK: 4. Titles read as names

    @Test func recommendationsQuoteTheTitle() {
        let finding = Self.board("assessment", "A strategic assessment is prepared during each year", status: .missing,
                                 remedy: "Prepare the assessment.")
        #expect(Self.markdown([finding]).contains("\n2. That the Board agrees action on the duty **\u{201C}A strategic assessment is prepared during each year\u{201D}** "
                                                  + "(\u{25A0} **Red: not shown as met**). Proposed action: Prepare the assessment.\n"))
        #expect(Self.html([finding]).contains("<li>That the Board agrees action on the duty <strong>\u{201C}A strategic assessment is prepared during each year\u{201D}</strong> "
                                              + "(<strong class=\"tag tag-red\"><span class=\"symbol\" aria-hidden=\"true\">\u{25A0}</span> Red: not shown as met</strong>). "
                                              + "Proposed action: Prepare the assessment.</li>"))
    }

    // MARK: 5. No record paths in the body

    @Test func theBodyNamesNoRecordPaths() throws {
        let finding = Self.board("assessment", "A strategic assessment is prepared during each year", status: .missing,
                                 message: "No strategic assessment is recorded with a completion date inside the year it is recorded for. "
                                    + "(strategic_assessments[0].completed is the string \"TBC\", not a date (dates are written YYYY-MM-DD).)",
                                 remedy: "Record the completion date in strategic_assessments (plans[0].approvals.by lists the partners).")
        let markdown = Self.markdown([finding])
        let body = try Self.between(markdown, "## 1\\. Summary", "## Appendix A.")
        #expect(body.contains("| **A strategic assessment is prepared during each year**<br>No strategic assessment is recorded with a completion date inside the year it is recorded for. |"))
        #expect(body.contains("Proposed action: Record the completion date in strategic assessments.\n"))
        #expect(!body.contains("\\_") && !body.contains("\\["))
        let appendix = try Self.between(markdown, "## Appendix A.", "## Appendix B.")
        #expect(appendix.contains("Rule assessment<br>In the record: No strategic assessment is recorded with a completion date inside the year it is recorded for. "
                                  + "(strategic\\_assessments\\[0\\].completed is the string \"TBC\", not a date (dates are written YYYY-MM-DD).)"))
        let html = Self.html([finding])
        let htmlBody = try Self.between(html, "<main>", "<h2 id=\"appendix\">")
        #expect(!htmlBody.contains("strategic_assessments") && !htmlBody.contains("plans[0]"))
        #expect(htmlBody.contains("<span class=\"detail\">No strategic assessment is recorded with a completion date inside the year it is recorded for.</span>"))
        #expect(try Self.between(html, "<h2 id=\"appendix\">", "</section>").contains("(strategic_assessments[0].completed is the string"))
    }

    /// Only record paths are reworded: addresses, abbreviations and asides without a path stay.
    @Test func plainWordsLeaveAddressesAndOtherAsidesAlone() {
        let remedy = "Write to community_safety@example.org (e.g. the clerk), see https://example.org/a_b and record it in public_meetings."
        let finding = Self.board("meeting", "A public meeting is held", status: .missing, remedy: remedy)
        #expect(Self.markdown([finding]).contains("Proposed action: Write to community\\_safety@example.org (e.g. the clerk), "
                                                  + "see https://example.org/a_b and record it in public meetings.\n"))
    }

    // MARK: 6. The changes caption

    @Test func theChangesCaptionFitsEveryChangeWord() throws {
        let markdown = Self.markdown(BoardFixtures.findings, changes: BoardFixtures.changes)
        #expect(markdown.contains("\n**Items whose position has changed since the last report**\n"))
        #expect(!markdown.contains("New, changed and resolved items"))
        let html = Self.html(BoardFixtures.findings, changes: BoardFixtures.changes)
        #expect(html.contains("\">Items whose position has changed since the last report</caption>"))
        #expect(!html.contains("New, changed and resolved items"))
    }

    // MARK: 7. Partners' Red gaps and late work

    @Test func partnersRedGapsAreForTheBoardToSecure() throws {
        let partners = Self.board("protocol", "An information sharing protocol is in place", status: .missing,
                                  owners: ["lbb", "met-police", "lfb"], remedy: "Agree the protocol.")
        let amber = Self.board("local", "A local choice", status: .missing, owners: ["lbb"])
        var local = amber
        local.severity = .info
        let text = Self.markdown([partners, local])
        let decisions = try Self.between(text, "## 2\\. Decisions for the board", "## 3\\.")
        #expect(decisions.contains("\n2. That the Board secures action from London Borough of Bromley, Metropolitan Police Service and London Fire Brigade "
                                   + "on the duty **\u{201C}An information sharing protocol is in place\u{201D}** (\u{25A0} **Red: not shown as met**). Proposed action: Agree the protocol.\n"))
        // An Amber gap a partner owns is theirs to manage.
        #expect(!decisions.contains("A local choice"))
    }

    /// Without a previous report, a deadline missed and met since the last board meeting (6
    /// December 2023) is still in the body, in section 3; one done late before then is not.
    @Test func aDeadlineMissedAndMetSinceTheLastMeetingIsInSectionThree() throws {
        var recent = Self.board("recent", "The annual report is sent", status: .late, due: BoardFixtures.date(2024, 1, 31),
                                done: BoardFixtures.date(2024, 2, 10))
        recent.days = 10
        var old = Self.board("old", "The older report is sent", status: .late, due: BoardFixtures.date(2023, 10, 31),
                             done: BoardFixtures.date(2023, 11, 10))
        old.days = 10
        let text = Self.markdown([recent, old])
        let gaps = try Self.between(text, "## 3\\. Overdue items and gaps", "## 4\\.")
        #expect(gaps == "\n\nNothing is overdue and nothing required is missing.\n\n**Deadlines missed and then met since 6 December 2023**\n\n"
                + "| What | Rating | Who | When |\n|---|---|---|---|\n"
                + "| **The annual report is sent** | \u{25CF} **Green: done late** | The board | Done 10 February 2024, 10 days after 31 January 2024 |\n\n")
        #expect(Self.html([recent, old]).contains("<tr><th scope=\"row\">The annual report is sent</th><td><strong class=\"tag tag-green\">"
                                                  + "<span class=\"symbol\" aria-hidden=\"true\">\u{25CF}</span> Green: done late</strong></td>"
                                                  + "<td>The board</td><td>Done 10 February 2024, 10 days after 31 January 2024</td></tr>"))
    }

    @Test func aDeadlineMissedAndDoneLateBetweenReportsIsAChange() throws {
        let now = Self.board("late", "The annual report is sent", status: .late, due: BoardFixtures.date(2024, 1, 31),
                             done: BoardFixtures.date(2024, 2, 10))
        let before = FindingSnapshot(rule: "late", subject: nil, title: "The annual report is sent", status: .met,
                                     due: BoardFixtures.date(2024, 1, 31))
        let changes = ChangesSinceLastReport(previousAsOf: BoardFixtures.date(2023, 12, 6), previous: [before], current: [now])
        #expect(changes.items.map(\.kind) == [.doneLate])
        let text = Self.markdown([now], changes: changes)
        #expect(text.contains("| **The annual report is sent** | Done late | Green: not yet due, due 31 January 2024 | Green: done late, due 31 January 2024 |"))
        // Met and done before, for the same due date: the earlier report showed it met.
        var doneBefore = before
        doneBefore.done = BoardFixtures.date(2024, 1, 20)
        let wasDone = ChangesSinceLastReport(previousAsOf: nil, previous: [doneBefore],
                                             current: [Self.board("late", "The annual report is sent", status: .overdue, due: BoardFixtures.date(2024, 1, 31))])
        #expect(Self.markdown(BoardFixtures.findings, changes: wasDone).contains("| **The annual report is sent** | Now needs attention | Green: met, due 31 January 2024 | Red: overdue, due 31 January 2024 |"))
        // Done late before the last report too: nothing new to say.
        var wasLate = before
        wasLate.status = .late
        #expect(ChangesSinceLastReport(previousAsOf: nil, previous: [wasLate], current: [now]).items.isEmpty)
    }
}
