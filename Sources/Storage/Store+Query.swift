import Domain
import GRDB

extension Store {
    /// Runs a series or cross-section query: one page in the query's order, and the cursor of
    /// the next page when there is one. Keyset paging, never OFFSET: a page boundary stays put
    /// when rows are inserted before it.
    public func observations(_ query: ObservationQuery) throws(StorageError) -> ObservationPage {
        if query.indicators.isEmpty || query.regions?.isEmpty == true || query.kinds.isEmpty {
            return ObservationPage(observations: [], next: nil)
        }
        let (sql, arguments) = ObservationSQL.build(query)
        return try storageErrors {
            try timedSingleStatementRead { db in
                var rows: [StoredObservation] = []
                rows.reserveCapacity(min(query.limit, 64))
                let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
                while let row = try cursor.next() {
                    if rows.count == query.limit {
                        return ObservationPage(observations: rows, next: rows.last.map { ObservationSQL.cursor(after: $0, order: query.order) })
                    }
                    if let observation = ObservationReader.observationAtPositions(row) { rows.append(observation) }
                }
                return ObservationPage(observations: rows, next: nil)
            }
        }
    }
}

/// Builds the SQL of an `ObservationQuery`. Only the shape comes from the query; every value is
/// a bound parameter.
enum ObservationSQL {
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

    static func build(_ q: ObservationQuery) -> (String, StatementArguments) {
        var arguments: [(any DatabaseValueConvertible)?] = []
        let revisionJoin: String
        if let asOf = q.asOf {
            revisionJoin = """
                r.id = (SELECT id FROM revisions WHERE observation_id = o.id AND recorded_at <= ?
                        ORDER BY recorded_at DESC, id DESC LIMIT 1)
                """
            arguments.append(asOf.microseconds)
        } else {
            revisionJoin = "r.id = o.revision_id"
        }
        var conditions: [String] = []
        func list<T: DatabaseValueConvertible>(_ column: String, _ values: [T]) {
            conditions.append("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ",")))")
            arguments.append(contentsOf: values.map { $0 as (any DatabaseValueConvertible)? })
        }
        list("o.indicator", q.indicators)
        if let regions = q.regions { list("o.region", regions) }
        list("o.kind", q.kinds.map(\.rawValue))
        if let from = q.from {
            conditions.append("o.period_key >= ?")
            arguments.append(from.startSortKey)
        }
        if let to = q.to {
            conditions.append("o.period_key <= ?")
            arguments.append(to.sortKey)
        }
        if let frequency = q.frequency {
            conditions.append("o.frequency = ?")
            arguments.append(frequency.rawValue)
        }
        if let scope = q.scope {
            conditions.append("o.scope = ?")
            arguments.append(scope.rawValue)
        }
        if q.statuses.isEmpty {
            conditions.append("r.status <> 'withdrawn'")
        } else {
            list("r.status", q.statuses.map(\.rawValue))
        }
        let recency = q.latest == nil ? "" : ", row_number() OVER (PARTITION BY o.indicator, o.region, o.kind, o.scope ORDER BY o.period_key DESC) AS recency"
        var outer: [String] = []
        if let latest = q.latest {
            outer.append("recency <= ?")
            arguments.append(latest)
        }
        let columns = sortColumns(q.order).map { $0.hasPrefix("-") ? "-" + $0.dropFirst() : $0 } + ["id"]
        if let after = q.after {
            outer.append("(\(columns.joined(separator: ", "))) > (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))")
            var texts = after.text.makeIterator()
            var numbers = after.number.makeIterator()
            for column in sortColumns(q.order) {
                let numeric = column.hasSuffix("period_key") || column.hasSuffix("sortvalue")
                if numeric {
                    let n = numbers.next() ?? 0
                    arguments.append(column.hasPrefix("-") ? -n : n)
                } else {
                    arguments.append(texts.next() ?? "")
                }
            }
            arguments.append(after.id)
        }
        let sql = """
            WITH base AS (
                SELECT \(ObservationReader.columns), o.period_key, o.kind || ':' || o.scope AS kindscope,
                       coalesce(r.value, -1e308) AS sortvalue\(recency)
                FROM observations o JOIN revisions r ON \(revisionJoin)
                WHERE \(conditions.joined(separator: " AND "))
            )
            SELECT * FROM base \(outer.isEmpty ? "" : "WHERE " + outer.joined(separator: " AND "))
            ORDER BY \(columns.joined(separator: ", "))
            LIMIT ?
            """
        arguments.append(q.limit + 1)
        return (sql, StatementArguments(arguments))
    }

    /// The cursor that continues after an observation of a page: the same sort key `build`
    /// computes in SQL, computed from the decoded row.
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
