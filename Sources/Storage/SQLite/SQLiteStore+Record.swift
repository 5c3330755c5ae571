import CSQLite
import Domain
import GRDB

extension SQLiteStore {
    /// From this many rows a write is large: the WAL it writes is checkpointed after the answer
    /// rather than inside the commit, and (see `SQLiteTransaction.record`) a write that fills an
    /// empty table builds its indexes at the end.
    static let largeWriteRows = 10_000

    /// Runs `body` in one write transaction: all its changes land together, or none.
    public func write<T>(_ body: (any WriteTransaction) throws -> T) throws(StorageError) -> T {
        try transaction(body)
    }

    /// The same, with the SQLite transaction's own operations (mapping an unmapped figure).
    func transaction<T>(_ body: (SQLiteTransaction) throws -> T) throws(StorageError) -> T {
        try storageErrors { try timedWrite { db in try body(SQLiteTransaction(db: db, connection: try writer(db))) } }
    }

    /// Records a batch in one transaction (see `SQLiteTransaction.record`). `finish` runs in the
    /// same transaction once the rows are written, so that what it writes (an idempotency
    /// record) lands with them; a dry run rolls everything back after it, so that it reports
    /// exactly what a real run would do.
    ///
    /// A large write also leaves the WAL checkpoint to the writer's next turn (queued here), so
    /// that the answer waits for the commit only, not for copying hundreds of MB back into the
    /// database file: the commit alone is what makes the data durable.
    public func record<T>(_ batch: ObservationBatch, source: RevisionSource, requestID: String?, dryRun: Bool,
                          then finish: (any WriteTransaction, WriteSummary) throws -> T) throws(StorageError) -> T {
        let large = batch.count >= Self.largeWriteRows
        let result = try storageErrors {
            try timedWriteWithoutTransaction { db -> T in
                let connection = try writer(db)
                var result: T?
                let autocheckpoint = large ? try Int32.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1000 : 0
                if large { sqlite3_wal_autocheckpoint(connection.handle, 0) }
                defer { if large { sqlite3_wal_autocheckpoint(connection.handle, autocheckpoint) } }
                try db.inTransaction(.immediate) {
                    let tx = SQLiteTransaction(db: db, connection: connection)
                    result = try finish(tx, try tx.record(batch, source: source, requestID: requestID, expectedRevision: nil))
                    return dryRun ? .rollback : .commit
                }
                guard let result else { throw StorageError.io("the write produced no result") }
                return result
            }
        }
        if large, !dryRun {
            pool.asyncWriteWithoutTransaction { db in _ = try? db.checkpoint(.passive) }
        }
        return result
    }

    /// GRDB's writer connection as the C API uses it, with the writer's prepared statements.
    /// Made on the first write; used only inside the writer's turn, which serializes it.
    func writer(_ db: Database) throws(StorageError) -> RawConnection {
        guard let handle = db.sqliteConnection else { throw .io("the database connection is closed") }
        return writerConnection.withLock { current in
            if let current, current.handle == handle { return current }
            let connection = RawConnection(borrowing: handle)
            current = connection
            return connection
        }
    }
}
