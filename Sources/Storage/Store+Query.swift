import Domain

extension Store {
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
        if query.indicators.isEmpty || query.regions?.isEmpty == true || query.kinds.isEmpty { return nil }
        let (shape, values) = ObservationSQL.build(query)
        let start = Self.monotonicNanoseconds()
        defer { readDurations.record(nanoseconds: Self.monotonicNanoseconds() &- start) }
        let fixedKey = ObservationSQL.singleSeriesOrder(shape) == nil ? nil
            : FixedKey(indicator: query.indicators[0], region: query.regions?.first ?? "", kind: query.kinds[0].rawValue,
                       scope: query.scope?.rawValue ?? "")
        // A cross-section of a parent's children reads the whole period in region order and
        // keeps the children's rows here, a dictionary lookup each, until the page is full: the
        // same test in SQL (a lookup in the regions table per row) was a third of the read.
        let regions = shape.crossSection && query.parent != nil ? try catalogue().regionsByCode : nil
        return try rawReaders.withConnection { connection throws(StorageError) in
            let statement = try connection.statement(.observations(shape), sql: { ObservationSQL.sql(shape) })
            defer { statement.reset() }
            ObservationSQL.bind(values, to: statement)
            var count = 0
            var last: StoredObservation?
            while try statement.step() {
                let row = ObservationRow(statement: statement, fixedKey: fixedKey)
                if let regions, let parent = query.parent {
                    guard let code = row.bytes(.region), regions[String(decoding: code, as: UTF8.self)]?.parent == parent
                    else { continue }
                }
                // The SQL asks for one row more than the page: its presence means a next page.
                if count == query.limit { return last.map { ObservationSQL.cursor(after: $0, order: query.order) } }
                visit(row)
                count += 1
                if count == query.limit { last = row.observation }
            }
            return nil
        }
    }
}
