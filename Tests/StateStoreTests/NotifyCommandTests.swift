import Foundation
import RuleEngine
@testable import StateStore
import Testing
import TestSupport

/// `dutycheck notify` as cron runs it: the real binary, a state database, and messages handed to files, a
/// stand-in sendmail, or msmtp and an SMTP sink. These run last in spirit: they need the whole command line.
@Suite("StateStore: notify runs", .serialized)
struct NotifyCommandTests {
    /// The .eml files in the out folder, oldest first (names start with the UTC time, then the Message-ID).
    func emlFiles(_ harness: NotifyHarness) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: harness.outDir).filter { $0.hasSuffix(".eml") }.sorted()
    }

    func newestMessage(_ harness: NotifyHarness, after count: Int) throws -> String? {
        let files = try emlFiles(harness)
        guard files.count == count + 1, let name = files.last else { return nil }
        return try String(contentsOfFile: harness.outDir + "/" + name, encoding: .utf8)
    }

    @Test func messagesFollowTheStateAcrossAsOfDates() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let out = ["--out-dir", harness.outDir]
        var sent = 0

        func expectMessage(_ asOf: String, subject: String, contains: [String] = [],
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
            Thread.sleep(forTimeInterval: 1.05)  // file names start with the send time, to the second
            let run = try harness.run(asOf, out)
            #expect(run.status == 1, "\(asOf): \(run.stderr)", sourceLocation: sourceLocation)
            #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
            let message = try newestMessage(harness, after: sent)
            #expect(message != nil, "\(asOf): no new .eml", sourceLocation: sourceLocation)
            sent += 1
            guard let message else { return }
            #expect(NotifyHarness.subject(of: message) == subject, sourceLocation: sourceLocation)
            let bytes = Array(message.utf8)
            for (index, byte) in bytes.enumerated() where byte == 0x0A {
                if index == 0 || bytes[index - 1] != 0x0D {
                    Issue.record("\(asOf): a bare LF in an .eml file", sourceLocation: sourceLocation)
                    break
                }
            }
            let decoded = flattened(decodeQuotedPrintable(message))
            for words in contains {
                #expect(decoded.contains(flattened(words)), "\(asOf): missing \(words)", sourceLocation: sourceLocation)
            }
        }

        func expectNothing(_ asOf: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let run = try harness.run(asOf, out)
            #expect(run.status == 0, "\(asOf): \(run.stderr)", sourceLocation: sourceLocation)
            #expect(run.stdout.isEmpty && run.stderr.isEmpty, "\(asOf): \(run.stdout)\(run.stderr)", sourceLocation: sourceLocation)
            #expect(try emlFiles(harness).count == sent, "\(asOf): unexpected message", sourceLocation: sourceLocation)
        }

        // 10 March: the assessment is missing (new); the police approval is not yet within its window.
        try expectMessage("2024-03-10", subject: NotifyHarness.named + " 1 missing", contains: ["Status:  MISSING. New since the last message."])
        try expectNothing("2024-03-11")
        try expectNothing("2024-03-10")  // never twice for one date
        // 18 March: the approval enters its 14-day window (new); the assessment is due a reminder (8 days).
        try expectMessage("2024-03-18", subject: NotifyHarness.named + " 1 missing, 1 due within 13 days",
                          contains: ["Status:  DUE SOON. New since the last message.", "Reminder: still missing; last mentioned 10 March 2024."])
        try expectNothing("2024-03-24")
        // 2 April: the approval is overdue (escalated).
        try expectMessage("2024-04-02", subject: NotifyHarness.named + " 1 overdue, 1 missing",
                          contains: ["Partner approval of the strategy – Testshire Police", "Changed: now overdue, was due soon.", "By when: 31 March 2024, 2 days ago: act now"])
        try expectNothing("2024-04-02")
        // The police approve on 2 April (late): resolved on the next run.
        try harness.writeRecord(policeApproved: "2024-04-02")
        try expectMessage("2024-04-03", subject: NotifyHarness.named + " 1 missing, 1 resolved",
                          contains: ["Resolved since the last message: Partner approval of the strategy (Testshire Police) [was overdue, now done late]."])
        // A missed week: no runs from 4 to 19 April; one catch-up reminder, then quiet again.
        try expectMessage("2024-04-20", subject: NotifyHarness.named + " 1 missing", contains: ["Reminder: still missing; last mentioned 3 April 2024."])
        try expectNothing("2024-04-21")

        let store = try NotificationStateStore(path: harness.state)
        #expect(try store.deliveries().map(\.state) == Array(repeating: DeliveryState.sent, count: sent))
        #expect(try store.deliveries().allSatisfy { $0.channel == .file && $0.destination.map { FileManager.default.fileExists(atPath: $0) } == true })
        let state = try store.state(partnership: "Safer Testshire – East", audience: "digest")
        #expect(state.lastSentOn == CivilDate(iso: "2024-04-20"))
        #expect(state.items.map(\.key) == [ItemKey(rule: "assessment", subject: nil)])
    }

    /// An item that leaves the record altogether (the partner is taken off the list) is named as its
    /// audience was told, by its label, not by the bare partner id; nothing showed it done, so it is
    /// named as no longer reported rather than resolved.
    @Test func anItemThatLeftTheRecordIsNamedUnderItsLabel() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let out = ["--out-dir", harness.outDir]
        var run = try harness.run("2024-04-02", out)
        #expect(run.status == 1, "\(run.stderr)")
        try harness.writeRecordWithoutPolice()
        Thread.sleep(forTimeInterval: 1.05)  // file names start with the send time, to the second
        run = try harness.run("2024-04-03", out)
        #expect(run.status == 1, "\(run.stderr)")
        let message = try #require(try newestMessage(harness, after: 1))
        #expect(NotifyHarness.subject(of: message) == NotifyHarness.named + " 1 missing, 1 no longer reported")
        let body = flattened(decodeQuotedPrintable(message))
        #expect(body.contains(flattened("Resolved since the last message: none.")))
        #expect(body.contains(flattened("No longer reported, but not shown as met (the rule no longer applies to the record, or "
            + "the item has left it): Partner approval of the strategy (Testshire Police) [was overdue, due 31 March 2024; "
            + "that date has passed: check it was done].")), "\(body)")
    }

    @Test func dryRunShowsAndRecordsNothing() throws {
        guard let harness = try NotifyHarness.make() else { return }
        var run = try harness.run("2024-04-02", ["--dry-run"])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("Date: "))
        #expect(NotifyHarness.subject(of: run.stdout) == NotifyHarness.named + " 1 overdue, 1 missing")
        #expect(!FileManager.default.fileExists(atPath: harness.state))

        run = try harness.run("2024-04-02")  // stdout delivery records the message
        #expect(run.status == 1)
        #expect(FileManager.default.fileExists(atPath: harness.state))
        // A dry run on the database leaves its folder as it found it: no -wal or -shm beside it.
        let folder = (harness.state as NSString).deletingLastPathComponent
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let bytesBefore = try Data(contentsOf: URL(fileURLWithPath: harness.state))
        run = try harness.run("2024-04-02", ["--dry-run"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == filesBefore)
        #expect(!filesBefore.contains { $0.hasSuffix("-wal") || $0.hasSuffix("-shm") }, "\(filesBefore)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: harness.state)) == bytesBefore)
    }

    /// A run dated before the last message sends nothing (never backwards), and says why on stderr so
    /// that cron mails it; a second run for the same date is silent, as a cron job should be.
    @Test func aRunDatedBeforeTheLastMessageSaysWhyItSendsNothing() throws {
        guard let harness = try NotifyHarness.make() else { return }
        #expect(try harness.run("2024-04-02").status == 1)
        let again = try harness.run("2024-04-02")
        #expect(again.status == 0)
        #expect(again.stdout.isEmpty && again.stderr.isEmpty, "\(again.stderr)")
        let earlier = try harness.run("2024-03-25")
        #expect(earlier.status == 0)
        #expect(earlier.stdout.isEmpty)
        #expect(earlier.stderr == "dutycheck: warning: \(harness.record): one of its audiences already had a message as of "
            + "2 April 2024, after this run's date of 25 March 2024; notify never sends for the same or an earlier date, "
            + "so it hears nothing until a run dated after 2 April 2024\n")
    }

    /// A dry run on a database a killed run left with a -wal full of changes leaves both files as they
    /// are: it opens that database read-only, as a connection able to write would checkpoint the -wal
    /// into the database when it closed.
    @Test func aDryRunLeavesAKilledRunsJournalAlone() throws {
        guard let harness = try NotifyHarness.make() else { return }
        #expect(try harness.run("2024-04-02").status == 1)
        let copy = harness.folder.appendingPathComponent("state/copy.sqlite").path
        do {
            // Copied while a connection has written to the -wal and not yet checkpointed it: what a run
            // killed mid-write leaves.
            let writer = try SQLiteDatabase(path: harness.state)
            try writer.execute("PRAGMA wal_autocheckpoint = 0; UPDATE audience SET last_sent_on = '2024-04-01'")
            #expect(FileManager.default.fileExists(atPath: harness.state + "-wal"))
            try FileManager.default.copyItem(atPath: harness.state, toPath: copy)
            try FileManager.default.copyItem(atPath: harness.state + "-wal", toPath: copy + "-wal")
        }
        let databaseBefore = try Data(contentsOf: URL(fileURLWithPath: copy))
        let journalBefore = try Data(contentsOf: URL(fileURLWithPath: copy + "-wal"))
        #expect(!journalBefore.isEmpty)
        let dry = try harness.run("2024-04-09", ["--dry-run", "--state", copy])
        #expect([0, 1].contains(dry.status), "\(dry.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == databaseBefore)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy + "-wal")) == journalBefore)
    }

    @Test func sourceDateEpochMakesOutputReproducible() throws {
        guard var harness = try NotifyHarness.make() else { return }
        harness.sourceDateEpoch = "1712037600"  // 2024-04-02T06:00:00Z
        let first = try harness.run("2024-04-02", ["--dry-run"])
        let second = try harness.run("2024-04-02", ["--dry-run"])
        #expect(first.status == 1)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.hasPrefix("Date: Tue, 02 Apr 2024 07:00:00 +0100\n"))
        harness.sourceDateEpoch = nil
        #expect(try harness.run("2024-04-02", ["--dry-run"]).stdout != first.stdout)  // a random Message-ID
    }

    /// SOURCE_DATE_EPOCH from 0 to 253402300799 (9999-12-31T23:59:59Z) is shown as it is everywhere;
    /// one past either end is bad input before the state database or its folder is made.
    @Test func sourceDateEpochAtTheEndsOfItsRange() throws {
        guard var harness = try NotifyHarness.make() else { return }
        harness.sourceDateEpoch = "0"
        let first = try harness.run("2024-04-02", ["--dry-run", "--per-owner"])
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("From dutycheck Thu Jan  1 00:00:00 1970\nDate: Thu, 01 Jan 1970 01:00:00 +0100\n"))  // BST all year then

        for bad in ["-1", "253402300800", "9223372036854775807", "-9223372036854775808", "-62135596801", "soon"] {
            harness.sourceDateEpoch = bad
            let run = try harness.run("2024-04-02", ["--out-dir", harness.outDir])
            #expect(run.status == 2, "\(bad): \(run.stderr)")
            #expect(run.stderr == "SOURCE_DATE_EPOCH: error: \"\(bad)\" is not a whole number of seconds from 0 (1970-01-01T00:00:00Z) to 253402300799 (9999-12-31T23:59:59Z)\n")
            #expect(!FileManager.default.fileExists(atPath: (harness.state as NSString).deletingLastPathComponent), "\(bad): the state folder was made")
            #expect(try emlFiles(harness).isEmpty)
        }

        harness.sourceDateEpoch = "253402300799"
        let last = try harness.run("2024-04-02", ["--out-dir", harness.outDir])
        #expect(last.status == 1, "\(last.stderr)")
        let files = try emlFiles(harness)
        #expect(files.count == 1 && files.allSatisfy { $0.hasPrefix("99991231T235959Z-") }, "\(files)")
        let message = try String(contentsOfFile: harness.outDir + "/" + (files.first ?? ""), encoding: .utf8)
        #expect(message.hasPrefix("Date: Fri, 31 Dec 9999 23:59:59 +0000\r\n"))

        harness.sourceDateEpoch = ""  // set but empty: the real time, as if unset
        let unset = try harness.run("2024-04-03", ["--dry-run"])
        #expect(unset.status == 0 && unset.stderr.isEmpty, "\(unset.stderr)")
    }

    /// `--state` naming another program's SQLite database: exit 2, real run or dry run, and the file and
    /// its folder are left as they were (no tables added, no lock file, no journal).
    @Test func anotherProgramsDatabaseIsRefusedAndLeftAsItWas() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let folder = (harness.state as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        do {
            let database = try SQLiteDatabase(path: harness.state)
            try database.execute("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('keep me');")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: harness.state))
        for extra in [["--out-dir", harness.outDir], ["--dry-run"], []] {
            let run = try harness.run("2024-04-02", extra)
            #expect(run.status == 2, "\(extra): \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == "\(harness.state): error: state database: not a dutycheck state database: it is an SQLite "
                + "database of another program (it holds other tables, or lacks dutycheck's), so it is left as it is; "
                + "give the state a file of its own\n")
            #expect(try Data(contentsOf: URL(fileURLWithPath: harness.state)) == before, "\(extra)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["state.sqlite"], "\(extra)")
            #expect(try emlFiles(harness).isEmpty)
        }
    }

    /// `--state` naming a file that is no database at all (here the record itself): exit 2, real run or
    /// dry run, saying so and what --state must name; the file is left as it was, with no lock beside it.
    @Test func aStateFileThatIsNotADatabaseIsRefused() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let folder = (harness.state as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let before = Data("dutycheck: 1\npartnership: {name: Somewhere Else}\n".utf8)
        try before.write(to: URL(fileURLWithPath: harness.state))
        for extra in [["--out-dir", harness.outDir], ["--dry-run"]] {
            let run = try harness.run("2024-04-02", extra)
            #expect(run.status == 2, "\(extra): \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == "\(harness.state): error: is not a dutycheck state database (not a database at all); "
                + "--state must name the state database or a new file\n")
            #expect(try Data(contentsOf: URL(fileURLWithPath: harness.state)) == before, "\(extra)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["state.sqlite"], "\(extra)")
            #expect(try emlFiles(harness).isEmpty)
        }
    }

    /// An empty state file (made by `touch`): the dry run shows what the real run then sends, and the
    /// real run makes the file a state database.
    @Test func anEmptyStateFileIsANewStateForTheDryRunToo() throws {
        guard var harness = try NotifyHarness.make() else { return }
        harness.sourceDateEpoch = "1712037600"
        try FileManager.default.createDirectory(atPath: (harness.state as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: harness.state, contents: nil))
        let dry = try harness.run("2024-04-02", ["--dry-run"])
        #expect(dry.status == 1, "\(dry.stderr)")
        #expect(dry.stderr.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: harness.state)).isEmpty, "the dry run wrote to the state file")
        let real = try harness.run("2024-04-02")
        #expect(real.status == 1, "\(real.stderr)")
        #expect(real.stdout == dry.stdout)
        #expect(try harness.run("2024-04-02", ["--dry-run"]).status == 0)  // now recorded
    }

    /// Where the real run cannot keep its state or write its messages, the dry run fails too, with the same
    /// exit status and message, and neither makes anything (a state file, its folder, a lock file).
    @Test func aDryRunFailsWhereTheRealRunFails() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let folder = harness.folder.path
        try FileManager.default.createDirectory(atPath: folder + "/state-folder", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/locked/s.sqlite.lock", withIntermediateDirectories: true)
        #expect(mkfifo(folder + "/fifo.sqlite", 0o600) == 0)
        let places: [(String, [String])] = [
            ("--out-dir missing", ["--out-dir", folder + "/nowhere"]),
            ("--out-dir a file", ["--out-dir", harness.record]),
            ("--state under a file", ["--state", harness.record + "/s.sqlite"]),
            ("--state a folder", ["--state", folder + "/state-folder"]),
            ("--state a FIFO", ["--state", folder + "/fifo.sqlite"]),
            ("--state whose lock file is a folder", ["--state", folder + "/locked/s.sqlite"]),
        ]
        func listing() -> [String] { (FileManager.default.subpaths(atPath: folder) ?? []).filter { !$0.hasPrefix("std") }.sorted() }
        let before = listing()
        for (label, extra) in places {
            var runs: [NotifyHarness.Run] = []
            for dryRun in [true, false] {
                // A later --state wins over the harness's own.
                let started = try harness.start("2024-04-02", (dryRun ? ["--dry-run"] : []) + extra)
                if !Polling.until(seconds: 10, { !started.process.isRunning }) {
                    kill(started.process.processIdentifier, SIGKILL)  // cannot be caught or blocked, unlike SIGTERM
                    Issue.record("\(label), \(dryRun ? "dry run" : "real run"): still running after 10 seconds")
                }
                started.process.waitUntilExit()
                runs.append(started.result())
            }
            #expect(runs[1].status == 2, "\(label): \(runs[1].stderr)")
            #expect(runs[0].status == runs[1].status, "\(label): \(runs[0].stderr)")
            #expect(runs[0].stderr == runs[1].stderr, "\(label)")
            #expect(runs[0].stdout.isEmpty && runs[1].stdout.isEmpty, "\(label)")
            #expect(listing() == before, "\(label): something was made")
        }
    }

    @Test func outDirMustExist() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let run = try harness.run("2024-04-02", ["--out-dir", harness.folder.appendingPathComponent("nowhere").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--out-dir must be an existing folder"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: harness.state))
    }

    @Test func perOwnerMessagesGoToEachPartner() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let run = try harness.run("2024-04-02", ["--per-owner", "--dry-run"])
        #expect(run.status == 1, "\(run.stderr)")
        // Two messages on stdout form an mbox: the police's, and the partnership's for the board's item.
        #expect(run.stdout.hasPrefix("From dutycheck "))
        let messages = run.stdout.components(separatedBy: "\nFrom dutycheck ")
        #expect(messages.count == 2)
        #expect(messages.first?.contains("\nTo: Chief Inspector <police@example.org>\n") == true)
        #expect(messages.first.flatMap(NotifyHarness.subject(of:))
            == "[STE] Safer Testshire =?UTF-8?Q?=E2=80=93?= East, Testshire Police: 1 overdue")
        #expect(messages.last?.contains("\nTo: cst@example.org\n") == true)
        #expect(messages.last.flatMap(NotifyHarness.subject(of:)) == NotifyHarness.named + " 1 missing")
    }

    @Test func aBadAddressIsExitTwoAtItsLineAndColumn() throws {
        guard let harness = try NotifyHarness.make() else { return }
        try harness.writeRecord(policeApproved: nil, extraNotifications: "  cc: [\"not-an-address\"]")
        let run = try harness.run("2024-04-02", ["--out-dir", harness.outDir])
        #expect(run.status == 2)
        #expect(run.stderr.contains("record.yaml:22:8: error: notifications.cc[0]: 'not-an-address' is not a valid email address"), "\(run.stderr)")
        // With the line and a caret under the address, as for any bad input.
        #expect(run.stderr.contains("""
            valid email address: it must have exactly one @
              cc: ["not-an-address"]
                   ^
            """), "\(run.stderr)")
        #expect(try emlFiles(harness).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: harness.state))
    }

    @Test func usageErrorsAreExitTwo() throws {
        guard let harness = try NotifyHarness.make() else { return }
        #expect(try harness.run("2024-04-02", ["--send", "--out-dir", harness.outDir]).status == 2)
        #expect(try harness.run("2024-04-02", ["--sendmail", "sendmail -t"]).status == 2)
        #expect(try harness.run("2024-04-02", ["--send", "--sendmail", "sendmail 'unclosed"]).status == 2)
        // An empty path is a usage error for the dry run as for the real run (a later --state wins).
        for extra in [["--state", ""], ["--out-dir", ""]] {
            for dryRun in [true, false] {
                let run = try harness.run("2024-04-02", (dryRun ? ["--dry-run"] : []) + extra)
                #expect(run.status == 2, "\(extra), dry run \(dryRun): \(run.stderr)")
                #expect(run.stderr.hasPrefix("error: \(extra[0]) is empty: "), "\(run.stderr)")
                #expect(run.stdout.isEmpty)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: harness.state))
    }

    @Test func aSendmailFailureIsExitTwoAndTheNextRunRetries() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let mailbox = harness.folder.appendingPathComponent("mailbox").path
        var run = try harness.run("2024-04-02", ["--send", "--sendmail", try harness.fakeSendmail(mailbox: mailbox, status: 75)])
        #expect(run.status == 2)
        #expect(run.stderr.contains("exited with status 75"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)

        run = try harness.run("2024-04-02", ["--send", "--sendmail", try harness.fakeSendmail(mailbox: mailbox)])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.isEmpty && run.stderr.isEmpty)
        let store = try NotificationStateStore(path: harness.state)
        #expect(try store.deliveries().map(\.state) == [.sent, .failed])
        #expect(NotifyHarness.messages(in: mailbox).count == 2)  // the fake kept the refused one too
    }

    /// The police's overdue approval goes to the partnership while the police have no address, then to
    /// the police once they have one: the partnership is not told it was resolved, but that it is now
    /// sent to the police (it had left the partnership's message without a word).
    @Test func aFindingHandedToItsOwnerIsNotResolvedForThePartnership() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let withContact = try String(contentsOfFile: harness.record, encoding: .utf8)
        let noContact = withContact.replacingOccurrences(of: "    contact: {name: Chief Inspector, email: police@example.org}\n", with: "")
        #expect(noContact != withContact)
        try Data(noContact.utf8).write(to: URL(fileURLWithPath: harness.record))
        var run = try harness.run("2024-04-02", ["--per-owner", "--out-dir", harness.outDir])
        #expect(run.status == 1, "\(run.stderr)")

        try Data(withContact.utf8).write(to: URL(fileURLWithPath: harness.record))
        run = try harness.run("2024-04-03", ["--per-owner", "--out-dir", harness.outDir])
        #expect(run.status == 1, "\(run.stderr)")
        let messages = try emlFiles(harness).map { try String(contentsOfFile: harness.outDir + "/" + $0, encoding: .utf8) }
        // The police now get their item; nothing tells the partnership it was resolved (a message that
        // says so names the item in its "Resolved since the last message" line, and counts it in the subject).
        #expect(messages.filter { $0.contains("\r\nTo: Chief Inspector <police@example.org>\r\n") }.count == 1)
        #expect(!messages.contains { $0.contains("resolved\r\n") || $0.contains(" resolved,") || $0.contains("message: Each") },
                "\(messages)")
        #expect(messages.allSatisfy { !$0.contains("Resolved since the last message:") || $0.contains("Resolved since the last message: none.") },
                "\(messages)")
        let partnership = try #require(messages.last { !$0.contains("\r\nTo: Chief Inspector <police@example.org>\r\n")
                                                       && $0.contains("statutory duties as of 3 April 2024") })
        // Header and body lines are folded: read them unfolded.
        let unfolded = partnership.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "  +", with: " ", options: .regularExpression)
        #expect(unfolded.contains("Subject: [STE] Safer Testshire =?UTF-8?Q?=E2=80=93?= East: 1 missing, 1 now sent to others "), "\(unfolded)")
        #expect(unfolded.contains("Still needing action, but no longer sent here (who must act can now be written to, or has changed): "),
                "\(unfolded)")
        #expect(unfolded.contains("now sent to Testshire Police]"), "\(unfolded)")
        // Told once: the next run tells the partnership nothing more of it.
        run = try harness.run("2024-04-10", ["--per-owner", "--out-dir", harness.outDir])
        let later = try emlFiles(harness).map { try String(contentsOfFile: harness.outDir + "/" + $0, encoding: .utf8) }
            .filter { $0.contains("statutory duties as of 10 April 2024") && !$0.contains("\r\nTo: Chief Inspector <police@example.org>\r\n") }
        #expect(later.allSatisfy { !$0.contains("now sent to others") && !$0.contains("no longer sent here") }, "\(later)")
    }

    /// An item that comes back when its waiver runs out says so, rather than that it is new.
    @Test func anItemBackAfterItsWaiverSaysTheWaiverRanOut() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let text = try String(contentsOfFile: harness.record, encoding: .utf8) + """
            waivers:
              - {rule: partner-approval, subject: police, reason: Board agreed to wait., approved_by: Board, until: 2024-04-05}

            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: harness.record))
        _ = try harness.run("2024-04-02", ["--dry-run"])
        let run = try harness.run("2024-04-06", ["--dry-run"])
        #expect(run.status == 1, "\(run.stderr)")
        let decoded = run.stdout.replacingOccurrences(of: "=\n", with: "")
        #expect(decoded.contains("Its waiver ran out on 5 April 2024."), "\(run.stdout)")
        // The other new item (the missing assessment) is plainly new.
        #expect(decoded.contains("New since the last message."))
    }

    /// One partner's message refused (a bad address) does not hold back the others: they go, the run
    /// says which failed and exits 2, and the next run sends only the refused one.
    @Test func aRefusedMessageDoesNotHoldBackTheOthers() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let mailbox = harness.folder.appendingPathComponent("mailbox").path
        let refusing = try harness.fakeSendmail(mailbox: mailbox, refusing: "To: Chief Inspector <police@example.org>")
        var run = try harness.run("2024-04-02", ["--per-owner", "--send", "--sendmail", refusing])
        #expect(run.status == 2)
        #expect(run.stderr.contains("could not send <"), "\(run.stderr)")
        #expect(run.stderr.contains("exited with status 75"), "\(run.stderr)")
        // The police's message came first and was refused; the partnership's still went.
        #expect(NotifyHarness.messages(in: mailbox).map { $0.contains("\nTo: cst@example.org\n") } == [true])
        var store = try NotificationStateStore(path: harness.state)
        #expect(Set(try store.deliveries().map(\.state)) == [.sent, .failed])

        run = try harness.run("2024-04-02", ["--per-owner", "--send", "--sendmail", try harness.fakeSendmail(mailbox: mailbox)])
        #expect(run.status == 1, "\(run.stderr)")
        let delivered = NotifyHarness.messages(in: mailbox)
        #expect(delivered.count == 2)
        #expect(delivered.last?.contains("\nTo: Chief Inspector <police@example.org>\n") == true)
        store = try NotificationStateStore(path: harness.state)
        #expect(try store.deliveries().map(\.state).filter { $0 == .sent }.count == 2)
    }

    /// After a sendmail that hangs, the messages after it are not tried (each would wait the whole
    /// timeout); the run says so, and the next run sends them all.
    @Test func afterAHungSendmailTheRestWaitForTheNextRun() throws {
        guard var harness = try NotifyHarness.make() else { return }
        let mailbox = harness.folder.appendingPathComponent("mailbox").path
        let slow = try harness.fakeSendmail(mailbox: mailbox, sleepSeconds: 30)
        harness.extraEnvironment = ["DUTYCHECK_SENDMAIL_TIMEOUT": "1"]
        var run = try harness.run("2024-04-02", ["--per-owner", "--send", "--sendmail", slow])
        #expect(run.status == 2)
        #expect(run.stderr.contains("did not finish within 1 seconds and was killed"), "\(run.stderr)")
        #expect(run.stderr.contains("1 more message was not tried after it; the next run plans them again"), "\(run.stderr)")
        // The hung sendmail had stored the first message before it was killed; the second was never started.
        #expect(NotifyHarness.messages(in: mailbox).count == 1)

        if let pid = try? String(contentsOfFile: mailbox + "/1.pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
           let id = Int32(pid) {
            kill(id, SIGKILL)  // in case it outlived its group
        }
        run = try harness.run("2024-04-02", ["--per-owner", "--send", "--sendmail", try harness.fakeSendmail(mailbox: mailbox)])
        #expect(run.status == 1, "\(run.stderr)")
        // Both go now: the one the hung sendmail had stored counts as failed, so it is sent again.
        #expect(NotifyHarness.messages(in: mailbox).count == 3)
    }

    @Test func aKilledRunSendsNoDuplicate() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let mailbox = harness.folder.appendingPathComponent("mailbox").path
        let slow = try harness.fakeSendmail(mailbox: mailbox, sleepSeconds: 60)
        let started = try harness.start("2024-04-02", ["--send", "--sendmail", slow])
        #expect(NotifyHarness.waitFor(mailbox + "/1.done"), "the fake sendmail never got the message")
        kill(started.process.processIdentifier, SIGKILL)
        started.process.waitUntilExit()
        #expect(started.process.terminationReason == .uncaughtSignal)
        if let pid = try? String(contentsOfFile: mailbox + "/1.pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
           let id = Int32(pid) {
            kill(id, SIGKILL)  // the orphaned fake sendmail this test started (signals may be blocked in it)
        }

        // The killed run left its message pending; the state is intact.
        do {
            let store = try NotificationStateStore(path: harness.state)
            #expect(try store.deliveries().map(\.state) == [.pending])
            #expect(try store.state(partnership: "Safer Testshire – East", audience: "digest").items.isEmpty)
        }

        // The next run settles it at most once: counted as sent, not sent again, and said on stderr.
        let quick = try harness.fakeSendmail(mailbox: mailbox)
        var run = try harness.run("2024-04-02", ["--send", "--sendmail", quick])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("counts as sent and will not be sent again"), "\(run.stderr)")
        #expect(NotifyHarness.messages(in: mailbox).count == 1)
        let store = try NotificationStateStore(path: harness.state)
        #expect(try store.deliveries().map(\.state) == [.assumedSent])
        #expect(try store.deliveries().first?.message.isEmpty == false)
        #expect(try store.state(partnership: "Safer Testshire – East", audience: "digest").items.count == 2)

        // And the day after, nothing has changed: still quiet.
        run = try harness.run("2024-04-03", ["--send", "--sendmail", quick])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(NotifyHarness.messages(in: mailbox).count == 1)
    }

    /// A run killed before sendmail has read a message larger than a pipe holds (64 KiB) leaves
    /// sendmail the whole message: sendmail reads it from a file, where from a pipe the run was still
    /// filling it read the first 64 KiB and, at end of input, sent those.
    @Test func aRunKilledBeforeSendmailReadsLeavesItTheWholeMessage() throws {
        guard let harness = try NotifyHarness.make() else { return }
        // 300 partners with no contact of their own: the digest lists each one's overdue approval.
        try harness.writeRecord(partnerLines: (1...300).map { "  - {id: p\($0), name: Testshire Partner Number \($0), role: other}\n" }.joined())
        let mailbox = harness.folder.appendingPathComponent("mailbox").path
        try FileManager.default.createDirectory(atPath: mailbox, withIntermediateDirectories: true)
        // A sendmail that says it has started, then waits before it reads its input.
        let script = harness.folder.appendingPathComponent("late-reader.sh")
        try Data("#!/bin/sh\n: > \"$1/started\"\nsleep 2\ncat > \"$1/message.eml\"\n: > \"$1/done\"\n".utf8).write(to: script)
        let started = try harness.start("2024-04-02", ["--send", "--sendmail", "/bin/sh \(script.path) \(mailbox)"])
        #expect(NotifyHarness.waitFor(mailbox + "/started"), "the sendmail stand-in never started")
        kill(started.process.processIdentifier, SIGKILL)
        started.process.waitUntilExit()
        #expect(NotifyHarness.waitFor(mailbox + "/done"), "the sendmail stand-in never finished reading")
        let message = try String(contentsOfFile: mailbox + "/message.eml", encoding: .utf8)
        #expect(message.utf8.count > 65_536)
        let boundary = try #require(message.firstMatch(of: #/boundary="([^"]+)"/#)?.output.1)
        #expect(message.hasSuffix("--\(boundary)--\n"), "the message was cut off: \(message.suffix(200))")
    }

    /// A run killed while writing an `--out-dir` file leaves a hidden temporary file beside where the
    /// message was going; the next run, which plans the message again, removes it.
    @Test func aKilledFileDeliveryLeavesNoTemporaryFileBehind() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let destination = harness.outDir + "/20240402T060000Z-dutycheck.killed.eml"
        let leftover = harness.outDir + "/.20240402T060000Z-dutycheck.killed.eml.99999.tmp"
        let unrelated = harness.outDir + "/.notes.tmp"
        do {
            // What a run killed mid-write leaves: a pending claim for the file, and half of it.
            let store = try NotificationStateStore(path: harness.state)
            _ = try store.claim(DeliveryClaim(
                partnership: "Safer Testshire – East", audience: "digest", asOf: day(2024, 4, 2), messageID: "<dutycheck.killed>",
                channel: .file, destination: destination, message: Array("Date: ".utf8), nextItems: [], createdAt: "t"))
        }
        try Data("Date: ".utf8).write(to: URL(fileURLWithPath: leftover))
        try Data("kept".utf8).write(to: URL(fileURLWithPath: unrelated))
        let run = try harness.run("2024-04-02", ["--out-dir", harness.outDir])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("will be planned again"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(FileManager.default.fileExists(atPath: unrelated))
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.outDir).filter { $0.hasSuffix(".eml") }.count == 1)
    }

    @Test func overlappingRunsSendOnce() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let mailbox = harness.folder.appendingPathComponent("mailbox").path
        let first = try harness.start("2024-04-02", ["--send", "--sendmail", try harness.fakeSendmail(mailbox: mailbox, sleepSeconds: 2)])
        #expect(NotifyHarness.waitFor(mailbox + "/1.done"))
        let second = try harness.start("2024-04-02", ["--send", "--sendmail", try harness.fakeSendmail(mailbox: mailbox)])
        first.process.waitUntilExit()
        second.process.waitUntilExit()
        #expect(first.result().status == 1, "\(first.result().stderr)")
        #expect(second.result().status == 0, "\(second.result().stderr)")
        #expect(NotifyHarness.messages(in: mailbox).count == 1)
    }

    /// A run waits for the lock before it changes the database: while another run holds it, a
    /// version 1 database stays at version 1; once the lock is free the waiting run migrates it.
    @Test func aRunWaitingForTheLockLeavesTheDatabaseAlone() throws {
        guard let harness = try NotifyHarness.make() else { return }
        try FileManager.default.createDirectory(atPath: (harness.state as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        do {
            let database = try SQLiteDatabase(path: harness.state)
            try database.execute(NotificationStateStore.schemaV1)
            try database.execute("PRAGMA user_version = 1")
        }
        let holder = try StateLock(path: StatePaths.lockFile(forDatabase: harness.state), timeoutSeconds: 0)
        let waiting = try harness.start("2024-04-02")
        defer { if waiting.process.isRunning { kill(waiting.process.processIdentifier, SIGKILL) } }
        usleep(1_500_000)
        #expect(waiting.process.isRunning)
        func version() throws -> Int64? {
            try SQLiteDatabase(path: harness.state, access: .readOnly).query("PRAGMA user_version").first?.first?.integer
        }
        #expect(try version() == 1)
        holder.release()
        waiting.process.waitUntilExit()
        #expect(waiting.result().status == 1, "\(waiting.result().stderr)")
        #expect(try version() == 2)
    }

    /// The real thing: msmtp (Debian) delivers over SMTP to an aiosmtpd sink on 127.0.0.1, and what arrives
    /// is what the tool produced (the copy kept in the state database).
    @Test func sendsThroughMsmtpToAnSMTPSink() throws {
        guard let harness = try NotifyHarness.make() else { return }
        guard let msmtp = ExternalTools.require(ExternalTools.which("msmtp"), "msmtp (apt-get install msmtp)"),
              let python = ExternalTools.require(ExternalTools.python(importing: ["aiosmtpd"]), "python3 with aiosmtpd (pip install aiosmtpd)") else { return }
        let sink = try SMTPSink(python: python, folder: harness.folder.appendingPathComponent("sink").path)
        defer { sink.stop() }
        let config = harness.folder.appendingPathComponent("msmtprc")
        try Data("# no accounts: everything is on the command line\n".utf8).write(to: config)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config.path)
        let command = "\(msmtp) -C \(config.path) --host=127.0.0.1 --port=\(sink.port) --auth=off --tls=off "
            + "--from=bounces@test.invalid -t -oi"

        let run = try harness.run("2024-04-02", ["--send", "--sendmail", command, "--per-owner"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let delivered = sink.messages(count: 2)
        #expect(delivered.count == 2)
        let store = try NotificationStateStore(path: harness.state)
        let produced = try store.deliveries().reversed().map(\.message)
        #expect(produced.count == 2)
        for (wire, made) in zip(delivered, produced) {
            #expect(wire.envelope.contains("bounces@test.invalid"))
            let unwrapped = String(decoding: wire.bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            #expect(unwrapped == String(decoding: made, as: UTF8.self))
        }
        #expect(delivered.first?.envelope.contains("police@example.org") == true)
        #expect(delivered.last?.envelope.contains("cst@example.org") == true)

        let again = try harness.run("2024-04-02", ["--send", "--sendmail", command, "--per-owner"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(sink.messages(count: 3, wait: 1).count == 2)
    }
}

/// Text with every run of white space as one space, so that searches ignore line wrapping.
func flattened(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

/// Joins quoted-printable soft breaks and decodes escapes, good enough to search a message's text.
func decodeQuotedPrintable(_ message: String) -> String {
    let unfolded = message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "=\n", with: "")
    var bytes: [UInt8] = []
    let source = Array(unfolded.utf8)
    var index = 0
    while index < source.count {
        if source[index] == UInt8(ascii: "="), index + 2 < source.count,
           let value = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
            bytes.append(value)
            index += 3
        } else {
            bytes.append(source[index])
            index += 1
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
