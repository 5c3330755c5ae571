import CSQLite

/// A SQLite connection used through the C API, with its prepared statements kept by what they
/// are for. Either a read-only connection of our own (a `RawReaderPool` lends them out), or
/// GRDB's writer connection borrowed for the observation writes and the reads inside a write
/// transaction. Used by one thread at a time.
final class RawConnection: @unchecked Sendable {
    let handle: OpaquePointer
    /// Ours to close; false for the borrowed writer, which GRDB closes.
    private let owned: Bool
    private var statements: [StatementKey: RawStatement] = [:]

    /// What a cached statement is for: an observation query of one shape, a statement of the
    /// writer, or fixed SQL.
    enum StatementKey: Hashable {
        case observations(ObservationSQL.Shape)
        case write(ObservationWriter.Statement)
        case sql(String)
    }

    /// Opens a read-only connection.
    init(path: String, busyTimeoutMs: Int32) throws(StorageError) {
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            sqlite3_close_v2(connection)
            throw StorageError.sqlite(code: code, message: message, sql: nil)
        }
        handle = connection
        owned = true
        sqlite3_busy_timeout(connection, busyTimeoutMs)
        // As the GRDB readers: map the file rather than copy each page through read(2).
        for pragma in ["PRAGMA mmap_size = 4294967296", "PRAGMA query_only = 1"] {
            let result = sqlite3_exec(connection, pragma, nil, nil, nil)
            guard result == SQLITE_OK else {
                let message = String(cString: sqlite3_errmsg(connection))
                sqlite3_close_v2(connection)
                throw StorageError.sqlite(code: result, message: message, sql: pragma)
            }
        }
    }

    /// Borrows a connection someone else opened and closes: the statements are finalized when
    /// this goes, which must happen before that connection is closed.
    init(borrowing handle: OpaquePointer) {
        self.handle = handle
        owned = false
    }

    /// How many prepared statements a read-only connection keeps. Query shapes are few in
    /// practice (one per combination of filters a dashboard uses), but a client can ask for any
    /// number of them (say, every count of regions up to 200): past this many, the cache starts
    /// afresh, finalizing what it held. So a reader uses one statement of a connection at a
    /// time. The writer, which holds several at once, uses a fixed set and never evicts.
    static let maximumStatements = 128

    /// The prepared statement for `key`, made from `sql()` the first time. Callers reset it
    /// when done, so it is always found ready to bind.
    func statement(_ key: StatementKey, sql: () -> String) throws(StorageError) -> RawStatement {
        if let cached = statements[key] { return cached }
        let statement = try RawStatement.prepare(sql(), on: handle)
        if owned, statements.count >= Self.maximumStatements {
            for old in statements.values { old.finalize() }
            statements.removeAll(keepingCapacity: true)
        }
        statements[key] = statement
        return statement
    }

    var cachedStatements: Int { statements.count }

    deinit {
        for statement in statements.values { statement.finalize() }
        if owned { sqlite3_close_v2(handle) }
    }
}
