import Foundation
@testable import StateStore
import Testing
import TestSupport

/// The `delivery` and `delivery_item` tables are read to recover what a killed run left pending: a value
/// there that dutycheck never writes is refused (exit 2, dry run and real run alike) before anything is
/// written, rather than copied into `item` or passed over by a query that asks for one state.
@Suite("StateStore: notify on a damaged delivery table", .serialized)
struct NotifyDamagedDeliveryTests {
    static let ending = "; dutycheck never writes that, so the file was changed by something else: restore it from a backup, "
        + "or correct that row\n"

    /// Every row of the state database's tables, to show that a refused run changed none of them.
    static func rows(of harness: NotifyHarness) throws -> [String] {
        let database = try SQLiteDatabase(path: harness.state)
        return try ["audience", "item", "delivery", "delivery_item"].flatMap { table in
            try database.query("SELECT * FROM \(table) ORDER BY 1, 2, 3").map { "\(table): \($0)" }
        }
    }

    /// After one real `--out-dir` run, the delivery is made pending again (as a run killed once its file
    /// was in place leaves it) with one of its items damaged. Recovery would record it as sent and copy
    /// that item into `item`: it once committed a bad date there (refused only afterwards, naming
    /// `item.due`), and a bad status failed every run with SQLite's CHECK-constraint message.
    @Test(arguments: [
        ("due = 'bogus'", "due", "\"bogus\", which is not a date (YYYY-MM-DD)"),
        ("status = 'bogus'", "status", "\"bogus\", which is not a status (overdue, missing or due-soon)"),
        ("status = 'met'", "status", "\"met\", which is not a status (overdue, missing or due-soon)"),
        ("last_notified_on = '2024-02-30'", "last_notified_on", "\"2024-02-30\", which is not a date (YYYY-MM-DD)"),
    ])
    func aDamagedItemOfAPendingDeliveryIsRefusedBeforeAnythingIsWritten(_ change: String, _ column: String, _ held: String) throws {
        guard let harness = try NotifyHarness.make() else { return }
        #expect(try harness.run("2024-04-02", ["--out-dir", harness.outDir]).status == 1)
        try SQLiteDatabase(path: harness.state).execute("""
            PRAGMA ignore_check_constraints = ON;
            UPDATE delivery_item SET \(change) WHERE rule = 'assessment';
            UPDATE delivery SET state = 'pending';
            """)
        let before = try Self.rows(of: harness)
        for extra in [["--dry-run"], [], []] {  // the real run twice: it must refuse every time, not once
            let run = try harness.run("2024-04-09", extra + ["--out-dir", harness.outDir])
            #expect(run.status == 2, "\(extra): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(extra)")
            #expect(run.stderr == "\(harness.state): error: state database: damaged: delivery_item.\(column) of delivery 1 "
                + "(assessment) holds \(held)" + Self.ending, "\(extra)")
            #expect(try Self.rows(of: harness) == before, "\(extra)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.outDir).count == 1)
    }

