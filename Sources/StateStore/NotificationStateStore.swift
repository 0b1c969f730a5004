#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RuleEngine

/// Where the state database lives unless `--state` says otherwise.
public enum StatePaths {
    /// `$XDG_STATE_HOME/dutycheck/state.sqlite`, else `$HOME/.local/state/dutycheck/state.sqlite`; nil when
    /// neither variable is set to an absolute path.
    public static func defaultDatabase(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return trimmed(state) + "/dutycheck/state.sqlite"
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return trimmed(home) + "/.local/state/dutycheck/state.sqlite"
        }
        return nil
    }

    /// The lock file for a database: the same path with `.lock` added.
    public static func lockFile(forDatabase path: String) -> String { path + ".lock" }

    /// Why the state database cannot be at the path given.
    public struct LocationProblem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Checks, creating nothing, what a run would first fail on because of where the database at `path`
    /// is: a folder on the way that is a file, a folder that cannot be made or written in, a database
    /// path that is a folder, not a regular file (a FIFO would block the first read) or not readable
    /// and writable, and a lock path (`lockFile(forDatabase:)`) that is a folder or cannot be opened.
    /// The messages say what the run itself would have failed to do. A dry run checks this to fail as
    /// the real run would; the real run, so as to fail before it makes the database or its folders.
    public static func checkLocation(forDatabase path: String) throws(LocationProblem) {
        func problem(_ code: Int32, _ context: String) -> LocationProblem {
            LocationProblem(description: "\(context): \(String(cString: strerror(code)))")
        }
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: throw problem(EISDIR, "creating \(path)")
            case S_IFREG:
                if access(path, R_OK | W_OK) != 0 { throw problem(errno, "opening \(path)") }
                // The run makes its lock and journal files beside the database.
                if access(parent(of: path), W_OK | X_OK) != 0 { throw problem(errno, "opening \(path)'s folder for its journal") }
            default: throw LocationProblem(description: "opening \(path): not a regular file")
            }
        } else {
            guard errno == ENOENT else { throw problem(errno, "creating \(path)") }
            // To be made, with any missing folders: the nearest folder that exists must take them.
            var folder = parent(of: path)
            while stat(folder, &info) != 0 {
                let code = errno
                guard code == ENOENT, parent(of: folder) != folder else { throw problem(code, "creating \(path)") }
                folder = parent(of: folder)
            }
            if info.st_mode & S_IFMT != S_IFDIR { throw problem(ENOTDIR, "creating \(path)") }
            if access(folder, W_OK | X_OK) != 0 { throw problem(errno, "creating \(path)") }
        }
        let lock = lockFile(forDatabase: path)
        if stat(lock, &info) == 0 {
            let reason: Int32? = info.st_mode & S_IFMT == S_IFDIR ? EISDIR
                : access(lock, R_OK | W_OK) != 0 ? errno : nil
            if let reason {
                throw LocationProblem(description: "\(lock): cannot open the lock file: \(String(cString: strerror(reason)))")
            }
        }
    }

    /// The folder `path` is in: "." for a bare name, "/" for one at the root.
    static func parent(of path: String) -> String {
        var folder = Substring(path)
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        guard let slash = folder.lastIndex(of: "/") else { return "." }
        let head = folder[..<slash]
        return head.isEmpty ? "/" : String(head)
    }

    private static func trimmed(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path == "/" ? "" : String(path)
    }
}

/// How a message leaves the tool, which decides what an interrupted delivery means.
public enum DeliveryChannel: String, Sendable, Hashable, CaseIterable {
    /// Written to standard output (for a pipeline).
    case stdout
    /// Piped to a sendmail-compatible program.
    case sendmail
    /// Written to a file (`--out-dir`), renamed into place when complete.
    case file
}

/// The life of one message in the `delivery` table.
public enum DeliveryState: String, Sendable, Hashable, CaseIterable {
    /// Recorded before the message was handed over; the run has not finished with it.
    case pending
    case sent
    /// A run died while handing this message to sendmail or stdout; it counts as sent (at most once).
    case assumedSent = "assumed-sent"
    /// Handing it over failed; the state was not advanced, so the next run tries again.
    case failed
    /// A run died before a file message was in place; the next run plans afresh.
    case abandoned

