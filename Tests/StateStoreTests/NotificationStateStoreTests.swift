import Foundation
import RuleEngine
@testable import StateStore
import Testing

/// A fresh folder for one test's database.
func scratchDirectory(_ name: String = #function) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("dutycheck-state-\(name.filter { $0.isLetter })-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func claim(_ asOf: CivilDate, items: [TrackedItem] = [], audience: String = "digest", channel: DeliveryChannel = .sendmail,
           destination: String? = nil, message: String = "message") -> DeliveryClaim {
    DeliveryClaim(partnership: "Safer Bromley – East", audience: audience, asOf: asOf, messageID: "<m.\(asOf.iso)@example.org>",
                  channel: channel, destination: destination, message: Array(message.utf8), nextItems: items,
                  createdAt: asOf.iso + "T07:00:00Z")
}

func tracked(_ rule: String, _ status: Status, on date: CivilDate, subject: String? = nil, label: String? = nil) -> TrackedItem {
    TrackedItem(key: ItemKey(rule: rule, subject: subject), title: "Title – \(rule)", label: label, status: status,
                due: day(2024, 3, 31), firstNotified: date, lastNotified: date)
}

@Suite("StateStore: database")
struct NotificationStateStoreTests {
    @Test func createsAPrivateDurableDatabase() throws {
        let folder = try scratchDirectory()
        let path = folder.appendingPathComponent("deeper/state.sqlite").path
        let store = try NotificationStateStore(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("deeper").path)
        #expect((folderAttributes[.posixPermissions] as? Int) == 0o700)
        #expect(try store.database.query("PRAGMA journal_mode").first?.first?.text == "wal")
        #expect(try store.database.query("PRAGMA synchronous").first?.first?.integer == 2)  // FULL
        #expect(try store.database.query("PRAGMA user_version").first?.first?.integer == NotificationStateStore.schemaVersion)
        #expect(try store.state(partnership: "x", audience: "digest") == AudienceState())
        // Opening again keeps the schema and data.
        _ = try NotificationStateStore(path: path)
    }

    @Test func claimThenCompleteRemembersTheItems() throws {
        let store = try NotificationStateStore(path: try scratchDirectory().appendingPathComponent("s.sqlite").path)
        let items = [tracked("a", .overdue, on: day(2024, 4, 2)), tracked("b", .dueSoon, on: day(2024, 4, 2), subject: "lbb")]
        let id = try #require(try store.claim(claim(day(2024, 4, 2), items: items)))

        var state = try store.state(partnership: "Safer Bromley – East", audience: "digest")
        #expect(state.lastSentOn == day(2024, 4, 2))
        #expect(state.items.isEmpty)  // not delivered yet
        #expect(try store.deliveries().map(\.state) == [.pending])

        try store.complete(id, at: "2024-04-02T07:00:01Z")
        state = try store.state(partnership: "Safer Bromley – East", audience: "digest")
        #expect(state == AudienceState(lastSentOn: day(2024, 4, 2), items: items))
        let delivery = try #require(try store.deliveries().first)
        #expect(delivery.state == .sent)
        #expect(delivery.message == Array("message".utf8))
        #expect(delivery.finishedAt == "2024-04-02T07:00:01Z")
        #expect(try store.state(partnership: "Safer Bromley – East", audience: "owner:lbb") == AudienceState())
    }

    @Test func neverClaimsTwiceForOneDateOrAnEarlierOne() throws {
        let path = try scratchDirectory().appendingPathComponent("s.sqlite").path
        let store = try NotificationStateStore(path: path)
        let other = try NotificationStateStore(path: path)  // a second connection, as a second process would have
        let id = try #require(try store.claim(claim(day(2024, 4, 2))))
        #expect(try other.claim(claim(day(2024, 4, 3))) == nil)  // one is still pending
        try store.complete(id, at: "t")
        #expect(try other.claim(claim(day(2024, 4, 2))) == nil)
        #expect(try other.claim(claim(day(2024, 4, 1))) == nil)
        #expect(try other.claim(claim(day(2024, 4, 2), audience: "owner:lbb")) != nil)  // another audience
        #expect(try other.claim(claim(day(2024, 4, 3))) != nil)
    }

