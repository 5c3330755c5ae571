import Domain

extension Store {
    /// Runs a series or cross-section query: one page in the query's order, and the cursor of
    /// the next page when there is one. Keyset paging, never OFFSET: a page boundary stays put
    /// when rows are inserted before it.
    ///
    /// This is the dashboards' hot path, so it goes through SQLite's C API on a connection of
    /// its own with the statement prepared once per query shape, not through GRDB's rows.
    public func observations(_ query: ObservationQuery) throws(StorageError) -> ObservationPage {
        if query.indicators.isEmpty || query.regions?.isEmpty == true || query.kinds.isEmpty {
            return ObservationPage(observations: [], next: nil)
        }
        let (shape, values) = ObservationSQL.build(query)
        let start = Self.monotonicNanoseconds()
        defer { readDurations.record(nanoseconds: Self.monotonicNanoseconds() &- start) }
        return try rawReaders.withConnection { connection throws(StorageError) in
            let statement = try connection.statement(.observations(shape), sql: { ObservationSQL.sql(shape) })
            defer { statement.reset() }
            ObservationSQL.bind(values, to: statement)
            var rows: [StoredObservation] = []
            rows.reserveCapacity(min(query.limit, 64))
            while try statement.step() {
                if rows.count == query.limit {
                    return ObservationPage(observations: rows,
                                           next: rows.last.map { ObservationSQL.cursor(after: $0, order: query.order) })
                }
                if let observation = ObservationSQL.observation(statement) { rows.append(observation) }
            }
            return ObservationPage(observations: rows, next: nil)
        }
    }
}
