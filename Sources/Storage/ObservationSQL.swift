import Domain

/// The SQL of an `ObservationQuery`. The text depends only on the query's shape (how many
/// values of each filter, which filters, the order), so one prepared statement serves every
/// query of a shape; every value is a bound parameter.
enum ObservationSQL {
    struct Shape: Hashable, Sendable {
        var indicators: Int
        var regions: Int?
        var kinds: Int
        var from: Bool
        var to: Bool
        var frequency: Bool
        var scope: Bool
        var unscoped: Bool
        var statuses: Int
        var asOf: Bool
        var latest: Bool
        var order: ObservationQuery.Order
        var after: Bool
        var columns: ObservationQuery.Columns
    }

    enum Value {
        case int(Int64)
        case double(Double)
        case text(String)
    }

    /// Sort columns of each order, in ORDER BY position, then `id` as the final tie-breaker.
    static func sortColumns(_ order: ObservationQuery.Order) -> [String] {
        switch order {
        case .period: return ["indicator", "region", "period_key", "kindscope"]
        case .periodDescending: return ["indicator", "region", "-period_key", "kindscope"]
        case .region: return ["indicator", "period_key", "region", "kindscope"]
        case .value: return ["indicator", "period_key", "sortvalue"]
        case .valueDescending: return ["indicator", "period_key", "-sortvalue"]
        }
    }

    /// The query's shape and its parameter values, in the order `sql(_:)` places them.
    static func build(_ q: ObservationQuery) -> (Shape, [Value]) {
        var values: [Value] = []
        values.reserveCapacity(8 + q.indicators.count + (q.regions?.count ?? 0))
        if let asOf = q.asOf { values.append(.int(asOf.microseconds)) }
        values += q.indicators.map { .text($0) }
        if let regions = q.regions { values += regions.map { .text($0) } }
        values += q.kinds.map { .text($0.rawValue) }
        if let from = q.from { values.append(.int(Int64(from.startSortKey))) }
        if let to = q.to { values.append(.int(Int64(to.sortKey))) }
        if let frequency = q.frequency { values.append(.int(Int64(frequency.sortKeyRank))) }
        if let scope = q.scope { values.append(.text(scope.rawValue)) }
        values += q.statuses.map { .text($0.rawValue) }
        if let latest = q.latest { values.append(.int(Int64(latest))) }
        if let after = q.after {
            var texts = after.text.makeIterator()
            var numbers = after.number.makeIterator()
            for column in sortColumns(q.order) {
                if column.hasSuffix("period_key") || column.hasSuffix("sortvalue") {
                    let n = numbers.next() ?? 0
                    values.append(.double(column.hasPrefix("-") ? -n : n))
                } else {
                    values.append(.text(texts.next() ?? ""))
                }
            }
            values.append(.int(after.id))
        }
        values.append(.int(Int64(q.limit + 1)))
        let shape = Shape(indicators: q.indicators.count, regions: q.regions?.count, kinds: q.kinds.count,
                          from: q.from != nil, to: q.to != nil, frequency: q.frequency != nil, scope: q.scope != nil,
                          unscoped: q.unscoped,
                          statuses: q.statuses.count, asOf: q.asOf != nil, latest: q.latest != nil, order: q.order,
                          after: q.after != nil, columns: q.columns)
        return (shape, values)
    }

