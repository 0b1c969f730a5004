import Foundation
import Testing
import TestSupport
@testable import RuleEngine
import YAMLTree
@testable import Reporters

/// The report's plain wording turns record paths into words and drops asides naming them; text the
/// partnership wrote in its record reached the board altered: a plan title lost its "(ref
/// sbp_strategy)", a strategy named in an aside vanished, and spacing was tidied. What the record
/// wrote through a template hole, or in a waiver, is now known exactly (`Finding.recordText`).
@Suite("Board report: the record's own text")
struct BoardRecordTextTests {
    static let day = CivilDate(year: 2024, month: 4, day: 2)!

    /// The body's plain message and remedy of each finding `pack` gives on `record`, as the report
    /// words them.
    static func plain(pack rules: String, labels: String = "", record: String) throws -> [(message: String, remedy: String?)] {
        let pack = """
            dutycheck: 1
            pack: test-pack
            title: Test pack
            version: "1"
            citations:
              act: {title: "Test Act 2024, section 1", url: https://example.org/act, kind: statute}

            """ + labels + "rules:\n" + rules
        let ruleSet = try RuleSet.load(files: [("pack.yaml", Array(pack.utf8))])
        let decoded = try RecordDecoder.decode(bytes: Array(record.utf8), file: "record.yaml", rules: ruleSet)
        let result = RecordEvaluator(rules: ruleSet).evaluate(decoded, asOf: day)
        let report = Report(toolVersion: "0.1.0", asOf: day, packs: [], records: [result])
        return BoardReportContent(report: report, record: result, options: BoardReportOptions(meeting: day)).appendix
            .map { ($0.plainMessage, $0.plainRemedy) }
    }

    /// A rule with every required key, then `lines`, indented under `rules:`.
    static func rule(_ id: String, _ lines: String...) -> String {
        (["  - id: \(id)", "    title: Rule \(id)", "    duty: The duty of \(id).", "    basis: [act]",
          "    confidence: confirmed", "    owner: '\"board\"'"] + lines.map { "    \($0)" }).joined(separator: "\n") + "\n"
    }

    static let coOpted = rule("co-opted", "for_each: asb_case_reviews.co_opted", "as: id", "subject: id", "require: 'false'",
                              "message: '{id} is not a partner (asb_case_reviews.co_opted).'",
                              "remedy: 'Correct {id} in asb_case_reviews.co_opted, or ask {lead} (lead_partner).'")

    /// A code the record wrote in a hole (a co-opted partner's id) reaches the board as written,
    /// while the rule's own path beside it is worded and its aside goes.
    @Test func aCodeWrittenInAHoleIsKeptAsWritten() throws {
        let found = try Self.plain(pack: Self.coOpted, record: "lead: lbb_cs\nasb_case_reviews: {co_opted: [sbp_housing]}\n")
        #expect(found.map(\.message) == ["sbp_housing is not a partner."])
    }

    /// However short: the old search skipped values under four bytes.
    @Test func aShortValueIsKeptAsWritten() throws {
        let found = try Self.plain(pack: Self.coOpted, record: "lead: lbb_cs\nasb_case_reviews: {co_opted: [x_1, ab]}\n")
        #expect(found.map(\.message) == ["x_1 is not a partner.", "ab is not a partner."])
    }

    /// A remedy's holes are the record's text too; its rule paths are still worded, and an aside
    /// naming only a path still goes.
    @Test func aRemedyKeepsTheRecordsTextAndWordsTheRules() throws {
        let found = try Self.plain(pack: Self.coOpted, record: "lead: lbb_cs\nasb_case_reviews: {co_opted: [sbp_housing]}\n")
        #expect(found.map(\.remedy) == ["Correct sbp_housing in asb case reviews co opted, or ask lbb_cs."])
    }

