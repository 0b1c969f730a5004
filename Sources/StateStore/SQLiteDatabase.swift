internal import CSQLite

/// An error from SQLite, with what was being done.
public struct SQLiteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// SQLite's extended result code.
    public var code: Int32
    public var message: String
    /// The statement or operation that failed.
    public var context: String

    public var description: String { "\(context): \(message) (SQLite code \(code))" }

    /// SQLITE_NOTADB: the file has content, but no SQLite header.
    var isNotADatabase: Bool { code & 0xFF == SQLITE_NOTADB }
}

/// A value in a row or a binding.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    public var integer: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var blob: [UInt8]? {
        switch self {
        case .blob(let bytes): return bytes
        case .text(let text): return Array(text.utf8)
        default: return nil
        }
    }
}

/// A thin wrapper over one connection to the system SQLite: statements with bound parameters, rows as
/// values, and transactions. Not shared between threads.
public final class SQLiteDatabase {
    private let handle: OpaquePointer
    public let path: String

    /// How a connection may use the file.
    public enum Access: Sendable {
        /// Read and write, creating the file when there is none.
        case readWrite
        /// Read only, the file left as it is; SQLite may leave its `-wal` and `-shm` side files beside
        /// a database in WAL mode, as a read-only connection cannot tidy them away.
        case readOnly
        /// No statement that writes (`PRAGMA query_only`), through a connection opened for writing on an
        /// existing file: as the last connection it removes the `-wal` and `-shm` side files when it
        /// closes. It is not read-only at the file level: closing it checkpoints a `-wal` left with
        /// frames in it, and opening it rolls back a hot `-journal`, so use it on a database closed cleanly.
        case queryOnly
    }

    /// Opens the database at `path` as `access` allows, with extended result codes and a busy timeout
    /// so that a short overlap with another connection waits instead of failing.
    public init(path: String, access: Access = .readWrite, busyTimeoutMilliseconds: Int32 = 10_000) throws(SQLiteError) {
        var connection: OpaquePointer?
        let flags = switch access {
        case .readWrite: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readOnly: SQLITE_OPEN_READONLY
        case .queryOnly: SQLITE_OPEN_READWRITE
        }
        let status = sqlite3_open_v2(path, &connection, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let connection { sqlite3_close_v2(connection) }
            throw SQLiteError(code: status, message: message, context: "opening \(path)")
        }
        handle = connection
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        if access == .queryOnly { try execute("PRAGMA query_only = ON") }
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that take no parameters and return nothing wanted.
    public func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if status != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(errorMessage)
            throw SQLiteError(code: status, message: message, context: Self.context(sql))
        }
    }

    /// Runs one statement with `bindings` (for `?` placeholders, in order) and returns every row.
    @discardableResult
    public func query(_ sql: String, _ bindings: [SQLiteValue] = []) throws(SQLiteError) -> [[SQLiteValue]] {
        var statement: OpaquePointer?
        var status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else {
            throw SQLiteError(code: status, message: lastErrorMessage, context: Self.context(sql))
        }
        defer { sqlite3_finalize(statement) }
        for (offset, value) in bindings.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: status = sqlite3_bind_null(statement, index)
            case .integer(let number): status = sqlite3_bind_int64(statement, index, number)
            case .real(let number): status = sqlite3_bind_double(statement, index, number)
            case .text(let text): status = sqlite3_bind_text(statement, index, text, -1, Self.transient)
            case .blob(let bytes) where bytes.isEmpty:
                status = sqlite3_bind_zeroblob(statement, index, 0)
            case .blob(let bytes):
                status = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob64(statement, index, buffer.baseAddress, sqlite3_uint64(buffer.count), Self.transient)
                }
            }
            guard status == SQLITE_OK else {
                throw SQLiteError(code: status, message: lastErrorMessage, context: Self.context(sql))
            }
        }
        var rows: [[SQLiteValue]] = []
        while true {
            status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                throw SQLiteError(code: status, message: lastErrorMessage, context: Self.context(sql))
            }
            let columns = sqlite3_column_count(statement)
            var row: [SQLiteValue] = []
            row.reserveCapacity(Int(columns))
            for column in 0..<columns {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(statement, column)))
                case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(statement, column)))
                case SQLITE_TEXT:
                    let text = sqlite3_column_text(statement, column).map { String(cString: $0) } ?? ""
                    row.append(.text(text))
                case SQLITE_BLOB:
                    let count = Int(sqlite3_column_bytes(statement, column))
                    if count > 0, let pointer = sqlite3_column_blob(statement, column) {
                        row.append(.blob(Array(UnsafeRawBufferPointer(start: pointer, count: count))))
                    } else {
                        row.append(.blob([]))
                    }
                default: row.append(.null)
                }
            }
            rows.append(row)
        }
        return rows
    }

    /// Runs `body` in a transaction, committing when it returns and rolling back when it throws.
    ///
    /// `immediate` (the default) takes the write lock at the start (`BEGIN IMMEDIATE`), so two writers
    /// cannot both read a state and then both act on it.
    public func transaction<T>(immediate: Bool = true, _ body: () throws -> T) throws -> T {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The row id of the last insert on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The linked SQLite library's version, such as `3.40.1`.
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    private var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// Tells SQLite to copy bound text and blobs.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    private static func context(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ")
        return flat.count > 80 ? String(flat.prefix(77)) + "..." : flat
    }
}
