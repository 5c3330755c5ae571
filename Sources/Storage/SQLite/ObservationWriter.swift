import CSQLite
import Domain

/// The one way observations are written. A PUT or a DELETE, an accepted fact, `zhibiao import`
/// and a CSV of a million rows are each an `ObservationBatch` recorded here, a single
/// observation being a batch of one, in the caller's write transaction and through SQLite's C
/// API. It plans, then writes:
///
/// - Plan: per group of rows (indicator, region, kind, scope), one range read of the current
///   state of the observations the group already has (nothing is read when the table is empty).
///   That decides each row's outcome (created, updated, unchanged), checks an If-Match, and gives
///   the year-to-date rule the period before a row's when the batch lacks it.
/// - Write, rows in key order, up to 64 at a time: the new observations with their current
///   state (ids assigned here, since the transaction holds the only writer), then a revision per
///   changed row, then what names each revision: the new observations' `revision_id`, the
///   existing ones' whole current state. Revision and current state are bound from the same
///   values (`bindState`). The revision is also the change's audit entry, so nothing goes to
///   `audit_log`.
///
/// Every constraint stays on. An observation and its current revision point at each other, so a
/// new observation is written with its `revision_id` NULL and pointed at its revision once that
/// exists: every row finds what it points at already there. Deferring the foreign keys instead
/// (`PRAGMA defer_foreign_keys`) is a trap: while a violation is outstanding, SQLite looks for
/// the children of every parent row inserted, and neither `observations.revision_id` nor
/// `facts.revision_id` has an index, so each revision would scan both tables (quadratic: a test
/// of 2,000 rows took 2.6 s deferred, 0.4 s in this order).
struct ObservationWriter {
    static let rowsPerStatement = 64

    /// The prepared statements the writer uses, kept by the writer connection between writes.
    enum Statement: Hashable {
        case existing
        case indicatorExists
        case regionExists
        case lastObservationID
        case nextEntryID
        case insertObservations(rows: Int)
        case insertRevisions(rows: Int)
        case linkRevisions
        case setCurrentState
    }

    let connection: RawConnection
    let batch: ObservationBatch
    let source: RevisionSource
    let requestID: String?
    /// The time of the write, in microseconds: every revision's `recorded_at` unless the
    /// observation has a later one.
    let now: Int64

    private let texts = TextArena()
    /// Statements used by this write, each with what every row shares bound once.
    private var statements: [Statement: RawStatement] = [:]
    // Texts of enum values, by `kindRank`, by `scopeRank`, in `allCases` order, by `sortKey % 4`.
    private let kindTexts: [StaticText]
    private let scopeTexts: [StaticText]
    private let statusTexts: [StaticText]
    private let boundTexts: [StaticText]
    private let actionTexts: [StaticText]
    private let frequencyTexts: [StaticText]

    init(connection: RawConnection, batch: ObservationBatch, source: RevisionSource, requestID: String?, now: Int64) {
        self.connection = connection
        self.batch = batch
        self.source = source
        self.requestID = requestID
        self.now = now
        let texts = texts
        kindTexts = [ObservationKind.actual, .target].map { texts.add($0.rawValue) }
        scopeTexts = [texts.add("")] + ObservationBatch.scopesInOrder.map { texts.add($0.rawValue) }
        statusTexts = ObservationStatus.allCases.map { texts.add($0.rawValue) }
        boundTexts = Bound.allCases.map { texts.add($0.rawValue) }
        actionTexts = AuditAction.allCases.map { texts.add($0.rawValue) }
        var frequencies = [StaticText](repeating: texts.add(""), count: 4)
        for frequency in Frequency.allCases { frequencies[frequency.sortKeyRank] = texts.add(frequency.rawValue) }
        frequencyTexts = frequencies
    }

    /// Leaves every statement used reset and unbound, so that none points into this writer's
    /// texts once it is gone. Call it before the transaction ends.
    mutating func close() {
        for statement in statements.values { statement.reset() }
        statements = [:]
    }

