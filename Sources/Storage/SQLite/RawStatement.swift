import CSQLite

/// A prepared statement used through SQLite's C API: bound by position, read by position, no
/// per-row objects. Owned by one connection and used by one thread at a time.
struct RawStatement {
    let handle: OpaquePointer
    let sql: String

    static func prepare(_ sql: String, on connection: OpaquePointer) throws(StorageError) -> RawStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw StorageError.sqlite(code: code, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        return RawStatement(handle: statement, sql: sql)
    }

    func finalize() { sqlite3_finalize(handle) }

    /// Ready for new parameters: reset and unbound.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Ready to run again with the same parameters, or with some of them bound anew.
    func resetKeepingBindings() { sqlite3_reset(handle) }

    // Binding: `index` is 1-based, as in SQLite.
    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }
    func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }
    /// Binds text that stays where it is until the statement is finalized or the parameter bound
    /// anew (SQLite does not copy it).
    func bind(_ index: Int32, _ text: StaticText) { sqlite3_bind_text(handle, index, text.start, text.count, nil) }
    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(handle, index, Int64(value)) }
    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }
    func bind(_ index: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        var text = value
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress {
                    _ = sqlite3_bind_text(handle, index, base, Int32(chars.count), csqlite_transient())
                } else {
                    // A null pointer would bind NULL; an empty string must stay an empty text.
                    _ = sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
                }
            }
        }
    }

    /// Advances to the next row: true when there is one, false when done.
    func step() throws(StorageError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let connection = sqlite3_db_handle(handle)
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "error \(code)"
            sqlite3_reset(handle)
            throw StorageError.sqlite(code: code, message: message, sql: sql)
        }
    }

    /// Runs a statement that returns no rows, then resets it.
    func run() throws(StorageError) {
        defer { reset() }
        _ = try step()
    }

    // Columns of the current row: `index` is 0-based, as in SQLite.
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }
    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }
    func int(_ index: Int32) -> Int { Int(sqlite3_column_int64(handle, index)) }
    func optionalInt64(_ index: Int32) -> Int64? { isNull(index) ? nil : int64(index) }
    func optionalDouble(_ index: Int32) -> Double? { isNull(index) ? nil : sqlite3_column_double(handle, index) }
    func text(_ index: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }
    func optionalText(_ index: Int32) -> String? { isNull(index) ? nil : text(index) }

    /// The column's UTF-8 bytes without a copy, nil for NULL; valid until the next step or reset.
    func bytes(_ index: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer = sqlite3_column_text(handle, index) else { return nil }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, index)))
    }
}