    @Test func aFailedDeliveryLeavesTheStateAsItWas() throws {
        let store = try NotificationStateStore(path: try scratchDirectory().appendingPathComponent("s.sqlite").path)
        let first = [tracked("a", .overdue, on: day(2024, 4, 1))]
        try store.complete(try #require(try store.claim(claim(day(2024, 4, 1), items: first))), at: "t1")
        let id = try #require(try store.claim(claim(day(2024, 4, 2), items: [tracked("a", .overdue, on: day(2024, 4, 2))])))
        try store.fail(id, at: "t2", error: "sendmail exited with status 75")
        #expect(try store.state(partnership: "Safer Bromley – East", audience: "digest") == AudienceState(lastSentOn: day(2024, 4, 1), items: first))
        #expect(try store.deliveries().first?.error == "sendmail exited with status 75")
        #expect(try store.claim(claim(day(2024, 4, 2))) != nil)  // the next run may try again
    }

    @Test func recoveryIsAtMostOnceForPipesAndExactForFiles() throws {
        let folder = try scratchDirectory()
        let store = try NotificationStateStore(path: folder.appendingPathComponent("s.sqlite").path)
        let items = [tracked("a", .overdue, on: day(2024, 4, 2))]
        let placed = folder.appendingPathComponent("placed.eml").path
        let missing = folder.appendingPathComponent("missing.eml").path
        _ = try store.claim(claim(day(2024, 4, 2), items: items, audience: "digest", channel: .sendmail))
        _ = try store.claim(claim(day(2024, 4, 2), items: items, audience: "owner:a", channel: .file, destination: placed))
        _ = try store.claim(claim(day(2024, 4, 2), items: items, audience: "owner:b", channel: .file, destination: missing))
        _ = try store.claim(claim(day(2024, 4, 2), items: items, audience: "owner:c", channel: .stdout))

        let settled = try store.recoverInterrupted(at: "later") { $0 == placed }
        #expect(Dictionary(uniqueKeysWithValues: settled.map { ($0.audience, $0.state) })
            == ["digest": .assumedSent, "owner:a": .sent, "owner:b": .abandoned, "owner:c": .assumedSent])
        for audience in ["digest", "owner:a", "owner:c"] {
            #expect(try store.state(partnership: "Safer Bromley – East", audience: audience) == AudienceState(lastSentOn: day(2024, 4, 2), items: items))
        }
        #expect(try store.state(partnership: "Safer Bromley – East", audience: "owner:b") == AudienceState())
        #expect(try store.deliveries(state: .pending).isEmpty)
        #expect(try store.recoverInterrupted(at: "again") { _ in true }.isEmpty)
        #expect(RecoveryPolicy.outcome(channel: .sendmail, fileExists: false) == .assumedSent)
    }

    @Test func dryRunReadsWithoutCreating() throws {
        let folder = try scratchDirectory()
        let path = folder.appendingPathComponent("s.sqlite").path
        #expect(try NotificationStateStore(readingExisting: path) == nil)
        #expect(!FileManager.default.fileExists(atPath: path))
        let store = try NotificationStateStore(path: path)
        try store.complete(try #require(try store.claim(claim(day(2024, 4, 2), items: [tracked("a", .missing, on: day(2024, 4, 2))]))), at: "t")
        let reader = try #require(try NotificationStateStore(readingExisting: path))
        #expect(try reader.state(partnership: "Safer Bromley – East", audience: "digest").items.count == 1)
        #expect(throws: SQLiteError.self) { try reader.claim(claim(day(2024, 4, 3))) }
    }

    @Test func refusesANewerSchema() throws {
        let path = try scratchDirectory().appendingPathComponent("s.sqlite").path
        let database = try SQLiteDatabase(path: path)
        try database.execute("PRAGMA user_version = 99")
        #expect(throws: SQLiteError.self) { try NotificationStateStore(path: path) }
    }

    /// A file that is no database at all (a record named by mistake) is refused for reading and for
    /// writing as such, not with SQLite's bare "file is not a database", and left as it was.
    @Test func refusesAFileThatIsNotADatabaseAndLeavesItAsItWas() throws {
        let folder = try scratchDirectory()
        let path = folder.appendingPathComponent("record.yaml").path
        let before = Data("dutycheck: 1\npartnership: {name: P}\n".utf8)
        try before.write(to: URL(fileURLWithPath: path))
        #expect(throws: NotificationStateStore.NotADatabase.self) { try NotificationStateStore(readingExisting: path) }
        #expect(throws: NotificationStateStore.NotADatabase.self) { try NotificationStateStore(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["record.yaml"])
        #expect(NotificationStateStore.NotADatabase(path: path).description
            == "not a dutycheck state database: it is not a database at all")
    }