    static func bind(_ values: [Value], to statement: RawStatement) {
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case .int(let n): statement.bind(index, n)
            case .double(let d): statement.bind(index, d as Double?)
            case .text(let s): statement.bind(index, s as String?)
            }
        }
    }

    /// Columns by position, as `ObservationRow` reads them: the id, the key, the period (from
    /// `period_key`, so a current series read is a range of `observations_series` and touches
    /// nothing else), then the `CurrentState` columns from `r`: the observation's own row, or the
    /// revision in force at an `as_of` time.
    ///
    /// A single series leaves out the four key columns its query fixes (see `FixedKey`); columns
    /// the caller does not read are NULL in place, so that every position stays where it is.
    static func columns(revision r: String, fixedKey: Bool = false, reading: ObservationQuery.Columns = .all) -> String {
        let state = CurrentState.Column.allCases.map { column in
            let expression = "\(r).\(r == "o" ? column.name : column.revisionName)"
            return (reading.isSuperset(of: needed(column)) ? expression : "NULL") + " AS " + column.name
        }
        return (["o.id AS id"]
            + (fixedKey ? [] : ["o.indicator AS indicator, o.region AS region, o.kind AS kind, o.scope AS scope"])
            + ["o.period_key AS period_key"] + state).joined(separator: ", ")
    }

    /// What a query must ask for to read a column; the rest always come back.
    private static func needed(_ column: CurrentState.Column) -> ObservationQuery.Columns {
        switch column {
        case .revision: return .revision
        case .bound: return .bound
        case .note: return .note
        case .sourceType, .token, .document, .spanStart, .spanEnd: return .source
        case .value, .status, .recordedAt: return []
        }
    }

    /// Runs a query on a connection, handing each row of the page to `visit` as SQLite holds it
    /// (see `ObservationRow`); returns the cursor of the next page, if any. The one way the
    /// current state is read: series, cross-sections, progress and single observations, on a
    /// reader connection or, inside a write, on the writer's.
    static func run(_ query: ObservationQuery, on connection: RawConnection,
                    visit: (ObservationRow) -> Void) throws(StorageError) -> PageCursor? {
        if query.indicators.isEmpty || query.regions?.isEmpty == true || query.kinds.isEmpty { return nil }
        let (shape, values) = build(query)
        let fixedKey = singleSeriesOrder(shape) == nil ? nil
            : FixedKey(indicator: query.indicators[0], region: query.regions?.first ?? "", kind: query.kinds[0].rawValue,
                       scope: query.scope?.rawValue ?? "")
        let statement = try connection.statement(.observations(shape), sql: { sql(shape) })
        defer { statement.reset() }
        bind(values, to: statement)
        var count = 0
        var last: StoredObservation?
        while try statement.step() {
            let row = ObservationRow(statement: statement, fixedKey: fixedKey)
            // The SQL asks for one row more than the page: its presence means a next page.
            if count == query.limit { return last.map { cursor(after: $0, order: query.order) } }
            visit(row)
            count += 1
            if count == query.limit { last = row.observation }
        }
        return nil
    }

    /// One observation as it stands now, or as it stood at `asOf`; nil if it did not exist then.
    static func observation(_ key: ObservationKey, asOf: Timestamp?,
                            on connection: RawConnection) throws(StorageError) -> StoredObservation? {
        var found: StoredObservation?
        _ = try run(ObservationQuery(key: key, asOf: asOf), on: connection) { found = $0.observation }
        return found
    }

    static func sql(_ shape: Shape) -> String {
        func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ",") }
        let r = shape.asOf ? "r" : "o"
        let from = shape.asOf ? """
            observations o JOIN revisions r ON r.id = (SELECT id FROM revisions WHERE observation_id = o.id AND recorded_at <= ?
                ORDER BY recorded_at DESC, id DESC LIMIT 1)
            """ : "observations o"
        var conditions = ["o.indicator IN (\(placeholders(shape.indicators)))"]
        if let regions = shape.regions { conditions.append("o.region IN (\(placeholders(regions)))") }
        conditions.append("o.kind IN (\(placeholders(shape.kinds)))")
        if shape.from { conditions.append("o.period_key >= ?") }
        if shape.to { conditions.append("o.period_key <= ?") }
        if shape.frequency { conditions.append("o.period_key % 4 = ?") }
        if shape.scope {
            conditions.append("o.scope = ?")
        } else if shape.unscoped {
            conditions.append("o.scope = ''")
        }
        conditions.append(shape.statuses == 0 ? "\(r).status <> 'withdrawn'" : "\(r).status IN (\(placeholders(shape.statuses)))")
        if let direction = singleSeriesOrder(shape) {
            // One observation per period: the period alone orders the page, and with the
            // frequency given, observations_series yields the rows already in that order.
            return """
                SELECT \(Self.columns(revision: r, fixedKey: true, reading: shape.columns)) FROM \(from)
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY o.period_key \(direction) LIMIT ?
                """
        }
        let recency = shape.latest
            ? ", row_number() OVER (PARTITION BY o.indicator, o.region, o.kind, o.scope ORDER BY o.period_key DESC) AS recency"
            : ""
        var outer: [String] = []
        if shape.latest { outer.append("recency <= ?") }
        let columns = sortColumns(shape.order).map { $0.hasPrefix("-") ? "-" + $0.dropFirst() : $0 } + ["id"]
        if shape.after {
            outer.append("(\(columns.joined(separator: ", "))) > (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))")
        }
        return """
            WITH base AS (
                SELECT \(Self.columns(revision: r, reading: shape.columns)), o.kind || ':' || o.scope AS kindscope,
                       coalesce(\(r).value, -1e308) AS sortvalue\(recency)
                FROM \(from)
                WHERE \(conditions.joined(separator: " AND "))
            )
            SELECT * FROM base \(outer.isEmpty ? "" : "WHERE " + outer.joined(separator: " AND "))
            ORDER BY \(columns.joined(separator: ", "))
            LIMIT ?
            """
    }

    /// For the first page of one series (one indicator, region, kind and scope), where the
    /// general order (indicator, region, period, kind and scope, id) comes down to the period:
    /// the direction to sort it in. nil for every other shape.
    static func singleSeriesOrder(_ shape: Shape) -> String? {
        guard shape.indicators == 1, shape.regions == 1, shape.kinds == 1, shape.scope || shape.unscoped,
              !shape.latest, !shape.after else { return nil }
        switch shape.order {
        case .period, .region: return "ASC"
        case .periodDescending: return "DESC"
        case .value, .valueDescending: return nil
        }
    }

    /// The cursor that continues after an observation of a page: the same sort key `sql`
    /// computes, computed from the decoded row.
    static func cursor(after o: StoredObservation, order: ObservationQuery.Order) -> PageCursor {
        let kindscope = o.key.kind.rawValue + ":" + (o.key.scope?.rawValue ?? "")
        let period = Double(o.key.period.sortKey)
        switch order {
        case .period, .periodDescending, .region:
            return PageCursor(order: order, text: [o.key.indicator, o.key.region, kindscope], number: [period], id: o.id)
        case .value, .valueDescending:
            return PageCursor(order: order, text: [o.key.indicator], number: [period, o.value ?? -1e308], id: o.id)
        }
    }
}
