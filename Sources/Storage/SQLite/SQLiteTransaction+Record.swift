import Domain
import GRDB

extension SQLiteTransaction {
    /// Records a batch of observations through the one writer (`ObservationWriter`): a revision
    /// per row whose value, status or bound differ from the current state, and the current state
    /// set to it. Nothing is overwritten: earlier values stay in the history. The revision, with
    /// the request and what it did, is the change's audit entry.
    ///
    /// The batch must not hold a key twice. `expectedRevision` is the caller's If-Match for a
    /// batch of one: `.some(nil)` demands that the observation not exist yet, `.some(id)` that
    /// `id` be its current revision; a mismatch throws `staleRevision`.
    ///
    /// A batch that creates at least as many observations as the table has (and many) drops
    /// the table's secondary indexes first and builds them again at the end, in one sorted
    /// pass each, rather than inserting a million entries into them one by one (the
    /// cross-section index, in another order than the rows, would take each at a random place).
    /// Readers are not affected: until the commit they see the indexes as they were.
    @discardableResult
    public func record(_ batch: ObservationBatch, source: RevisionSource, requestID: String?,
                       expectedRevision: Int64??) throws -> WriteSummary {
        var batch = batch
        batch.sortByKey()
        if let first = batch.repeats().first {
            throw StorageError.invalid("the observation at \(first.position) repeats the one at \(first.first)")
        }
        var writer = ObservationWriter(connection: connection, batch: batch, source: source, requestID: requestID,
                                       now: Timestamp.now().microseconds)
        defer { writer.close() }
        let plan = try writer.plan(expectedRevision: expectedRevision)
        let dropped = try dropSecondaryIndexes(creating: plan.summary.created)
        try writer.write(plan)
        if !dropped.isEmpty {
            // The rebuild's sort may use a helper thread.
            try db.execute(sql: "PRAGMA threads = 2")
            defer { try? db.execute(sql: "PRAGMA threads = 0") }
            for index in dropped { try db.execute(sql: index) }
        }
        return plan.summary
    }

    /// Drops the indexes of `observations` other than its unique key when a write creates at
    /// least as many observations as the table has (and many); returns the statements that
    /// create them again, as stored.
    private func dropSecondaryIndexes(creating created: Int) throws -> [String] {
        guard created >= SQLiteStore.largeWriteRows,
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
}
