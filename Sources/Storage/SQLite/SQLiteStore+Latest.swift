import Domain
import Metrics

extension SQLiteStore {
    /// One region's latest observation of `kind` for each indicator and scope asked for (a
    /// withdrawn one does not count), in the order asked. What the catalogue with `region=`
    /// shows beside every indicator.
    ///
    /// Each is one step down the observations' unique key (indicator, region, kind, scope,
    /// period): a few hundred index seeks, where a window over every period of every indicator
    /// of the region (thousands of rows, sorted) took tens of milliseconds at scale.
    public func latestObservations(region: String, keys: [(indicator: String, scope: String)],
                                   kind: ObservationKind) throws(StorageError) -> [StoredObservation] {
        var found: [StoredObservation] = []
        try eachSeek(Self.latestSQL, count: keys.count) { statement, i in
            statement.bind(1, keys[i].indicator as String?)
            statement.bind(2, region as String?)
            statement.bind(3, kind.rawValue as String?)
            statement.bind(4, keys[i].scope as String?)
        } row: { statement, _ in
            if let observation = ObservationRow(statement: statement, fixedKey: nil).observation { found.append(observation) }
        }
        return found
    }

    /// The latest period with an actual value in force, per indicator, over every region (a
    /// target for next year is not "data"): the end of the indicator's actuals in
    /// observations_cross_section, stepping back only over withdrawn ones.
    public func latestActualPeriods(indicators: [String]) throws(StorageError) -> [String: Period] {
        var out: [String: Period] = [:]
        try eachSeek(Self.latestPeriodSQL, count: indicators.count) { statement, i in
            statement.bind(1, indicators[i] as String?)
        } row: { statement, i in
            if let period = Period(sortKey: statement.int(0)) { out[indicators[i]] = period }
        }
        return out
    }

    /// Runs `sql` (at most one row) `count` times with the bindings `bind` sets, handing each row
    /// found to `row`; the runs share one read transaction, so they see one state of the database.
    private func eachSeek(_ sql: String, count: Int, bind: (RawStatement, Int) -> Void,
                          row: (RawStatement, Int) -> Void) throws(StorageError) {
        let start = MonotonicClock.now()
        defer { readDurations.record(nanoseconds: MonotonicClock.now() &- start) }
        try rawReaders.withConnection { connection throws(StorageError) in
            let begin = try connection.statement(.sql("BEGIN"), sql: { "BEGIN" })
            let commit = try connection.statement(.sql("COMMIT"), sql: { "COMMIT" })
            let statement = try connection.statement(.sql(sql), sql: { sql })
            try begin.run()
            // Runs after the statement's reset below: a read still stepping would hold the
            // transaction open.
            defer { try? commit.run() }
            defer { statement.reset() }
            for i in 0..<count {
                statement.resetKeepingBindings()
                bind(statement, i)
                if try statement.step() { row(statement, i) }
            }
        }
    }

    private static let latestSQL = """
        SELECT \(ObservationSQL.columns(revision: "o")) FROM observations o
        WHERE o.indicator = ? AND o.region = ? AND o.kind = ? AND o.scope = ? AND o.status <> 'withdrawn'
        ORDER BY o.period_key DESC LIMIT 1
        """

    /// `IS NOT` is the term that lets it read observations_cross_section (see its migration).
    private static let latestPeriodSQL = """
        SELECT o.period_key FROM observations o
        WHERE o.indicator = ? AND o.kind = 'actual' AND o.status IS NOT 'withdrawn'
        ORDER BY o.period_key DESC LIMIT 1
        """
}