    /// The rule's own words are worded even where the record holds the same text elsewhere: only
    /// what a hole wrote is the record's.
    @Test func ruleWordingThatEqualsARecordValueIsStillWorded() throws {
        let rule = Self.rule("plans-listed", "require: 'false'", "message: 'Fill in plan_revisions for {plan.title}.'")
        let found = try Self.plain(pack: rule, record: "plan: {title: Plan B, note: Fill in plan_revisions}\n")
        #expect(found.map(\.message) == ["Fill in plan revisions for Plan B."])
    }

    /// A string the rule computes from the record's is the rule's (it has no place in the record),
    /// and an unrecorded value's words are the rule's too.
    @Test func computedAndUnrecordedTextIsWorded() throws {
        let rule = Self.rule("computed", "require: 'false'", "message: '{\"see_\" + code}; {missing_code}.'")
        let found = try Self.plain(pack: rule, record: "code: p_1\n")
        #expect(found.map(\.message) == ["see p 1; not recorded."])
    }

    /// `{subject}` is the record's text when the subject reads one string of the record (a partner's
    /// name), and the rule's when the rule made it: the item's path, used when the name is not
    /// recorded, and a string the rule computes are worded.
    @Test func aSubjectReadFromTheRecordIsKeptAsWritten() throws {
        let rule = Self.rule("signed", "for_each: partners", "as: partner", "subject: partner.name", "require: 'false'",
                             "message: '{subject} has not signed (partners_signed).'")
        let computed = Self.rule("computed", "for_each: partners", "as: partner", "subject: '\"see_\" + partner.id'",
                                 "require: 'false'", "message: '{subject} first.'")
        let record = "partners:\n  - {id: ht_7, name: 'Housing_Trust (ref ht_7)'}\n  - {id: lbb_cs}\n"
        let found = try Self.plain(pack: rule + computed, record: record)
        #expect(found.map(\.message) == ["Housing_Trust (ref ht_7) has not signed.", "partners has not signed.",
                                         "see ht 7 first.", "see lbb cs first."])
    }

    /// A pack's label for a code is the pack's words, not the record's: its path aside is worded
    /// away as the rule's own text is, while an unlabelled code is the record's and kept.
    @Test func aLabelIsThePacksWordsAndWorded() throws {
        let rule = Self.rule("labelled", "require: 'false'", "message: 'L {label(code)}; {label(other)}.'")
        let found = try Self.plain(pack: rule, labels: "labels:\n  asb_x: ASB (see plan_revisions)\n", record: "code: asb_x\nother: asb_y\n")
        #expect(found.map(\.message) == ["L ASB; asb_y."])
    }

    /// A waiver's approver, reference and reason are the record's: kept as written, the aside
    /// naming the approver included, while the rule's message after them is still worded.
    @Test func aWaivedFindingKeepsItsReasonAndWordsTheRule() throws {
        let rule = Self.rule("revisions", "require: 'false'", "message: 'Nothing is in plan_revisions (plan_revisions[0].plan).'")
        let record = """
            waivers:
              - {rule: revisions, reason: 'Awaiting housing_trust (ref ht_7)', approved_by: board_chair, reference: min_12,
                 until: 2024-12-31}

            """
        let found = try Self.plain(pack: rule, record: record)
        #expect(found.map(\.message) == ["Waived until 31 December 2024 (approved by board_chair, min_12): Awaiting housing_trust "
            + "(ref ht_7). Without the waiver: Nothing is in plan revisions."])
    }

    static let title = "Safer Bromley Strategy 2024-27 (ref sbp_strategy)"

    /// The record's text, in `message`, as spans (each text's first place).
    static func spans(_ message: String, quoting texts: String...) -> RecordTextSpans {
        var spans = RecordTextSpans()
        for text in texts {
            guard let found = message.range(of: text) else { continue }
            let start = message.utf8.distance(from: message.startIndex, to: found.lowerBound)
            spans.append(start..<start + text.utf8.count)
        }
        return spans
    }

    @Test func aQuotedTitleKeepsItsBracketsAndUnderscoresWhileTheRulesPathsBecomeWords() {
        let message = "\(Self.title) is not listed in plan_revisions (plan_revisions[0].plan is not recorded)."
        #expect(BoardPlainWords.plain(message, recordText: Self.spans(message, quoting: Self.title))
                == "\(Self.title) is not listed in plan revisions.")
        // Without the spans, the title is cut as before: the test would catch the fix undone.
        #expect(BoardPlainWords.plain(message) == "Safer Bromley Strategy 2024-27 is not listed in plan revisions.")
    }

    @Test func anAsideThatIsTheRecordsTextIsKept() {
        let message = "The first serious violence strategy (\(Self.title)) had to be published by 31 January 2024."
        #expect(BoardPlainWords.plain(message, recordText: Self.spans(message, quoting: Self.title)) == message)
    }

    /// An aside naming a rule's path goes, even when a value from the record is quoted in it.
    @Test func anAsideNamingARulePathStillGoesWithTheValueInIt() {
        let message = "Plan A records no start (period.start is TBC_2024), so it cannot be placed."
        #expect(BoardPlainWords.plain(message, recordText: Self.spans(message, quoting: "Plan A", "TBC_2024"))
                == "Plan A records no start, so it cannot be placed.")
        let leading = "(plans[0].period.start) Plan A records no start."
        #expect(BoardPlainWords.plain(leading, recordText: Self.spans(leading, quoting: "Plan A")) == "Plan A records no start.")
    }

    @Test func theRecordsSpacingAndPunctuationAreLeftAsWritten() {
        let name = "Plan A , B ; C . D  E"
        #expect(BoardPlainWords.plain("\(name) is agreed.", recordText: Self.spans("\(name) is agreed.", quoting: name))
                == "\(name) is agreed.")
        let message = "Record covers_code in \(name)."
        #expect(BoardPlainWords.plain(message, recordText: Self.spans(message, quoting: name)) == "Record covers code in \(name).")
    }

    /// A combining mark the rule writes after the record's text joins its last letter: the whole
    /// character is kept, and the text is left whole.
    @Test func aSpanEndingInsideACharacterKeepsTheCharacter() {
        let message = "Plan_A\u{301} is late (plans[0])."
        #expect(BoardPlainWords.plain(message, recordText: Self.spans(message, quoting: "Plan_A")) == "Plan_A\u{301} is late.")
    }

    /// Thousands of brackets that close nothing cost their length: each looked for its close to the
    /// end of the text, which took most of a minute.
    @Test func unclosedBracketsAreLeftAsTheyAre() {
        let brackets = String(repeating: "(", count: 20_000)
        #expect(BoardPlainWords.plain(brackets + " a_b") == brackets + " a b")
    }

    /// End to end: the Bromley plan retitled with a reference in brackets keeps it in the body of
    /// both reports, and the serious violence line still names the strategy.
    @Test(arguments: ["html", "markdown"])
    func theReportBodyNamesThePlanAsTheRecordDoes(format: String) throws {
        let directory = try BoardExternalTools.scratchDirectory("report-record-text-\(format)")
        let url = try Fixtures.editedBromley(replacing: "Safer Bromley Partnership Strategy 2024-27", with: "'\(Self.title)'", in: directory)
        let outcome = try CommandRunner.run(["report", "--format", format] + BoardCommandTests.asOf + ["--meeting", "2024-02-29", url.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let shown = format == "html" ? "(ref sbp_strategy)" : "(ref sbp\\_strategy)"
        let body = try #require(outcome.stdout.components(separatedBy: format == "html" ? "id=\"appendix-a\"" : "## Appendix A").first)
        #expect(!body.contains("Safer Bromley Strategy 2024-27 is"), "a title cut short in the body")
        #expect(!body.contains("strategy had to be published"), "the strategy's name left out")
        #expect(body.components(separatedBy: "Safer Bromley Strategy 2024-27 " + shown).count > 3)
    }
}
