import Foundation
import Testing
import TestSupport
import YAMLTree
@testable import Reporters

/// The report's plain wording turns record paths into words and drops asides naming them; text the
/// partnership wrote in its record reached the board altered: a plan title lost its "(ref
/// sbp_strategy)", a strategy named in an aside vanished, and spacing was tidied.
@Suite("Board report: the record's own text")
struct BoardRecordTextsTests {
    static func texts(_ yaml: String) throws -> BoardRecordTexts {
        BoardRecordTexts(record: try YAMLLoader.load(bytes: Array(yaml.utf8), file: "record.yaml"))
    }

    static let title = "Safer Bromley Strategy 2024-27 (ref sbp_strategy)"

    @Test func aQuotedTitleKeepsItsBracketsAndUnderscoresWhileTheRulesPathsBecomeWords() throws {
        let record = try Self.texts("plans:\n  - title: '\(Self.title)'\n")
        let message = "\(Self.title) is not listed in plan_revisions (plan_revisions[0].plan is not recorded)."
        #expect(BoardPlainWords.plain(message, record: record)
                == "\(Self.title) is not listed in plan revisions.")
        // Without the record, the title is cut as before: the test would catch the fix undone.
        #expect(BoardPlainWords.plain(message) == "Safer Bromley Strategy 2024-27 is not listed in plan revisions.")
    }

    @Test func anAsideThatIsTheRecordsTextIsKept() throws {
        let record = try Self.texts("serious_violence:\n  strategy: {in_plan: '\(Self.title)'}\n")
        #expect(BoardPlainWords.plain("The first serious violence strategy (\(Self.title)) had to be published by 31 January 2024.", record: record)
                == "The first serious violence strategy (\(Self.title)) had to be published by 31 January 2024.")
    }

    /// An aside naming a rule's path goes, even when a value from the record is quoted in it.
    @Test func anAsideNamingARulePathStillGoesWithTheValueInIt() throws {
        let record = try Self.texts("plans:\n  - {title: Plan A, period: {start: TBC_2024}}\n")
        #expect(BoardPlainWords.plain("Plan A records no start (period.start is TBC_2024), so it cannot be placed.", record: record)
                == "Plan A records no start, so it cannot be placed.")
        #expect(BoardPlainWords.plain("(plans[0].period.start) Plan A records no start.", record: record) == "Plan A records no start.")
    }

    @Test func theRecordsSpacingAndPunctuationAreLeftAsWritten() throws {
        let name = "Plan A , B ; C . D  E"
        let record = try Self.texts("plans:\n  - title: '\(name)'\n")
        #expect(BoardPlainWords.plain("\(name) is agreed.", record: record) == "\(name) is agreed.")
        #expect(BoardPlainWords.plain("Record covers_code in \(name).", record: record) == "Record covers code in \(name).")
    }

    /// Keys are the paths rules name: only values are the record's own text.
    @Test func keysAreNotKept() throws {
        let record = try Self.texts("plan_revisions:\n  - {plan: x}\n")
        #expect(BoardPlainWords.plain("Fill in plan_revisions.", record: record) == "Fill in plan revisions.")
    }

    /// Thousands of look-alike values, each compared nearly to its end at every place in a long
    /// message, could make a report take hours: the comparisons are bounded, and past the bound the
    /// message is worded as if the record quoted nothing.
    @Test func theSearchIsBounded() throws {
        let values = (1...40).map { "    - '\(String(repeating: "a", count: 200 + $0))_B'" }.joined(separator: "\n")
        let record = try BoardRecordTexts(record: YAMLLoader.load(bytes: Array("names:\n\(values)\n    - 'Plan (ref p_1)'\n".utf8),
                                                                  file: "record.yaml"),
                                          comparisonBudget: 1_000_000)
        #expect(BoardPlainWords.plain("Plan (ref p_1) is agreed.", record: record) == "Plan (ref p_1) is agreed.")
        // Words that each start like every value and differ only at its end.
        let long = String(repeating: String(repeating: "a", count: 250) + " ", count: 500)
        #expect(record.ranges(in: long).isEmpty)
        // The budget is spent: the title is no longer found, and its aside goes.
        #expect(BoardPlainWords.plain("Plan (ref p_1) is agreed.", record: record) == "Plan is agreed.")
    }

    /// A code the record holds (`role: local_authority`) reads like the paths rules name, and a rule
    /// may name it in an aside: keeping every value as written kept such asides in the body.
    @Test func aCodeIsWordedAsTheRulesPathsAre() throws {
        let record = try Self.texts("partners:\n  - {id: lbb, role: local_authority}\n")
        #expect(BoardPlainWords.plain("Add the county council as a responsible authority (role local_authority).", record: record)
                == "Add the county council as a responsible authority.")
    }

    /// A value is found only as a whole word, on character boundaries.
    @Test func aValueIsFoundOnlyAsAWholeWord() throws {
        let record = try Self.texts("plans:\n  - title: 'Plan (ref p_1)'\n  - title: Plan_A\n")
        #expect(record.ranges(in: "See Plan (ref p_1).").count == 1)
        #expect(record.ranges(in: "See Plan (ref p_1)s and XPlan (ref p_1).").isEmpty)
        #expect(record.ranges(in: "Plan_A\u{301} is late.").isEmpty)
    }

    /// Every value is kept, however many share their first bytes (the first version kept sixteen).
    @Test func manyValuesWithOneStartAreAllKept() throws {
        let titles = (1...40).map { "  - title: 'Plan \(String(repeating: "x", count: $0)) (ref p_\($0))'" }.joined(separator: "\n")
        let record = try Self.texts("plans:\n\(titles)\n")
        #expect(BoardPlainWords.plain("Plan x (ref p_1) is late.", record: record) == "Plan x (ref p_1) is late.")
        #expect(BoardPlainWords.plain("Plan xxxx (ref p_4) is late.", record: record) == "Plan xxxx (ref p_4) is late.")
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
