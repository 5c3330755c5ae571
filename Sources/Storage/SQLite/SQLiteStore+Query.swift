import Domain
import Metrics

extension SQLiteStore {
    /// Runs a series or cross-section query: one page in the query's order, and the cursor of
    /// the next page when there is one. Keyset paging, never OFFSET: a page boundary stays put
    /// when rows are inserted before it.
    public func observations(_ query: ObservationQuery) throws(StorageError) -> ObservationPage {
        var rows: [StoredObservation] = []
        rows.reserveCapacity(min(query.limit, 64))
        let next = try observations(query) { row in
            if let observation = row.observation { rows.append(observation) }
        }
        return ObservationPage(observations: rows, next: next)
    }

    /// The same read, handing each row of the page to `visit` as SQLite holds it (see
    /// `ObservationRow`); returns the cursor of the next page, if any.
    ///
    /// This is the dashboards' hot path, so it goes through SQLite's C API on a connection of
    /// its own with the statement prepared once per query shape, not through GRDB's rows.
    public func observations(_ query: ObservationQuery,
                             visit: (ObservationRow) -> Void) throws(StorageError) -> PageCursor? {
        let start = MonotonicClock.now()
        defer { readDurations.record(nanoseconds: MonotonicClock.now() &- start) }
        let regions = query.parent != nil && ObservationSQL.isCrossSection(query) ? try catalogue().regionsByCode : nil
        return try rawReaders.withConnection { connection throws(StorageError) in
            try ObservationSQL.run(query, on: connection, regionsByCode: regions, visit: visit)
        }
    }

    /// One observation as it stands now, or as it stood at `asOf`; nil if it did not exist then.
    public func observation(_ key: ObservationKey, asOf: Timestamp?) throws(StorageError) -> StoredObservation? {
        let start = MonotonicClock.now()
        defer { readDurations.record(nanoseconds: MonotonicClock.now() &- start) }
        return try rawReaders.withConnection { connection throws(StorageError) in
            try ObservationSQL.observation(key, asOf: asOf, on: connection)
        }
    }
}