    // MARK: planning

    /// What the write pass needs to know about each row.
    struct Plan {
        var summary = WriteSummary()
        /// Per row: created, updated or unchanged.
        var outcomes: [WriteOutcome] = []
        /// Per updated row, in row order: its observation and the time of its current revision.
        var updates: [(observation: Int64, lastRecordedAt: Int64?)] = []
    }

    /// An observation the database has, in the group being planned: its current state.
    private struct Existing {
        var periodKey: Int32
        var id: Int64
        var revision: Int64?
        var value: Double?
        var status: ObservationStatus?
        var bound: Bound?
        var recordedAt: Int64?
    }

    /// Reads what the batch changes: the outcome of every row and the year-to-date warnings.
    /// The batch must be sorted and hold no key twice. `expectedRevision` (a batch of one):
    /// `.some(nil)` demands that the observation not exist yet, `.some(id)` that `id` be its
    /// current revision; a mismatch throws `staleRevision`.
    mutating func plan(expectedRevision: Int64?? = nil) throws(StorageError) -> Plan {
        guard batch.isSorted else { throw .io("a batch is written sorted by key") }
        try checkCodes()
        let readExisting = try int64(.lastObservationID, "SELECT coalesce(max(id), 0) FROM observations") != 0
        var plan = Plan()
        plan.outcomes.reserveCapacity(batch.count)
        let rows = batch.rows
        var existing: [Existing] = []
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count, ObservationBatch.sameGroup(rows[start], rows[end]) { end += 1 }
            existing.removeAll(keepingCapacity: true)
            if readExisting {
                // The earliest period a year-to-date check may look back to is a quarter before the first.
                try readGroup(rows[start], from: rows[start].periodKey - 12, through: rows[end - 1].periodKey, into: &existing)
            }
            if let expectedRevision {
                let current = existing.first { $0.periodKey == rows[start].periodKey }?.revision
                guard end - start == 1, current == expectedRevision else { throw .staleRevision(current: current) }
            }
            planGroup(rows[start..<end], existing: existing, into: &plan)
            start = end
        }
        return plan
    }

    /// The value a row records: none for a withdrawal.
    static func value(_ row: ObservationBatch.Row) -> Double? { row.status == .withdrawn ? nil : row.value }

    private func planGroup(_ group: ArraySlice<ObservationBatch.Row>, existing: [Existing], into plan: inout Plan) {
        let checksYearToDate = batch.flows[Int(group[group.startIndex].indicator)]
        var e = 0
        for row in group {
            while e < existing.count, existing[e].periodKey < row.periodKey { e += 1 }
            let value = Self.value(row)
            if e < existing.count, existing[e].periodKey == row.periodKey {
                let old = existing[e]
                if old.value == value, old.status == row.status, old.bound == row.bound {
                    plan.outcomes.append(.unchanged)
                    plan.summary.unchanged += 1
                } else {
                    plan.outcomes.append(.updated)
                    plan.summary.updated += 1
                    plan.updates.append((old.id, old.recordedAt))
                }
            } else {
                plan.outcomes.append(.created)
                plan.summary.created += 1
            }
            if checksYearToDate, let value, let previousKey = YearToDate.previousKey(Int(row.periodKey)),
               let previous = Self.value(at: Int32(previousKey), in: group, existing: existing),
               YearToDate.falls(value, below: previous) {
                plan.summary.warnings.append(YearToDateWarning(
                    position: Int(row.position), period: row.period, value: value,
                    previousPeriod: Period(sortKey: previousKey) ?? row.period, previousValue: previous))
            }
        }
    }

    /// The value a period will have once the batch is written: the batch's own, else the
    /// database's current one (none when withdrawn).
    private static func value(at key: Int32, in group: ArraySlice<ObservationBatch.Row>, existing: [Existing]) -> Double? {
        var low = group.startIndex, high = group.endIndex
        while low < high {
            let mid = (low + high) / 2
            if group[mid].periodKey < key { low = mid + 1 } else { high = mid }
        }
        if low < group.endIndex, group[low].periodKey == key { return value(group[low]) }
        var l = 0, h = existing.count
        while l < h {
            let mid = (l + h) / 2
            if existing[mid].periodKey < key { l = mid + 1 } else { h = mid }
        }
        return l < existing.count && existing[l].periodKey == key ? existing[l].value : nil
    }

    private static let existingSQL = """
        SELECT period_key, id, \([CurrentState.Column.revision, .value, .status, .bound, .recordedAt].map(\.name)
            .joined(separator: ", "))
        FROM observations
        WHERE indicator = ?1 AND region = ?2 AND kind = ?3 AND scope = ?4 AND period_key BETWEEN ?5 AND ?6
        ORDER BY period_key
        """

    private mutating func readGroup(_ row: ObservationBatch.Row, from low: Int32, through high: Int32,
                                    into existing: inout [Existing]) throws(StorageError) {
        let statement = try statement(.existing) { Self.existingSQL }.statement
        defer { statement.resetKeepingBindings() }
        statement.bind(1, text(indicator: row.indicator))
        statement.bind(2, text(region: row.region))
        statement.bind(3, kindTexts[Int(row.kindRank)])
        statement.bind(4, scopeTexts[Int(row.scopeRank)])
        statement.bind(5, Int64(low))
        statement.bind(6, Int64(high))
        while try statement.step() {
            existing.append(Existing(
                periodKey: Int32(truncatingIfNeeded: statement.int64(0)), id: statement.int64(1),
                revision: statement.optionalInt64(2), value: statement.optionalDouble(3),
                status: statement.optionalText(4).flatMap(ObservationStatus.init(rawValue:)),
                bound: statement.optionalText(5).flatMap(Bound.init(rawValue:)), recordedAt: statement.optionalInt64(6)))
        }
    }

    /// Every indicator and region the batch uses is in the catalogue tables, checked once per
    /// code: the foreign keys would refuse the rows too, but not say which code is unknown.
    private mutating func checkCodes() throws(StorageError) {
        var indicators = [Bool](repeating: false, count: batch.indicators.count)
        var regions = [Bool](repeating: false, count: batch.regions.count)
        for row in batch.rows {
            indicators[Int(row.indicator)] = true
            regions[Int(row.region)] = true
        }
        let indicator = try statement(.indicatorExists) { "SELECT 1 FROM indicators WHERE code = ?1" }.statement
        for (i, used) in indicators.enumerated() where used {
            defer { indicator.resetKeepingBindings() }
            indicator.bind(1, text(indicator: UInt32(i)))
            guard try indicator.step() else { throw .unknownIndicator(batch.indicators[i]) }
        }
        let region = try statement(.regionExists) { "SELECT 1 FROM regions WHERE code = ?1" }.statement
        for (i, used) in regions.enumerated() where used {
            defer { region.resetKeepingBindings() }
            region.bind(1, text(region: UInt32(i)))
            guard try region.step() else { throw .unknownRegion(batch.regions[i]) }
        }
    }

    // MARK: writing

    /// A changed row on its way to the database.
    private struct Entry {
        var index: Int
        var observation: Int64
        var revision: Int64
        var recordedAt: Int64
        var created: Bool
    }

    /// Writes what `plan` planned.
    mutating func write(_ plan: Plan) throws(StorageError) {
        var nextObservation = try int64(.lastObservationID, "SELECT coalesce(max(id), 0) FROM observations") + 1
        var nextRevision = try int64(.nextEntryID, SQLiteTransaction.nextEntryIDSQL)
        var chunk: [Entry] = []
        chunk.reserveCapacity(Self.rowsPerStatement)
        var created: [Entry] = []
        created.reserveCapacity(Self.rowsPerStatement)
        var update = 0
        for index in batch.rows.indices {
            switch plan.outcomes[index] {
            case .unchanged:
                continue
            case .created:
                chunk.append(Entry(index: index, observation: nextObservation, revision: nextRevision, recordedAt: now,
                                   created: true))
                nextObservation += 1
            case .updated:
                let (observation, last) = plan.updates[update]
                update += 1
                // Revisions of one observation must be in time order for "as of" reads, even if
                // the clock stepped back.
                chunk.append(Entry(index: index, observation: observation, revision: nextRevision,
                                   recordedAt: last.map { max(now, $0 + 1) } ?? now, created: false))
            }
            nextRevision += 1
            if chunk.count == Self.rowsPerStatement { try flush(&chunk, created: &created) }
        }
        try flush(&chunk, created: &created)
    }

    /// Writes a chunk of changed rows in the order their references need: the new observations
    /// (their current state without its revision), the revisions, then what names each
    /// revision: the new observations' `revision_id`, the others' whole current state.
    private mutating func flush(_ chunk: inout [Entry], created: inout [Entry]) throws(StorageError) {
        created.removeAll(keepingCapacity: true)
        for entry in chunk where entry.created { created.append(entry) }
        try insert(created, into: .observations)
        try insert(chunk, into: .revisions)
        try linkRevisions(created)
        for entry in chunk where !entry.created { try setCurrentState(entry) }
        chunk.removeAll(keepingCapacity: true)
    }

    /// The tables a chunk inserts rows into, each with one multi-row statement per 64 rows.
    private enum Table {
        case observations, revisions
    }

    /// The key columns each row of the observation INSERT takes before its current state.
    private static let keyColumns = 8
    /// Parameters each row of the observation INSERT takes; ?1…?5 are the source, ?6 the time.
    private static let observationColumns = keyColumns + CurrentState.rowColumns.count
    /// Parameters each row of the revision INSERT takes: the current state's row columns, the
    /// observation and the audit action. ?1…?5 are the source, ?6 the request id.
    private static let revisionColumns = CurrentState.rowColumns.count + 2
    /// The source's parameters and one more, which every INSERT binds once.
    private static let sharedColumns = CurrentState.sourceColumns.count + 1

    private mutating func insert(_ entries: [Entry], into table: Table) throws(StorageError) {
        var offset = 0
        while offset < entries.count {
            let n = entries.count - offset >= Self.rowsPerStatement ? Self.rowsPerStatement : 1
            let (statement, fresh) = table == .observations
                ? try statement(.insertObservations(rows: n)) { Self.insertObservationsSQL(rows: n) }
                : try statement(.insertRevisions(rows: n)) { Self.insertRevisionsSQL(rows: n) }
            if fresh {
                bindSource(to: statement)
                let shared = Int32(Self.sharedColumns)
                switch table {
                case .observations: statement.bind(shared, now)
                case .revisions: if let requestID { statement.bind(shared, text(requestID)) } else { statement.bindNull(shared) }
                }
            }
            for r in 0..<n {
                let entry = entries[offset + r]
                switch table {
                case .observations: bindObservation(entry, to: statement, at: Int32(Self.sharedColumns + r * Self.observationColumns + 1))
                case .revisions: bindRevision(entry, to: statement, at: Int32(Self.sharedColumns + r * Self.revisionColumns + 1))
                }
            }
            defer { statement.resetKeepingBindings() }
            _ = try statement.step()
            offset += n
        }
    }

    private mutating func bindObservation(_ entry: Entry, to statement: RawStatement, at base: Int32) {
        let row = batch.rows[entry.index]
        statement.bind(base, entry.observation)
        statement.bind(base + 1, text(indicator: row.indicator))
        statement.bind(base + 2, text(region: row.region))
        statement.bind(base + 3, kindTexts[Int(row.kindRank)])
        statement.bind(base + 4, scopeTexts[Int(row.scopeRank)])
        statement.bind(base + 5, text(period: row.periodKey))
        statement.bind(base + 6, Int64(row.periodKey))
        statement.bind(base + 7, frequencyTexts[Int(row.periodKey % 4)])
        _ = bindState(entry, revision: nil, to: statement, at: base + Int32(Self.keyColumns))
    }

    private mutating func bindRevision(_ entry: Entry, to statement: RawStatement, at base: Int32) {
        let count = bindState(entry, revision: entry.revision, to: statement, at: base)
        statement.bind(base + count, entry.observation)
        let action = AuditAction(batch.rows[entry.index].status, entry.created ? .created : .updated)
        statement.bind(base + count + 1, actionTexts[AuditAction.allCases.firstIndex(of: action) ?? 0])
    }

    /// The INSERT of `rows` new observations with their current state, `revision_id` NULL
    /// until their revisions exist (see `linkRevisions`).
    static func insertObservationsSQL(rows: Int) -> String {
        let keys = ["id", "indicator", "region", "kind", "scope", "period", "period_key", "frequency"]
        let columns = keys + CurrentState.Column.allCases.map(\.name) + ["created_at"]
        let tuples = (0..<rows).map { r in
            let base = sharedColumns + r * observationColumns
            let key = (1...keyColumns).map { "?\(base + $0)" }
            return "(" + (key + stateParameters(from: base + keyColumns) + ["?\(sharedColumns)"]).joined(separator: ", ") + ")"
        }
        return "INSERT INTO observations (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))"
    }

    /// The one INSERT of revisions: `rows` of them, the source and request id bound once.
    static func insertRevisionsSQL(rows: Int) -> String {
        let columns = CurrentState.Column.allCases.map(\.revisionName) + ["observation_id", "audit_action", "request_id"]
        let tuples = (0..<rows).map { r in
            let base = sharedColumns + r * revisionColumns
            let own = base + CurrentState.rowColumns.count
            return "(" + (stateParameters(from: base) + ["?\(own + 1)", "?\(own + 2)", "?\(sharedColumns)"])
                .joined(separator: ", ") + ")"
        }
        return "INSERT INTO revisions (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))"
    }

    /// The parameters of the `CurrentState` columns in order: the source's ?1…?5, the row
    /// columns numbered from `base + 1` as `bindState` binds them.
    private static func stateParameters(from base: Int) -> [String] {
        var next = base
        return CurrentState.Column.allCases.map { column in
            if let shared = CurrentState.sourceColumns.firstIndex(of: column) { return "?\(shared + 1)" }
            next += 1
            return "?\(next)"
        }
    }

    /// Points the new observations at their revisions. Observations created one after the other
    /// have consecutive ids and so do their revisions: one statement per such run.
    private mutating func linkRevisions(_ entries: [Entry]) throws(StorageError) {
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].observation == entries[end - 1].observation + 1,
                  entries[end].revision == entries[end - 1].revision + 1 { end += 1 }
            let statement = try statement(.linkRevisions) {
                "UPDATE observations SET revision_id = id + ?1 WHERE id BETWEEN ?2 AND ?3"
            }.statement
            statement.bind(1, entries[start].revision - entries[start].observation)
            statement.bind(2, entries[start].observation)
            statement.bind(3, entries[end - 1].observation)
            defer { statement.resetKeepingBindings() }
            _ = try statement.step()
            start = end
        }
    }

    private mutating func setCurrentState(_ entry: Entry) throws(StorageError) {
        let (statement, fresh) = try statement(.setCurrentState) { Self.setCurrentStateSQL }
        if fresh { bindSource(to: statement) }
        let base = Int32(CurrentState.sourceColumns.count + 1)
        let count = bindState(entry, revision: entry.revision, to: statement, at: base)
        statement.bind(base + count, entry.observation)
        defer { statement.resetKeepingBindings() }
        _ = try statement.step()
    }

    /// The UPDATE of an existing observation's current state, after its new revision.
    static let setCurrentStateSQL: String = {
        let parameters = stateParameters(from: CurrentState.sourceColumns.count)
        let assignments = zip(CurrentState.Column.allCases, parameters).map { "\($0.name) = \($1)" }
        return "UPDATE observations SET \(assignments.joined(separator: ", ")) WHERE id = ?\(CurrentState.Column.allCases.count + 1)"
    }()

    /// Binds what a revision says, and its observation's current state copies, from `index` on,
    /// in `CurrentState.rowColumns` order; returns how many parameters that took. `revision`
    /// nil binds NULL, for an observation whose revision is not written yet.
    private mutating func bindState(_ entry: Entry, revision: Int64?, to statement: RawStatement, at index: Int32) -> Int32 {
        let row = batch.rows[entry.index]
        var i = index
        for column in CurrentState.rowColumns {
            switch column {
            case .revision: statement.bind(i, revision)
            case .value: statement.bind(i, Self.value(row))
            case .status: statement.bind(i, statusTexts[ObservationStatus.allCases.firstIndex(of: row.status) ?? 0])
            case .bound:
                if let bound = row.bound {
                    statement.bind(i, boundTexts[Bound.allCases.firstIndex(of: bound) ?? 0])
                } else {
                    statement.bindNull(i)
                }
            case .note: statement.bind(i, batch.note(row))
            case .recordedAt: statement.bind(i, entry.recordedAt)
            case .sourceType, .token, .document, .spanStart, .spanEnd: continue
            }
            i += 1
        }
        return i - index
    }

    /// The write's source, as the source columns from ?1 on (type, token, document, start, end).
    private mutating func bindSource(to statement: RawStatement) {
        let s = source.columns
        statement.bind(1, text(s.type))
        if let token = s.token { statement.bind(2, text(token)) } else { statement.bindNull(2) }
        statement.bind(3, s.document)
        statement.bind(4, s.start.map(Int64.init))
        statement.bind(5, s.end.map(Int64.init))
    }

    // MARK: statements and texts

    private mutating func int64(_ kind: Statement, _ sql: String) throws(StorageError) -> Int64 {
        let statement = try statement(kind) { sql }.statement
        defer { statement.resetKeepingBindings() }
        guard try statement.step() else { return 0 }
        return statement.int64(0)
    }

    /// The statement of `kind` from the connection's cache; `fresh` the first time this write
    /// uses it, when the caller binds what every row shares.
    private mutating func statement(_ kind: Statement, _ sql: () -> String) throws(StorageError)
        -> (statement: RawStatement, fresh: Bool) {
        if let statement = statements[kind] { return (statement, false) }
        let statement = try connection.statement(.write(kind), sql: sql)
        statements[kind] = statement
        return (statement, true)
    }

    // Texts bound many times are kept once, in the arena.
    private var indicatorTexts: [StaticText?] = []
    private var regionTexts: [StaticText?] = []
    private var periodTexts: [Int32: StaticText] = [:]
    private var otherTexts: [String: StaticText] = [:]

    private mutating func text(indicator: UInt32) -> StaticText {
        if indicatorTexts.isEmpty { indicatorTexts = Array(repeating: nil, count: batch.indicators.count) }
        if let text = indicatorTexts[Int(indicator)] { return text }
        let text = texts.add(batch.indicators[Int(indicator)])
        indicatorTexts[Int(indicator)] = text
        return text
    }

    private mutating func text(region: UInt32) -> StaticText {
        if regionTexts.isEmpty { regionTexts = Array(repeating: nil, count: batch.regions.count) }
        if let text = regionTexts[Int(region)] { return text }
        let text = texts.add(batch.regions[Int(region)])
        regionTexts[Int(region)] = text
        return text
    }

    private mutating func text(period key: Int32) -> StaticText {
        if let text = periodTexts[key] { return text }
        let text = texts.add((Period(sortKey: Int(key)) ?? .year(0)).description)
        periodTexts[key] = text
        return text
    }

    private mutating func text(_ string: String) -> StaticText {
        if let text = otherTexts[string] { return text }
        let text = texts.add(string)
        otherTexts[string] = text
        return text
    }
}