    /// Another program's SQLite database (no dutycheck schema version, tables of its own) is refused for
    /// reading and for writing, and left byte for byte as it was, with no journal beside it.
    @Test func refusesAnotherProgramsDatabaseAndLeavesItAsItWas() throws {
        let folder = try scratchDirectory()
        let path = folder.appendingPathComponent("other.sqlite").path
        do {
            let database = try SQLiteDatabase(path: path)
            try database.execute("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: NotificationStateStore.ForeignDatabase.self) { try NotificationStateStore(readingExisting: path) }
        #expect(throws: NotificationStateStore.ForeignDatabase.self) { try NotificationStateStore(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["other.sqlite"])
        #expect(NotificationStateStore.ForeignDatabase(path: path).description.hasPrefix("not a dutycheck state database: "))

        // Only a view is still something; a negative version is never dutycheck's, even with nothing in it.
        let viewOnly = folder.appendingPathComponent("view.sqlite").path
        try SQLiteDatabase(path: viewOnly).execute("CREATE VIEW v AS SELECT 1")
        #expect(throws: NotificationStateStore.ForeignDatabase.self) { try NotificationStateStore(path: viewOnly) }
        let negative = folder.appendingPathComponent("negative.sqlite").path
        try SQLiteDatabase(path: negative).execute("PRAGMA user_version = -1")
        #expect(throws: NotificationStateStore.ForeignDatabase.self) { try NotificationStateStore(readingExisting: negative) }
        #expect(throws: NotificationStateStore.ForeignDatabase.self) { try NotificationStateStore(path: negative) }

        // Another program may set user_version too: a version of ours without our tables is not ours, and is
        // refused before the journal mode (which would change the file) is set.
        for version in [1, 2] {
            let versioned = folder.appendingPathComponent("v\(version).sqlite").path
            try SQLiteDatabase(path: versioned).execute("PRAGMA user_version = \(version); CREATE TABLE notes (body TEXT);")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: versioned))
            #expect(throws: NotificationStateStore.ForeignDatabase.self) { try NotificationStateStore(readingExisting: versioned) }
            #expect(throws: NotificationStateStore.ForeignDatabase.self) { try NotificationStateStore(path: versioned) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: versioned)) == bytes, "version \(version)")
        }
    }