    /// What a damaged-state message says the `state` column holds.
    static let expected = "a delivery state (pending, sent, assumed-sent, failed or abandoned)"
}

/// A message about to be handed over, with the state to keep once it has been.
public struct DeliveryClaim: Sendable {
    public var partnership: String
    public var audience: String
    public var asOf: CivilDate
    public var messageID: String
    public var channel: DeliveryChannel
    /// The file path, for the `file` channel.
    public var destination: String?
    /// The exact bytes handed over, kept so that an interrupted delivery can be inspected or re-sent by hand.
    public var message: [UInt8]
    public var nextItems: [TrackedItem]
    /// When the claim is made, as an RFC 3339 UTC instant.
    public var createdAt: String

    public init(partnership: String, audience: String, asOf: CivilDate, messageID: String, channel: DeliveryChannel,
                destination: String?, message: [UInt8], nextItems: [TrackedItem], createdAt: String) {
        self.partnership = partnership
        self.audience = audience
        self.asOf = asOf
        self.messageID = messageID
        self.channel = channel
        self.destination = destination
        self.message = message
        self.nextItems = nextItems
        self.createdAt = createdAt
    }
}

/// One row of the `delivery` table.
public struct DeliveryRecord: Sendable, Hashable {
    public var id: Int64
    public var partnership: String
    public var audience: String
    public var asOf: CivilDate
    public var messageID: String
    public var channel: DeliveryChannel
    public var destination: String?
    public var state: DeliveryState
    public var message: [UInt8]
    public var error: String?
    public var createdAt: String
    public var finishedAt: String?
}

/// What to do with a delivery a killed run left `pending`.
public enum RecoveryPolicy {
    /// The at-most-once rule. A file message is sent exactly when the file is in place (it is renamed there
    /// only when complete), so that case is decided by looking. A message handed to sendmail or written to
    /// stdout may or may not have been taken, and sendmail usually finishes even when its parent is killed,
    /// so it counts as sent: the state moves on and nothing is mailed twice. The message stays in the
    /// database and the run says so on stderr, so nothing is lost without a trace.
    public static func outcome(channel: DeliveryChannel, fileExists: Bool) -> DeliveryState {
        switch channel {
        case .file: fileExists ? .sent : .abandoned
        case .sendmail, .stdout: .assumedSent
        }
    }
}

/// The notification state database: what each audience was told and when, and every message handed over.
///
/// Durability: WAL journal with `synchronous=FULL`, so a committed transaction survives a crash or power
/// loss; a 10 s busy timeout; every change in a `BEGIN IMMEDIATE` transaction. Delivery is two-phase:
/// `claim` records the message as `pending` and moves the audience's last-sent date before anything is
/// handed over, and `complete` (or `fail`) records the outcome afterwards. See `RecoveryPolicy` for what a
/// run does with a claim that a killed run left behind.
public final class NotificationStateStore {
    /// The schema version this code writes (`PRAGMA user_version`).
    public static let schemaVersion: Int64 = 2

    public let database: SQLiteDatabase
    /// The schema version of the open database: a read-only one may be older than this code's.
    private let version: Int64

    /// Opens the database at `path` for reading and writing, creating it (and its folder, mode 0700; the
    /// file, mode 0600) when absent, and bringing the schema up to date.
    ///
    /// An SQLite database that another program made is refused (`ForeignDatabase`) before anything is
    /// written to it; a new or empty file becomes a state database. `beforeChanging` runs once the
    /// database is known to be one (a run takes its lock there), before its journal mode or schema
    /// is touched.
    public init(path: String, beforeChanging: () throws -> Void = {}) throws {
        try Self.prepareFile(at: path)
        database = try SQLiteDatabase(path: path)
        // Checked before the journal mode is set, which would already change the file.
        try Self.checkedVersion(of: database)
        try beforeChanging()
        let mode = try database.query("PRAGMA journal_mode = WAL").first?.first?.text ?? ""
        if mode.lowercased() != "wal" {
            // Some file systems cannot share memory for WAL; a rollback journal with FULL sync is as safe.
            try database.query("PRAGMA journal_mode = DELETE")
        }
        try database.execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
        try Self.migrate(database)
        version = Self.schemaVersion
    }

