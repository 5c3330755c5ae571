import CSQLite
import Domain
import GRDB

extension Store {
    /// From this many rows an import is large: the WAL it writes is checkpointed after the
    /// answer rather than inside the commit.
    static let largeImportRows = 10_000
    /// Below this many rows an import writes through `record`, constraints on: turning them off
    /// and back (and preparing the importer's statements) would cost more than it saves.
    static let smallImportRows = 64

    /// Records a batch of valid observations in one transaction, as `StoreTransaction.record`
    /// would one by one (revisions, outcomes, the audit trail) but through `BulkImporter`.
    /// `finish` runs in the same transaction once the rows are written, so that what it writes
    /// (an idempotency record) lands with them; a dry run rolls everything back after it, so
    /// that it reports exactly what a real run would do. The batch must not hold a key twice.
    ///
    /// The transaction of a batch of `smallImportRows` or more runs with foreign keys off and
    /// CHECK constraints ignored, which the importer makes up for (see `BulkImporter`); both are
    /// back on before this returns, also after an error. A large import also leaves the WAL
    /// checkpoint to the writer's next turn (queued here), so that the answer waits for the
    /// commit only, not for copying hundreds of MB back into the database file: the commit
    /// alone is what makes the data durable.
    public func importObservations<T>(_ batch: ObservationBatch, source: RevisionSource, requestID: String?, dryRun: Bool,
                                      then finish: (StoreTransaction, ImportSummary) throws -> T) throws(StorageError) -> T {
        var batch = batch
        batch.sortByKey()
        if let first = batch.repeats().first {
            throw .invalid("the observation at \(first.position) repeats the one at \(first.first)")
        }
        let small = batch.count < Self.smallImportRows
        let large = batch.count >= Self.largeImportRows
        let result = try storageErrors {
            try timedWriteWithoutTransaction { db -> T in
                guard let connection = db.sqliteConnection else { throw StorageError.io("the database connection is closed") }
                func run() throws -> T {
                    var result: T?
                    try db.inTransaction(.immediate) {
                        let now = Timestamp.now()
                        var importer = BulkImporter(connection: connection, batch: batch, source: source, requestID: requestID,
                                                    now: now.microseconds)
                        defer { importer.close() }
                        let summary = try importer.plan(constraintsOff: !small)
                        let tx = StoreTransaction(db: db)
                        if small {
                            let outcomes = importer.plannedOutcomes
                            importer.close()
                            for (row, outcome) in zip(batch.rows, outcomes) where outcome != .unchanged {
                                try tx.record(ObservationChange(key: batch.key(row), value: row.value, status: row.status,
                                                                bound: row.bound, note: batch.note(row)),
                                              source: source, requestID: requestID, catalogueChecked: true, at: now)
                            }
                        } else {
                            let dropped = try Self.dropSecondaryIndexes(db, creating: summary.created)
                            try importer.write()
                            importer.close()
                            // The rebuild's sort may use a helper thread (restoreConstraints ends that).
                            try db.execute(sql: "PRAGMA threads = 2")
                            for index in dropped { try db.execute(sql: index) }
                            try db.execute(sql: "PRAGMA threads = 0")
                        }
                        result = try finish(tx, summary)
                        return dryRun ? .rollback : .commit
                    }
                    guard let result else { throw StorageError.io("the import produced no result") }
                    return result
                }
                if small { return try run() }
                let autocheckpoint = try Int32.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1000
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
                if large { sqlite3_wal_autocheckpoint(connection, 0) }
                let outcome = Result { try run() }
                try Self.restoreConstraints(db, autocheckpoint: autocheckpoint)
                return try outcome.get()
            }
        }
        if large, !dryRun {
            pool.asyncWriteWithoutTransaction { db in _ = try? db.checkpoint(.passive) }
        }
        return result
    }

    /// Drops the indexes of `observations` other than its unique key when an import creates at
    /// least as many observations as the table has (and many): it then costs less to build them
    /// anew from the finished table, in one sorted pass, than to insert a million entries into
    /// them one by one (the cross-section index, in another order than the rows, would take
    /// each at a random place). Returns the statements that create them again, as stored.
    /// Readers are not affected: until the commit they see the indexes as they were.
    private static func dropSecondaryIndexes(_ db: Database, creating created: Int) throws -> [String] {
        guard created >= largeImportRows,
              created >= (try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM observations") ?? 0)
        else { return [] }
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'observations' AND sql IS NOT NULL
            ORDER BY name
            """)
        for index in indexes {
            let name: String = index["name"]
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
        }
        return indexes.map { $0["sql"] }
    }

    /// Foreign keys and CHECK constraints on again, sorts on one thread, and the checkpoint threshold as it was; a
    /// connection left without them would let later writes break the schema's rules unnoticed,
    /// so this checks that they took.
    private static func restoreConstraints(_ db: Database, autocheckpoint: Int32) throws {
        // PRAGMA foreign_keys does nothing inside a transaction.
        if db.isInsideTransaction { try db.rollback() }
        try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        try db.execute(sql: "PRAGMA foreign_keys = ON")
        try db.execute(sql: "PRAGMA threads = 0")
        if let connection = db.sqliteConnection { sqlite3_wal_autocheckpoint(connection, autocheckpoint) }
        guard try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1,
              try Int.fetchOne(db, sql: "PRAGMA ignore_check_constraints") == 0
        else { throw StorageError.io("could not turn the foreign keys and CHECK constraints back on after an import") }
    }
}
