import RuleEngine
import Testing
@testable import Reporters

/// The changes table's first column says no more than the two reports show: an item that left the
/// red and amber lists because it no longer applies (its year began) was not necessarily done, so
/// only one now met reads "Resolved" (a missed plan revision used to).
struct BoardChangeWordTests {
    static func snapshot(_ status: Status) -> FindingSnapshot {
        FindingSnapshot(rule: "r", subject: nil, title: "T", status: status, due: nil)
    }

    @Test(arguments: [
        (ChangeItem.Kind.new, nil, Status.overdue, "New"),
        (.new, .met, .overdue, "Now needs attention"),
        (.new, .notApplicable, .dueSoon, "Now needs attention"),
        (.changed, .dueSoon, .overdue, "Changed"),
        (.resolved, .overdue, .met, "Resolved"),
        (.resolved, .overdue, .late, "Done late"),
        (.resolved, .dueSoon, .notApplicable, "No longer applies"),
        (.resolved, .missing, nil, "No longer checked"),
    ] as [(ChangeItem.Kind, Status?, Status?, String)])
    func eachChangeIsNamedByWhatTheReportsShow(kind: ChangeItem.Kind, before: Status?, after: Status?, word: String) {
        let item = ChangeItem(kind: kind, rule: "r", subject: nil, title: "T", before: before.map(Self.snapshot),
                              after: after.map(Self.snapshot))
        #expect(BoardWording.changeWord(item) == word)
    }
}