    /// Opens an existing database read-only (for `--dry-run`); nil when there is none yet, or only an
    /// empty file, which the real run would make into a new one. Another program's database is refused as
    /// `init(path:)` refuses it.
    public init?(readingExisting path: String) throws {
        guard access(path, F_OK) == 0 else { return nil }
        // A database closed cleanly (no -wal or -journal beside it) that it may write is opened for
        // writing but only queried, so that closing it removes the side files SQLite makes to read a
        // database in WAL mode: a dry run leaves nothing behind. With side files already there (another
        // connection open, or a run killed) it is opened read-only: a last connection able to write
        // would checkpoint or roll them back into the file, which a dry run must not do.
        let closedCleanly = ["-wal", "-journal"].allSatisfy { access(path + $0, F_OK) != 0 }
        database = try SQLiteDatabase(path: path, access: closedCleanly && access(path, W_OK) == 0 ? .queryOnly : .readOnly)
        version = try Self.checkedVersion(of: database)
        if version == 0 { return nil }
    }

    /// An SQLite database that dutycheck did not make: it has tables (or other schema objects) but no
    /// dutycheck schema version. dutycheck neither adds its tables to it nor reads it as state.
    public struct ForeignDatabase: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var description: String {
            "not a dutycheck state database: it is an SQLite database of another program (it holds other tables, "
                + "or lacks dutycheck's), so it is left as it is; give the state a file of its own"
        }
    }

    /// A file that is not an SQLite database at all (a record, a text file) named as the state: it is
    /// left as it is, since making it a state database would mean writing over it.
    public struct NotADatabase: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var description: String { "not a dutycheck state database: it is not a database at all" }
    }

    // MARK: Reading

    /// What `audience` of `partnership` was last told. A date or status that dutycheck would not have
    /// written is `DamagedState`: read as absent, it would silently change what is sent.
    public func state(partnership: String, audience: String) throws -> AudienceState {
        let whose = DamagedState.audienceRow(partnership: partnership, audience: audience)
        let last = try database.query("SELECT last_sent_on FROM audience WHERE partnership = ? AND audience = ?",
                                      [.text(partnership), .text(audience)]).first?.first ?? .null
        let lastSentOn = try DamagedState.dateOrNull(last, table: "audience", column: "last_sent_on", row: whose)
        // A version 1 database (read for a dry run, so not migrated) has no labels.
        let label = version >= 2 ? "label" : "NULL"
        let rows = try database.query("""
            SELECT rule, subject, title, status, due, first_notified_on, last_notified_on, \(label)
            FROM item WHERE partnership = ? AND audience = ? ORDER BY rule, subject
            """, [.text(partnership), .text(audience)])
        var items: [TrackedItem] = []
        for row in rows {
            let key = ItemKey(rule: row[0].text ?? "", subject: row[1].text)
            let which = "\(Suggestion.escapingControls(key.description)) (\(whose))"
            let columns = try StoredItemColumns(status: row[3], due: row[4], firstNotified: row[5], lastNotified: row[6],
                                                table: "item", row: which)
            items.append(TrackedItem(key: key, title: row[2].text ?? "", label: row[7].text, status: columns.status,
                                     due: columns.due, firstNotified: columns.firstNotified,
                                     lastNotified: columns.lastNotified))
        }
        return AudienceState(lastSentOn: lastSentOn, items: items)
    }

    /// Deliveries, newest first, optionally only those of one partnership or in one state.
    public func deliveries(partnership: String? = nil, state: DeliveryState? = nil) throws -> [DeliveryRecord] {
        var sql = """
            SELECT id, partnership, audience, as_of, message_id, channel, destination, state, message, error,
                   created_at, finished_at
            FROM delivery WHERE 1 = 1
            """
        var bindings: [SQLiteValue] = []
        if let partnership { sql += " AND partnership = ?"; bindings.append(.text(partnership)) }
        if let state { sql += " AND state = ?"; bindings.append(.text(state.rawValue)) }
        sql += " ORDER BY id DESC"
        return try database.query(sql, bindings).map { row in
            guard let id = row[0].integer else { throw corrupt("a delivery row cannot be read") }
            let which = "delivery \(id)"
            let asOf = try DamagedState.date(row[3], table: "delivery", column: "as_of", row: which)
            guard let channel = row[5].text.flatMap(DeliveryChannel.init(rawValue:)) else {
                throw DamagedState(table: "delivery", column: "channel", row: which, value: row[5],
                                   expected: "a channel (stdout, sendmail or file)")
            }
            guard let state = row[7].text.flatMap(DeliveryState.init(rawValue:)) else {
                throw DamagedState(table: "delivery", column: "state", row: which, value: row[7], expected: DeliveryState.expected)
            }
            return DeliveryRecord(id: id, partnership: row[1].text ?? "", audience: row[2].text ?? "", asOf: asOf,
                                  messageID: row[4].text ?? "", channel: channel, destination: row[6].text, state: state,
                                  message: row[8].blob ?? [], error: row[9].text, createdAt: row[10].text ?? "",
                                  finishedAt: row[11].text)
        }
    }

    // MARK: Two-phase delivery

    /// Records `claim` as pending and moves the audience's last-sent date to its as-of date, in one
    /// transaction. Returns the delivery id, or nil when the audience already has a message for that date or
    /// a later one, or an unfinished one: then the caller must not hand anything over.
    public func claim(_ claim: DeliveryClaim) throws -> Int64? {
        try database.transaction {
            let key: [SQLiteValue] = [.text(claim.partnership), .text(claim.audience)]
            let pending = try database.query("SELECT 1 FROM delivery WHERE partnership = ? AND audience = ? AND state = 'pending'", key)
            if !pending.isEmpty { return nil }
            let stored = try database.query("SELECT last_sent_on FROM audience WHERE partnership = ? AND audience = ?", key)
                .first?.first ?? .null
            let whose = DamagedState.audienceRow(partnership: claim.partnership, audience: claim.audience)
            // Not a date: the guard against a second message for one date cannot be kept.
            let previous = try DamagedState.dateOrNull(stored, table: "audience", column: "last_sent_on", row: whose)
            if let previous, previous >= claim.asOf { return nil }

            try database.query("""
                INSERT INTO delivery (partnership, audience, as_of, message_id, channel, destination, state,
                                      previous_sent_on, message, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)
                """, key + [.text(claim.asOf.iso), .text(claim.messageID), .text(claim.channel.rawValue),
                            claim.destination.map(SQLiteValue.text) ?? .null, previous.map { .text($0.iso) } ?? .null,
                            .blob(claim.message), .text(claim.createdAt)])
            let id = database.lastInsertRowID
            for item in claim.nextItems {
                try database.query("""
                    INSERT INTO delivery_item (delivery_id, rule, subject, title, status, due, first_notified_on,
                                               last_notified_on, label)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [.integer(id), .text(item.key.rule), .text(item.key.subject), .text(item.title),
                          .text(item.status.rawValue), item.due.map { .text($0.iso) } ?? .null,
                          .text(item.firstNotified.iso), .text(item.lastNotified.iso),
                          item.label.map(SQLiteValue.text) ?? .null])
            }
            try database.query("""
                INSERT INTO audience (partnership, audience, last_sent_on) VALUES (?, ?, ?)
                ON CONFLICT (partnership, audience) DO UPDATE SET last_sent_on = excluded.last_sent_on
                """, key + [.text(claim.asOf.iso)])
            return id
        }
    }

    /// Records that delivery `id` was handed over: the audience's items become the claimed ones.
    public func complete(_ id: Int64, at finishedAt: String, as state: DeliveryState = .sent) throws {
        precondition(state == .sent || state == .assumedSent, "complete records a sent state")
        try database.transaction {
            guard let row = try database.query("SELECT partnership, audience, message_id, state FROM delivery WHERE id = ?",
                                               [.integer(id)]).first else { throw corrupt("no delivery \(id)") }
            guard row[3].text == DeliveryState.pending.rawValue else { return }
            let key = [row[0], row[1]]
            try database.query("DELETE FROM item WHERE partnership = ? AND audience = ?", key)
            try database.query("""
                INSERT INTO item (partnership, audience, rule, subject, title, status, due, first_notified_on,
                                  last_notified_on, label)
                SELECT ?, ?, rule, subject, title, status, due, first_notified_on, last_notified_on, label
                FROM delivery_item WHERE delivery_id = ?
                """, key + [.integer(id)])
            try database.query("UPDATE audience SET last_message_id = ? WHERE partnership = ? AND audience = ?",
                               [row[2]] + key)
            try database.query("UPDATE delivery SET state = ?, finished_at = ? WHERE id = ?",
                               [.text(state.rawValue), .text(finishedAt), .integer(id)])
            try pruneOldMessages()
        }
    }

    /// Records that delivery `id` was not handed over: the audience's last-sent date goes back to what it
    /// was, so the next run plans again.
    public func fail(_ id: Int64, at finishedAt: String, error: String, as state: DeliveryState = .failed) throws {
        precondition(state == .failed || state == .abandoned, "fail records an unsent state")
        try database.transaction {
            guard let row = try database.query("SELECT partnership, audience, as_of, previous_sent_on, state FROM delivery WHERE id = ?",
                                               [.integer(id)]).first else { throw corrupt("no delivery \(id)") }
            guard row[4].text == DeliveryState.pending.rawValue else { return }
            try database.query("""
                UPDATE audience SET last_sent_on = ? WHERE partnership = ? AND audience = ? AND last_sent_on = ?
                """, [row[3], row[0], row[1], row[2]])
            try database.query("UPDATE delivery SET state = ?, finished_at = ?, error = ? WHERE id = ?",
                               [.text(state.rawValue), .text(finishedAt), .text(error), .integer(id)])
        }
    }

    /// Settles every delivery that a killed run left pending, by `RecoveryPolicy`, and returns them as they
    /// now stand. Call it under the run lock, before planning.
    ///
    /// - Parameter fileExists: whether a file-channel destination is in place (I/O passed in as a value).
    public func recoverInterrupted(at finishedAt: String, fileExists: (String) -> Bool) throws -> [DeliveryRecord] {
        var settled: [DeliveryRecord] = []
        // Every row is checked before the first is written: a damaged one refuses the run with the file
        // as it was, rather than after some of it has been recovered.
        for interrupted in try interruptedDeliveries(fileExists: fileExists) {
            let (record, outcome) = (interrupted.record, interrupted.outcome)
            switch outcome {
            case .sent, .assumedSent: try complete(record.id, at: finishedAt, as: outcome)
            default: try fail(record.id, at: finishedAt, error: "interrupted before the file was in place", as: .abandoned)
            }
            var updated = record
            updated.state = outcome
            updated.finishedAt = finishedAt
            settled.append(updated)
        }
        return settled
    }

    // MARK: Schema

    /// Brings the schema up to this code's version, one step at a time, in one transaction: a run
    /// killed part way leaves the database as it was.
    private static func migrate(_ database: SQLiteDatabase) throws {
        try database.transaction {
            let version = try checkedVersion(of: database)
            if version < 1 { try database.execute(schemaV1) }
            if version < 2 { try database.execute(schemaV2) }
            if version < schemaVersion { try database.execute("PRAGMA user_version = \(schemaVersion)") }
            try database.execute(pruningIndex)
        }
    }

    /// Lets every completed delivery find the latest as-of date, and the old messages to prune, without
    /// reading the whole table (which made a run's cost grow with the square of its messages). Made
    /// when missing rather than by a new schema version: an index changes no query's answer, so a
    /// database that has it still opens in a dutycheck that does not know it.
    static let pruningIndex = "CREATE INDEX IF NOT EXISTS delivery_by_as_of ON delivery (as_of);"

    /// Version 1. Dates are ISO `YYYY-MM-DD` as-of dates; instants are RFC 3339 UTC.
    static let schemaV1 = """
        CREATE TABLE audience (
            partnership     TEXT NOT NULL,
            audience        TEXT NOT NULL,
            last_sent_on    TEXT,
            last_message_id TEXT,
            PRIMARY KEY (partnership, audience)
        ) WITHOUT ROWID;
        CREATE TABLE item (
            partnership       TEXT NOT NULL,
            audience          TEXT NOT NULL,
            rule              TEXT NOT NULL,
            subject           TEXT NOT NULL,
            title             TEXT NOT NULL,
            status            TEXT NOT NULL CHECK (status IN ('overdue', 'missing', 'due-soon')),
            due               TEXT,
            first_notified_on TEXT NOT NULL,
            last_notified_on  TEXT NOT NULL,
            PRIMARY KEY (partnership, audience, rule, subject)
        ) WITHOUT ROWID;
        CREATE TABLE delivery (
            id               INTEGER PRIMARY KEY,
            partnership      TEXT NOT NULL,
            audience         TEXT NOT NULL,
            as_of            TEXT NOT NULL,
            message_id       TEXT NOT NULL,
            channel          TEXT NOT NULL CHECK (channel IN ('stdout', 'sendmail', 'file')),
            destination      TEXT,
            state            TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'assumed-sent', 'failed', 'abandoned')),
            previous_sent_on TEXT,
            message          BLOB NOT NULL,
            error            TEXT,
            created_at       TEXT NOT NULL,
            finished_at      TEXT
        );
        CREATE INDEX delivery_by_audience ON delivery (partnership, audience, state);
        CREATE TABLE delivery_item (
            delivery_id       INTEGER NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
            rule              TEXT NOT NULL,
            subject           TEXT NOT NULL,
            title             TEXT NOT NULL,
            status            TEXT NOT NULL,
            due               TEXT,
            first_notified_on TEXT NOT NULL,
            last_notified_on  TEXT NOT NULL,
            PRIMARY KEY (delivery_id, rule, subject)
        ) WITHOUT ROWID;
        """

    /// Version 2: each item keeps the label its audience was told (null where the finding had none).
    static let schemaV2 = """
        ALTER TABLE item ADD COLUMN label TEXT;
        ALTER TABLE delivery_item ADD COLUMN label TEXT;
        """

    /// Keeps the database small: message bytes are dropped 90 days after their as-of date, and deliveries
    /// (with their items) after 400 days. Pending deliveries are never touched.
    private func pruneOldMessages() throws {
        let latest = try database.query("SELECT max(as_of) FROM delivery").first?.first?.text
        guard let latest else { return }
        try database.query("UPDATE delivery SET message = X'' WHERE state != 'pending' AND as_of < date(?, '-90 days') AND length(message) > 0",
                           [.text(latest)])
        try database.query("DELETE FROM delivery WHERE state != 'pending' AND as_of < date(?, '-400 days')", [.text(latest)])
    }

    private static func prepareFile(at path: String) throws {
        let directory = StatePaths.parent(of: path)
        if directory != "." && directory != "/" { try makeDirectories(directory) }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            throw SQLiteError(code: Int32(errno), message: String(cString: strerror(errno)), context: "creating \(path)")
        }
        close(descriptor)
    }

    /// `mkdir -p` with mode 0700 for the folders it creates.
    private static func makeDirectories(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw SQLiteError(code: Int32(errno), message: String(cString: strerror(errno)), context: "creating \(current)")
            }
        }
    }

    private func corrupt(_ what: String) -> SQLiteError {
        SQLiteError(code: 11, message: what, context: database.path)
    }

    /// The schema version of `database`, once it is known to be a dutycheck state database: one this code
    /// can read, holding dutycheck's tables, or version 0 with nothing in it yet (a new or empty file). A
    /// version 0 database that holds anything, one with a negative version, and one whose version is ours
    /// but which lacks our tables (another program may set `user_version` too) are another program's.
    @discardableResult
    private static func checkedVersion(of database: SQLiteDatabase) throws -> Int64 {
        let version: Int64
        do { version = try database.query("PRAGMA user_version").first?.first?.integer ?? 0 } catch {
            if error.isNotADatabase { throw NotADatabase(path: database.path) }
            throw error
        }
        if version > schemaVersion { throw tooNew(version, path: database.path) }
        if version < 0 { throw ForeignDatabase(path: database.path) }
        if version == 0, try !database.query("SELECT 1 FROM sqlite_master LIMIT 1").isEmpty {
            throw ForeignDatabase(path: database.path)
        }
        if version > 0 {
            let ours = try database.query("""
                SELECT count(*) FROM sqlite_master
                WHERE type = 'table' AND name IN ('audience', 'item', 'delivery', 'delivery_item')
                """).first?.first?.integer
            if ours != 4 { throw ForeignDatabase(path: database.path) }
        }
        return version
    }

    private static func tooNew(_ version: Int64, path: String) -> SQLiteError {
        SQLiteError(code: 0, message: "the state database has schema version \(version), newer than this dutycheck (\(schemaVersion)); use a newer dutycheck",
                    context: path)
    }
}