    /// A delivery whose item is damaged but whose file never reached its place is abandoned, not
    /// recorded as sent: its items are never copied, so it does not hold up the run.
    @Test func aDamagedItemOfAnAbandonedDeliveryIsNotRead() throws {
        guard let harness = try NotifyHarness.make() else { return }
        #expect(try harness.run("2024-04-02", ["--out-dir", harness.outDir]).status == 1)
        for name in try FileManager.default.contentsOfDirectory(atPath: harness.outDir) {
            try FileManager.default.removeItem(atPath: harness.outDir + "/" + name)
        }
        try SQLiteDatabase(path: harness.state).execute("""
            UPDATE delivery_item SET due = 'bogus'; UPDATE delivery SET state = 'pending';
            """)
        let run = try harness.run("2024-04-02", ["--out-dir", harness.outDir])
        // Exit 0, not 2: the items the first run already recorded as told are news to nobody (a delivery
        // made pending by hand after it completed, as here, has had its items copied already).
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("it will be planned again"), "\(run.stderr)")
        // Its items were never copied: the item table holds the new run's dates, not the damaged one.
        let copied = try SQLiteDatabase(path: harness.state).query("SELECT count(*) FROM item WHERE due = 'bogus'")
        #expect(copied.first?.first == .integer(0))
    }

    /// An abandoned delivery puts its `previous_sent_on` back as the audience's last-sent date: a damaged
    /// one was committed there, and refused only by the next read, naming `audience.last_sent_on`. One on
    /// or after the delivery's own date (no run writes that: a run never sends for the audience's last
    /// date or an earlier one) silenced the audience until after it.
    @Test(arguments: [
        ("'bogus'", "\"bogus\", which is not a date (YYYY-MM-DD)"),
        ("'2024-04-02'", "\"2024-04-02\", which is not a date before the delivery's as_of, 2024-04-02"),
        ("'2031-01-01'", "\"2031-01-01\", which is not a date before the delivery's as_of, 2024-04-02"),
    ])
    func aDamagedPreviousSentOnOfAnAbandonedDeliveryIsRefusedBeforeAnythingIsWritten(stored: String, shown: String) throws {
        guard let harness = try NotifyHarness.make() else { return }
        #expect(try harness.run("2024-04-02", ["--out-dir", harness.outDir]).status == 1)
        for name in try FileManager.default.contentsOfDirectory(atPath: harness.outDir) {
            try FileManager.default.removeItem(atPath: harness.outDir + "/" + name)
        }
        try SQLiteDatabase(path: harness.state).execute("UPDATE delivery SET state = 'pending', previous_sent_on = \(stored)")
        let before = try Self.rows(of: harness)
        for extra in [["--dry-run"], []] {
            let run = try harness.run("2024-04-09", extra + ["--out-dir", harness.outDir])
            #expect(run.status == 2, "\(extra): \(run.stderr)")
            #expect(run.stderr == "\(harness.state): error: state database: damaged: delivery.previous_sent_on of delivery 1 "
                + "holds " + shown + Self.ending, "\(extra): \(run.stderr)")
            #expect(try Self.rows(of: harness) == before, "\(extra)")
        }
    }

    /// A `previous_sent_on` before the delivery's date is what a run writes: the delivery is recovered.
    @Test func aPreviousSentOnBeforeTheDeliveryIsRecovered() throws {
        guard let harness = try NotifyHarness.make() else { return }
        #expect(try harness.run("2024-04-02", ["--out-dir", harness.outDir]).status == 1)
        for name in try FileManager.default.contentsOfDirectory(atPath: harness.outDir) {
            try FileManager.default.removeItem(atPath: harness.outDir + "/" + name)
        }
        try SQLiteDatabase(path: harness.state).execute("UPDATE delivery SET state = 'pending', previous_sent_on = '2024-04-01'")
        let run = try harness.run("2024-04-09", ["--out-dir", harness.outDir])
        #expect(run.status == 1, "\(run.stderr)")
        let state = try SQLiteDatabase(path: harness.state).query("SELECT state FROM delivery WHERE id = 1")
        #expect(state.first?.first == .text("abandoned"))
    }

    /// A delivery's file is stored by its absolute path: stored as given (`--out-dir out`), a run started
    /// in another folder looked for it there, called it missing, and planned the message again, although
    /// it had been written.
    @Test func aDeliveryWrittenByARelativeOutDirIsFoundFromAnotherFolder() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let first = harness.folder.appendingPathComponent("first")
        let elsewhere = harness.folder.appendingPathComponent("elsewhere")
        for folder in [first.appendingPathComponent("out"), elsewhere] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        #expect(try harness.run("2024-04-02", ["--out-dir", "out"], in: first).status == 1)
        let destinations = try SQLiteDatabase(path: harness.state).query("SELECT destination FROM delivery")
        // The working folder as the system gives it (a temporary folder may be reached through a link).
        let real = first.resolvingSymlinksInPath().path
        #expect(destinations.allSatisfy { $0.first?.text?.hasPrefix(real + "/out/") == true }, "\(destinations)")
        // As a run killed once the file was in place leaves it.
        try SQLiteDatabase(path: harness.state).execute("UPDATE delivery SET state = 'pending'")
        let run = try harness.run("2024-04-02", ["--out-dir", first.appendingPathComponent("out").path], in: elsewhere)
        #expect(!run.stderr.contains("planned again"), "\(run.stderr)")
        let states = try SQLiteDatabase(path: harness.state).query("SELECT state FROM delivery")
        #expect(states.map { $0.first?.text } == ["sent"], "\(states)")
    }

    /// A delivery state dutycheck never writes was passed over by every query that asks for one state
    /// (`'PENDING'` is not `'pending'`): the run went on as if the row were not there.
    @Test(arguments: ["bogus", "PENDING", "Sent"])
    func anUnknownDeliveryStateIsRefused(_ state: String) throws {
        guard let harness = try NotifyHarness.make() else { return }
        #expect(try harness.run("2024-04-02", ["--out-dir", harness.outDir]).status == 1)
        try SQLiteDatabase(path: harness.state).execute(
            "PRAGMA ignore_check_constraints = ON; UPDATE delivery SET state = '\(state)'")
        let before = try Self.rows(of: harness)
        for extra in [["--dry-run"], []] {
            let run = try harness.run("2024-04-09", extra)
            #expect(run.status == 2, "\(extra): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(extra)")
            #expect(run.stderr == "\(harness.state): error: state database: damaged: delivery.state of delivery 1 holds "
                + "\"\(state)\", which is not a delivery state (pending, sent, assumed-sent, failed or abandoned)"
                + Self.ending, "\(extra)")
            #expect(try Self.rows(of: harness) == before, "\(extra)")
        }
    }
}
