import RuleEngine
import Testing
@testable import Reporters

/// A check of the record is not a breach of the law; addresses and the reason no owner is shown
/// survive the plain wording; a missing revision for the year under way is put to the board; and
/// both reports in the changes table label the same state alike.
@Suite("Board report review fixes")
struct BoardReviewFixesTests {
    // MARK: Record checks are Amber, not Red

    @Test func aFailedRecordCheckIsAmberAndNotShownAsABreachOfTheLaw() throws {
        let check = BoardAuditTests.recordCheck("waiver-span", status: .missing)
        #expect(BoardRating(.missing, confidence: .confirmed, severity: .error, isRecordCheck: true) == .amber)
        let text = BoardAuditTests.markdown([check])
        let gaps = try BoardAuditTests.between(text, "## 3\\. Overdue items and gaps", "## 4\\.")
        #expect(gaps.contains("| **A record check waiver-span**<br>Message. | \u{25B2} **Amber: not shown as met (check of the record)** | "
                              + "Not a duty: a check of the record. What it checks matters for:<br>"
                              + "[Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007](https://www.legislation.gov.uk/uksi/2007/1830) | "
                              + "The board | Not shown as met | Remedy. |"))
        let decisions = try BoardAuditTests.between(text, "## 2\\. Decisions for the board", "## 3\\.")
        #expect(decisions.contains("\n2. That the Board agrees action on the record check **\u{201C}A record check waiver-span\u{201D}** "
                                   + "(\u{25B2} **Amber: not shown as met (check of the record)**). Proposed action: Remedy.\n"))
        #expect(!text.contains("Red: not shown as met"))
        let html = BoardAuditTests.html([check])
        #expect(html.contains("<td><strong class=\"tag tag-amber\"><span class=\"symbol\" aria-hidden=\"true\">\u{25B2}</span> "
                              + "Amber: not shown as met (check of the record)</strong></td>"
                              + "<td>Not a duty: a check of the record. What it checks matters for:<ul class=\"plain citations\">"))
        #expect(BoardRating.amber.meaning.hasSuffix("or is a check of the record itself (not a duty the law imposes) that the record fails."))
    }

    // MARK: Plain words leave addresses whole

    @Test func urlsWithQueriesFragmentsAndUnderscoresStayWhole() {
        #expect(BoardPlainWords.plain("See https://example.org/doc?doc_id=5#section_2 and https://example.org/a-b_c for the form.")
                == "See https://example.org/doc?doc_id=5#section_2 and https://example.org/a-b_c for the form.")
        #expect(BoardPlainWords.plain("Open www.example.org/plan_2024 or /a-b_c, then fill in plan_revisions.")
                == "Open www.example.org/plan_2024 or /a-b_c, then fill in plan revisions.")
    }

    @Test func asidesHoldingAnAddressAreKept() {
        #expect(BoardPlainWords.plain("Email the clerk (community.safety@example.org) or see (www.gov.uk) (plans[0].title).")
                == "Email the clerk (community.safety@example.org) or see (www.gov.uk).")
        #expect(BoardPlainWords.plain("Ask (clerk_office@example.org, who keeps plan_revisions).")
                == "Ask (clerk_office@example.org, who keeps plan revisions).")
    }

    @Test func fileNamesStayWhole() {
        #expect(BoardPlainWords.plain("Correct the file record_2024.yaml and the sheet Partners_List.xlsx.")
                == "Correct the file record_2024.yaml and the sheet Partners_List.xlsx.")
    }

    /// The reason no owner is shown stays in the body, its record path in words; the Who cell says
    /// that no one could be worked out, rather than a bare "Not assigned".
    @Test func theOwnerNoteKeepsItsReason() throws {
        let message = "The thing is missing. (Who must act could not be worked out: partners[0].id is the string \"lbb\", not a number.)"
        #expect(BoardPlainWords.plain(message)
                == "The thing is missing. (Who must act could not be worked out: partners id is the string \"lbb\", not a number.)")
        let finding = BoardAuditTests.board("owner-fail", "Owner fail", status: .missing, owners: [], message: message)
        let gaps = try BoardAuditTests.between(BoardAuditTests.markdown([finding]), "## 3\\. Overdue items and gaps", "## 4\\.")
        #expect(gaps.contains("| **Owner fail**<br>The thing is missing. (Who must act could not be worked out: partners id is the string \"lbb\", not a number.) | "
                              + "\u{25A0} **Red: not shown as met** | "
                              + "[Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007](https://www.legislation.gov.uk/uksi/2007/1830) | "
                              + "Not assigned: could not be worked out | Not shown as met | Remedy. |"))
    }

    // MARK: One "not yet due"

    /// The check's JSON does not say a rule recurs; the rules in use now do, so the previous
    /// report's round still to do reads "not yet due", as this report's would, not "met".
    @Test func thePreviousReportsNextRoundReadsNotYetDue() throws {
        let before = FindingSnapshot(rule: "assessment", subject: nil, title: "A strategic assessment is prepared every year",
                                     status: .met, due: BoardFixtures.date(2024, 4, 15), confidence: .confirmed, severity: .error,
                                     done: BoardFixtures.date(2023, 8, 24))
        var now = BoardAuditTests.board("assessment", "A strategic assessment is prepared every year", status: .dueSoon,
                                        due: BoardFixtures.date(2024, 4, 15), done: BoardFixtures.date(2023, 8, 24))
        now.isRecurring = true
        let changes = ChangesSinceLastReport(previousAsOf: BoardFixtures.date(2024, 1, 31), previous: [before], current: [now])
        let item = try #require(changes.items.first)
        #expect(BoardWording.snapshotText(item.before) == "Green: not yet due, due 15 April 2024")
        #expect(BoardWording.snapshotText(item.after) == "Amber: due soon, due 15 April 2024")
        // The same state reads the same in both columns.
        var met = now
        met.status = .met
        #expect(BoardWording.snapshotText(FindingSnapshot(met)) == BoardWording.snapshotText(item.before))
        // A deadline met early is met, in either report.
        let early = FindingSnapshot(rule: "early", subject: nil, title: "T", status: .met, due: BoardFixtures.date(2024, 4, 1),
                                    done: BoardFixtures.date(2024, 2, 20))
        #expect(BoardWording.snapshotText(early) == "Green: met, due 1 April 2024")
    }

    /// A record check in the changes table is rated as the report rates it: Amber.
    @Test func aRecordCheckInTheChangesTableIsAmber() throws {
        // The previous report's finding carries no pack (an older JSON): the rule in use says it is a record check.
        let before = FindingSnapshot(rule: "waiver-span", subject: nil, title: "A record check waiver-span", status: .missing, due: nil)
        let now = BoardAuditTests.recordCheck("waiver-span", status: .met)
        let changes = ChangesSinceLastReport(previousAsOf: BoardFixtures.date(2024, 1, 31), previous: [before], current: [now])
        let item = try #require(changes.items.first)
        #expect(BoardWording.snapshotText(item.before) == "Amber: not shown as met (check of the record)")
        #expect(BoardWording.snapshotText(item.after) == "Green: met")
    }
}
