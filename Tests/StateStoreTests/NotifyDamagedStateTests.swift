import Foundation
import RuleEngine
@testable import StateStore
import Testing
import TestSupport

/// A state database changed by something other than dutycheck must not silently change what is sent: a
/// stored date that is not a date is refused as damaged.
@Suite("StateStore: notify on a damaged state database", .serialized)
struct NotifyDamagedStateTests {
    static let audience = "Safer Testshire – East, digest"
    static let cases: [(String, String)] = [
        ("UPDATE audience SET last_sent_on = 'zzz'", "audience.last_sent_on of \(audience) holds \"zzz\""),
        ("UPDATE item SET last_notified_on = 'x' || char(27) || '[2J' WHERE rule = 'assessment'",
         "item.last_notified_on of assessment (\(audience)) holds \"x\\u{1B}[2J\""),
        ("UPDATE item SET first_notified_on = 20240402", "item.first_notified_on of assessment (\(audience)) holds \"20240402\""),
        ("UPDATE item SET due = '2024-02-30'", "item.due of assessment (\(audience)) holds \"2024-02-30\""),
    ]

    /// Real run and dry run alike: exit 2, nothing sent, the file, the table and column, the row and the
    /// value (escaped) named.
    @Test(arguments: cases)
    func aStoredDateThatIsNotADateIsRefused(_ change: String, _ named: String) throws {
        guard let harness = try NotifyHarness.make() else { return }
        #expect(try harness.run("2024-04-02").status == 1)
        try SQLiteDatabase(path: harness.state).execute(change)
        for extra in [["--dry-run"], []] {
            let run = try harness.run("2024-04-09", extra)
            #expect(run.status == 2, "\(extra): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(extra)")
            #expect(run.stderr == "\(harness.state): error: state database: damaged: \(named), which is not a date (YYYY-MM-DD); "
                + "dutycheck never writes that, so the file was changed by something else: restore it from a backup, "
                + "or correct that row\n", "\(extra)")
        }
    }
}
