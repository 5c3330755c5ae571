import Domain
import Metrics

extension SQLiteStore {
    /// One region's latest observation of `kind` for each indicator asked for (a withdrawn one
    /// does not count), in the order asked; for a `scoped` indicator (a rank: among the
    /// provinces, the cities…) the latest of each scope. What the catalogue with `region=` shows
    /// beside every indicator.
    ///
    /// Each is one step down the observations' unique key (indicator, region, kind, scope,
    /// period): a few hundred index seeks, where a window over every period of every indicator
    /// of the region (thousands of rows, sorted) took tens of milliseconds at scale. A scoped
    /// indicator is first asked whether it has anything here at all, so that the many without
    /// data cost one seek, not one per scope.
    public func latestObservations(region: String, indicators: [(code: String, scoped: Bool)],
                                   kind: ObservationKind) throws(StorageError) -> [StoredObservation] {
        let texts = TextArena()
        let region = texts.add(region), kind = texts.add(kind.rawValue)
        let scopes = ([""] + RankScope.allCases.map(\.rawValue)).map(texts.add)
        let codes = indicators.map { texts.add($0.code) }
        let scoped = indicators.indices.filter { indicators[$0].scoped }
        var found: [StoredObservation] = []
        try withSnapshot { seek throws(StorageError) in
            var present = Set<Int>()
            try seek(Self.anySQL, scoped.map { [codes[$0], region, kind] }) { _, i in present.insert(scoped[i]) }
            var parameters: [[StaticText]] = []
            for i in indicators.indices where !indicators[i].scoped || present.contains(i) {
                for scope in indicators[i].scoped ? scopes : [scopes[0]] { parameters.append([codes[i], region, kind, scope]) }
            }
            try seek(Self.latestSQL, parameters) { statement, _ in
                if let observation = ObservationRow(statement: statement, fixedKey: nil).observation { found.append(observation) }
            }
        }
        return withExtendedLifetime(texts) { found }
    }

    /// For every indicator that has one, the latest period with a value of `kind` in force, over
    /// every region: for actuals, the latest period with data (a target for next year is not
    /// data); an indicator absent has no value of that kind anywhere. Each is the end of one
    /// range of observations_cross_section, and the whole map is kept until the data changes
    /// (the newest revision's id moves, whoever wrote it), so that the catalogue pays a few
    /// hundred index seeks once per change rather than once per request.
    public func latestPeriods(kind: ObservationKind) throws(StorageError) -> [String: Period] {
        let indicators = try catalogue().indicators.map(\.code)
        let texts = TextArena()
        let kindText = texts.add(kind.rawValue)
        var out: [String: Period] = [:]
        try withSnapshot { seek throws(StorageError) in
            var version: Int64 = 0
            try seek(Self.versionSQL, [[]]) { statement, _ in version = statement.int64(0) }
            if let cached = latestPeriodsCache.withLock({ $0[kind] }), cached.version == version {
                out = cached.periods
                return
            }
            try seek(Self.latestPeriodSQL, indicators.map { [texts.add($0), kindText] }) { statement, i in
                if let period = Period(sortKey: statement.int(0)) { out[indicators[i]] = period }
            }
            let read = out
            latestPeriodsCache.withLock { $0[kind] = (version, read) }
        }
        return withExtendedLifetime(texts) { out }
    }

    /// Runs `body` in one read transaction of a raw connection, so that its reads see one state
    /// of the database. `body` gets `seek(sql, parameters, row)`, which runs `sql` (at most one
    /// row wanted) once per list of parameters and hands each row found to `row` with the
    /// list's position. The texts are bound in place: they must outlive the call.
    private func withSnapshot(_ body: (_ seek: (String, [[StaticText]], (RawStatement, Int) -> Void) throws(StorageError) -> Void)
                              throws(StorageError) -> Void) throws(StorageError) {
        let start = MonotonicClock.now()
        defer { readDurations.record(nanoseconds: MonotonicClock.now() &- start) }
        try rawReaders.withConnection { connection throws(StorageError) in
            let begin = try connection.statement(.sql("BEGIN"), sql: { "BEGIN" })
            let commit = try connection.statement(.sql("COMMIT"), sql: { "COMMIT" })
            try begin.run()
            defer { try? commit.run() }
            try body { sql, parameters, row throws(StorageError) in
                let statement = try connection.statement(.sql(sql), sql: { sql })
                // Unbound before the transaction ends and the texts go.
                defer { statement.reset() }
                for (i, values) in parameters.enumerated() {
                    statement.resetKeepingBindings()
                    for (n, value) in values.enumerated() { statement.bind(Int32(n + 1), value) }
                    if try statement.step() { row(statement, i) }
                }
            }
        }
    }

    private static let anySQL = "SELECT 1 FROM observations WHERE indicator = ? AND region = ? AND kind = ? LIMIT 1"

    private static let latestSQL = """
        SELECT \(ObservationSQL.columns(revision: "o")) FROM observations o
        WHERE o.indicator = ? AND o.region = ? AND o.kind = ? AND o.scope = ? AND o.status <> 'withdrawn'
        ORDER BY o.period_key DESC LIMIT 1
        """

    /// `IS NOT` is the term that lets it read observations_cross_section (see its migration).
    private static let latestPeriodSQL = """
        SELECT o.period_key FROM observations o
        WHERE o.indicator = ? AND o.kind = ? AND o.status IS NOT 'withdrawn'
        ORDER BY o.period_key DESC LIMIT 1
        """

    /// Grows with every write: each is a revision, and revisions are never deleted.
    private static let versionSQL = "SELECT coalesce(max(id), 0) FROM revisions"
}
