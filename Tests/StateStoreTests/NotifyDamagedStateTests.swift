import Foundation
import RuleEngine
@testable import StateStore
import Testing
import TestSupport

/// A state database changed by something other than dutycheck must not silently change what is sent: a
/// stored date that is not a date is refused as damaged, and an item remembered as mentioned after its
/// audience's last message keeps its reminders, with a warning.
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

    /// A stored status dutycheck never mails (`met`, `late`) or does not know is refused the same way:
    /// a `met` read as it is would have changed what counts as news. (The table's CHECK constraint
    /// stops such a row being written, unless the writer turns constraints off, as here.)
    @Test(arguments: ["met", "late", "soon"])
    func aStoredStatusThatIsNeverMailedIsRefused(_ status: String) throws {
        guard let harness = try NotifyHarness.make() else { return }
        #expect(try harness.run("2024-04-02").status == 1)
        try SQLiteDatabase(path: harness.state).execute("PRAGMA ignore_check_constraints = ON; UPDATE item SET status = '\(status)' WHERE rule = 'assessment'")
        let run = try harness.run("2024-04-09")
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "\(harness.state): error: state database: damaged: item.status of assessment (\(Self.audience)) holds "
            + "\"\(status)\", which is not a status (overdue, missing or due-soon); dutycheck never writes that, so the file was "
            + "changed by something else: restore it from a backup, or correct that row\n", "\(run.stderr)")
    }

    /// A last message as of 31 December 9999 once gave the "sent ahead" warning, promising a message
    /// "after 31 December 9999", and exit 0: the audience was silenced for good. No run can be dated after
    /// it, so it is refused (dry run and real run alike) until the row is corrected; a dry run dated that
    /// day itself only finds its message already sent, and a real run dated that day is refused before
    /// it could record such a message.
    @Test func aLastMessageOnTheLastDayIsRefused() throws {
        guard let harness = try NotifyHarness.make() else { return }
        #expect(try harness.run("2024-04-02").status == 1)
        try SQLiteDatabase(path: harness.state).execute("UPDATE audience SET last_sent_on = '9999-12-31'")
        for extra in [["--dry-run"], []] {
            let run = try harness.run("2024-04-09", extra)
            #expect(run.status == 2, "\(extra): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(extra)")
            #expect(run.stderr == "\(harness.state): error: state database: refused: audience.last_sent_on of \(Self.audience) "
                + "holds \"9999-12-31\", the last day a date can name: notify sends only for a date after an audience's last "
                + "message and no run can be dated after that one, so this audience will never be mailed again until that "
                + "row is corrected (to the as-of date of its last real message, in table delivery); notify no longer "
                + "records a message as of that day, so the row was changed by hand or written by an older dutycheck\n", "\(extra)")
        }
        let lastDay = try harness.run("9999-12-31", ["--dry-run"])
        #expect(lastDay.status == 0 && lastDay.stdout.isEmpty && lastDay.stderr.isEmpty, "\(lastDay.stderr)")
        let before = try SQLiteDatabase(path: harness.state).query("SELECT * FROM audience")
        let recording = try harness.run("9999-12-31")
        #expect(recording.status == 2)
        #expect(recording.stderr == "--as-of: error: 9999-12-31 is the last day a date can name: a message recorded as of it "
            + "would leave no later run to follow, and its audience would never be mailed again; use --dry-run to see what "
            + "would be sent\n", "\(recording.stderr)")
        #expect(try SQLiteDatabase(path: harness.state).query("SELECT * FROM audience") == before)
    }

    /// `last_notified_on` after the audience's last message (here after the run's date too) once held back
    /// the reminder without a word; it is read as the last message's date, and each run says so until the
    /// next message stores a true date.
    @Test func anItemMentionedAfterItsAudiencesLastMessageKeepsItsReminder() throws {
        guard let harness = try NotifyHarness.make() else { return }
        #expect(try harness.run("2024-04-02").status == 1)
        try SQLiteDatabase(path: harness.state).execute("UPDATE item SET last_notified_on = '2099-01-01'")
        let warnings = ["assessment", "partner-approval [police]"].map {
            "dutycheck: warning: \(harness.state): item.last_notified_on of \($0) (\(Self.audience)) is 2099-01-01, after the "
                + "audience's last message, as of 2024-04-02 (audience.last_sent_on), which mentioned every item it then "
                + "had: it is read as 2024-04-02, so the item's reminders are not held back\n"
        }.joined()

        let early = try harness.run("2024-04-05")  // within the 7-day interval: nothing is due yet
        #expect(early.status == 0, "\(early.stderr)")
        #expect(early.stdout.isEmpty)
        #expect(early.stderr == warnings)

        let due = try harness.run("2024-04-09")
        #expect(due.status == 1, "\(due.stderr)")
        #expect(due.stderr == warnings)
        #expect(flattened(decodeQuotedPrintable(due.stdout)).contains("Reminder: still missing; last mentioned 2 April 2024."),
                "\(due.stdout)")

        let after = try harness.run("2024-04-10")  // the message stored true dates
        #expect(after.status == 0 && after.stderr.isEmpty, "\(after.stderr)")
    }

    /// The policy itself: such an item is read as mentioned in the audience's last message, or, with no
    /// last message on record and a date after the run's, as never mentioned.
    @Test func thePolicyReadsAMisdatedItemByTheLastMessage() {
        let policy = NotificationPolicy(reminderDays: 7)
        let ahead = tracked("a", .overdue, on: day(2099, 1, 1))
        let current = [item("a", .overdue, due: day(2024, 3, 31))]
        var plan = policy.plan(state: AudienceState(lastSentOn: day(2024, 4, 2), items: [ahead]), current: current, asOf: day(2024, 4, 9))
        #expect(plan.decision == .send)
        #expect(plan.items.map(\.change) == [.reminder(lastNotified: day(2024, 4, 2))])
        #expect(plan.misdated == [ahead])
        #expect(plan.nextItems.map(\.firstNotified) == [day(2024, 4, 2)])

        plan = policy.plan(state: AudienceState(lastSentOn: day(2024, 4, 2), items: [ahead]), current: current, asOf: day(2024, 4, 5))
        #expect(plan.decision == .nothingNew)
        #expect(plan.misdated == [ahead])

        plan = policy.plan(state: AudienceState(items: [ahead]), current: current, asOf: day(2024, 4, 9))
        #expect(plan.items.map(\.change) == [.new])
        #expect(plan.misdated == [ahead])

        let sound = tracked("a", .overdue, on: day(2024, 4, 2))
        plan = policy.plan(state: AudienceState(lastSentOn: day(2024, 4, 2), items: [sound]), current: current, asOf: day(2024, 4, 9))
        #expect(plan.misdated.isEmpty)
    }
}