    /// An empty file (made by `touch`, say) holds no state: a dry run reads it as none, and a real run makes
    /// it a state database.
    @Test func anEmptyFileIsANewDatabase() throws {
        let path = try scratchDirectory().appendingPathComponent("s.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(try NotificationStateStore(readingExisting: path) == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
        let store = try NotificationStateStore(path: path)
        #expect(try store.database.query("PRAGMA user_version").first?.first?.integer == NotificationStateStore.schemaVersion)
        #expect(try store.state(partnership: "x", audience: "digest") == AudienceState())
        // An empty database with no version yet, as SQLite itself makes one, is the same.
        let fresh = try scratchDirectory().appendingPathComponent("fresh.sqlite").path
        try SQLiteDatabase(path: fresh).execute("PRAGMA page_size = 4096; VACUUM;")
        #expect(try NotificationStateStore(readingExisting: fresh) == nil)
        _ = try NotificationStateStore(path: fresh)
    }

    @Test func oldMessageBytesArePruned() throws {
        let store = try NotificationStateStore(path: try scratchDirectory().appendingPathComponent("s.sqlite").path)
        try store.complete(try #require(try store.claim(claim(day(2023, 1, 2), message: "old"))), at: "t")
        try store.complete(try #require(try store.claim(claim(day(2023, 6, 1), message: "middle"))), at: "t")
        try store.complete(try #require(try store.claim(claim(day(2024, 4, 2), message: "new"))), at: "t")
        let messages = try store.deliveries().map { String(decoding: $0.message, as: UTF8.self) }
        #expect(messages == ["new", ""])  // 2023-01-02 is over 400 days old and gone; 2023-06-01 kept without bytes
    }

    @Test func pruningFindsOldDeliveriesByIndexEvenInADatabaseMadeWithoutIt() throws {
        // A version 1 database made before the index existed gets it when opened, and keeps its deliveries.
        let path = try scratchDirectory().appendingPathComponent("s.sqlite").path
        let store = try NotificationStateStore(path: path)
        try store.complete(try #require(try store.claim(claim(day(2024, 4, 2)))), at: "t")
        try SQLiteDatabase(path: path).execute("DROP INDEX delivery_by_as_of")
        _ = try NotificationStateStore(path: path)
        let database = try SQLiteDatabase(path: path)
        let plan = try database.query("EXPLAIN QUERY PLAN DELETE FROM delivery WHERE state != 'pending' AND as_of < '2023-01-01'")
        #expect(plan.map { $0.last?.text ?? "" }.contains { $0.contains("USING INDEX delivery_by_as_of") }, "\(plan)")
        #expect(try database.query("PRAGMA user_version").first?.first?.integer == NotificationStateStore.schemaVersion)
        #expect(try NotificationStateStore(path: path).deliveries().count == 1)
    }

    @Test func labelsAreKeptWithTheItems() throws {
        let store = try NotificationStateStore(path: try scratchDirectory().appendingPathComponent("s.sqlite").path)
        let items = [tracked("a", .overdue, on: day(2024, 4, 2)),
                     tracked("b", .dueSoon, on: day(2024, 4, 2), subject: "lbb", label: "London Borough – Bromley")]
        try store.complete(try #require(try store.claim(claim(day(2024, 4, 2), items: items))), at: "t")
        let state = try store.state(partnership: "Safer Bromley – East", audience: "digest")
        #expect(state.items.map(\.label) == [nil, "London Borough – Bromley"])
    }

    /// A database written by a dutycheck of schema version 1 (items without labels) is read as it is
    /// by a dry run, and brought to version 2 when opened for writing, keeping what it held.
    @Test func aVersion1DatabaseIsReadAndMigrated() throws {
        let path = try scratchDirectory().appendingPathComponent("s.sqlite").path
        do {
            let database = try SQLiteDatabase(path: path)
            try database.execute(NotificationStateStore.schemaV1)
            try database.execute("PRAGMA user_version = 1")
            try database.query("""
                INSERT INTO item (partnership, audience, rule, subject, title, status, due, first_notified_on, last_notified_on)
                VALUES ('P', 'digest', 'a', 'police', 'Title – a', 'overdue', '2024-03-31', '2024-04-01', '2024-04-01')
                """)
        }
        let told = TrackedItem(key: ItemKey(rule: "a", subject: "police"), title: "Title – a", status: .overdue,
                               due: day(2024, 3, 31), firstNotified: day(2024, 4, 1), lastNotified: day(2024, 4, 1))
        let reader = try #require(try NotificationStateStore(readingExisting: path))
        #expect(try reader.state(partnership: "P", audience: "digest").items == [told])
        #expect(try reader.database.query("PRAGMA user_version").first?.first?.integer == 1)

        let store = try NotificationStateStore(path: path)
        #expect(try store.database.query("PRAGMA user_version").first?.first?.integer == 2)
        #expect(try store.state(partnership: "P", audience: "digest").items == [told])
        let labelled = tracked("a", .overdue, on: day(2024, 4, 8), subject: "police", label: "Testshire Police")
        let id = try #require(try store.claim(DeliveryClaim(
            partnership: "P", audience: "digest", asOf: day(2024, 4, 8), messageID: "<m@example.org>", channel: .stdout,
            destination: nil, message: [], nextItems: [labelled], createdAt: "t")))
        try store.complete(id, at: "t")
        #expect(try store.state(partnership: "P", audience: "digest").items == [labelled])
    }
}

@Suite("StateStore: SQLite wrapper, lock and paths")
struct SQLiteWrapperTests {
    @Test func valuesRoundTrip() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.execute("CREATE TABLE t (a, b, c, d, e)")
        let bytes: [UInt8] = [0, 13, 10, 255]
        try database.query("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [.null, .integer(-7), .real(1.5), .text("– é\r\n"), .blob(bytes)])
        try database.query("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [.null, .integer(0), .real(0), .text(""), .blob([])])
        let rows = try database.query("SELECT * FROM t ORDER BY b")
        #expect(rows[0] == [.null, .integer(-7), .real(1.5), .text("– é\r\n"), .blob(bytes)])
        #expect(rows[1] == [.null, .integer(0), .real(0), .text(""), .blob([])])
        #expect(!SQLiteDatabase.libraryVersion.isEmpty)
    }

    @Test func transactionsRollBackOnError() throws {
        struct Boom: Error {}
        let database = try SQLiteDatabase(path: ":memory:")
        try database.execute("CREATE TABLE t (a)")
        #expect(throws: Boom.self) {
            try database.transaction {
                try database.query("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try database.query("SELECT count(*) FROM t").first?.first == .integer(0))
    }

    @Test func errorsSayWhatFailed() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        do {
            try database.query("SELECT * FROM nowhere")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("no such table: nowhere"))
            #expect(error.description.contains("SELECT * FROM nowhere"))
        }
    }

    @Test func lockIsExclusiveUntilReleased() throws {
        let path = try scratchDirectory().appendingPathComponent("s.sqlite.lock").path
        let first = try StateLock(path: path, timeoutSeconds: 0)
        #expect(throws: StateLock.Failure.self) { try StateLock(path: path, timeoutSeconds: 0.2) }
        first.release()
        let second = try StateLock(path: path, timeoutSeconds: 0)
        second.release()
    }

    /// The location check says what a run would fail on, and makes nothing.
    @Test func locationIsCheckedWithoutMakingAnything() throws {
        let folder = try scratchDirectory()
        let root = folder.path
        #expect(FileManager.default.createFile(atPath: root + "/file", contents: Data("x".utf8)))
        try FileManager.default.createDirectory(atPath: root + "/dir", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/locked.sqlite.lock", withIntermediateDirectories: true)
        #expect(mkfifo(root + "/fifo", 0o600) == 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: root).sorted()

        func problem(_ path: String) -> String? {
            do {
                try StatePaths.checkLocation(forDatabase: path)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(problem(root + "/new.sqlite") == nil)
        #expect(problem(root + "/new/deeper/s.sqlite") == nil)
        #expect(problem(root + "/file") == nil)  // an existing file: whether it is a database is the store's to say
        #expect(problem(root + "/file/s.sqlite") == "creating \(root)/file/s.sqlite: Not a directory")
        #expect(problem(root + "/file/a/s.sqlite") == "creating \(root)/file/a/s.sqlite: Not a directory")
        #expect(problem(root + "/dir") == "creating \(root)/dir: Is a directory")
        #expect(problem(root + "/fifo") == "opening \(root)/fifo: not a regular file")
        #expect(problem("/dev/null") == "opening /dev/null: not a regular file")
        #expect(problem(root + "/locked.sqlite") == "\(root)/locked.sqlite.lock: cannot open the lock file: Is a directory")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == before)

        #expect(StatePaths.parent(of: "s.sqlite") == ".")
        #expect(StatePaths.parent(of: "/s.sqlite") == "/")
        #expect(StatePaths.parent(of: "a/b/") == "a")
        #expect(StatePaths.parent(of: "/") == "/")
    }

    @Test func defaultPathFollowsXDG() {
        #expect(StatePaths.defaultDatabase(environment: ["XDG_STATE_HOME": "/var/lib/x/", "HOME": "/home/a"]) == "/var/lib/x/dutycheck/state.sqlite")
        #expect(StatePaths.defaultDatabase(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/a"]) == "/home/a/.local/state/dutycheck/state.sqlite")
        #expect(StatePaths.defaultDatabase(environment: [:]) == nil)
        #expect(StatePaths.lockFile(forDatabase: "/s/state.sqlite") == "/s/state.sqlite.lock")
    }
}
