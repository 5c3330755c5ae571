import CSQLite
import Domain

/// Records an `ObservationBatch` in the caller's write transaction through SQLite's C API, with
/// what `StoreTransaction.record` does per change, at a fraction of its cost:
///
/// - It plans first: per group of rows (indicator, region, kind, scope) one range read of the
///   observations the group already has, which decides each row's outcome (created, updated,
///   unchanged) and gives the previous period of a year-to-date check when the batch lacks it.
///   Nothing is read when the table was empty.
/// - Then it writes, rows in key order: a new observation is one revision row and one
///   observation row whose ids it assigns itself (the transaction holds the only writer), many
///   rows per statement; an update is a revision row and one UPDATE of `revision_id` and the
///   observation's copy of its current revision (migration 0006). The
///   revision is the change's audit entry (migration 0005), so nothing goes to `audit_log`.
///
/// Hazard: the caller runs it with foreign keys off and CHECK constraints ignored (see
/// `Store.importObservations`): with them on, the two rows of a new observation, which point at
/// each other, could only be written as three statements, and SQLite would evaluate every
/// `IN (…)` check per row. What those constraints guard is checked here instead: every code the
/// batch uses is looked up in the catalogue tables, the ids are the importer's own, and every
/// enum value is written from its Swift case.
struct BulkImporter {
    static let rowsPerStatement = 64

    let connection: OpaquePointer
    let batch: ObservationBatch
    let source: RevisionSource
    let requestID: String?
    let now: Int64

    private let texts = TextArena()
    private var statements: [StatementKind: RawStatement] = [:]
    // Texts of enum values, by `kindRank`, by `scopeRank`, in `allCases` order, by `sortKey % 4`.
    private let kindTexts: [StaticText]
    private let scopeTexts: [StaticText]
    private let statusTexts: [StaticText]
    private let boundTexts: [StaticText]
    private let actionTexts: [StaticText]
    private let frequencyTexts: [StaticText]

    init(connection: OpaquePointer, batch: ObservationBatch, source: RevisionSource, requestID: String?, now: Int64) {
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

    private enum StatementKind: Hashable {
        case insertRevisions(rows: Int)
        case insertObservations(rows: Int)
        case updateRevisionID
        case existing
        case sql(String)
    }

    private var planned: Plan?

    /// Reads what the batch changes: the outcome of every row and the year-to-date warnings.
    /// The batch must be sorted and hold no key twice.
    /// `constraintsOff`: the caller turned the foreign keys off, so the codes must be checked
    /// here; and the rows will be written by `write()`, so the ids it needs are worth reading.
    mutating func plan(constraintsOff: Bool) throws(StorageError) -> ImportSummary {
        guard batch.isSorted else { throw .io("a bulk import needs its batch sorted by key") }
        var readExisting = true
        if constraintsOff {
            try checkCodes()
            readExisting = try int64("SELECT coalesce(max(id), 0) FROM observations") != 0
        }
        let plan = try makePlan(readExisting: readExisting)
        planned = plan
        return plan.summary
    }

    /// What `plan()` found each row would do, in row order.
    var plannedOutcomes: [WriteOutcome] { planned?.outcomes ?? [] }

    /// Writes what `plan()` planned.
    mutating func write() throws(StorageError) {
        guard var plan = planned else { throw .io("an import was written before it was planned") }
        planned = nil
        try write(&plan)
    }

    /// Finalizes the importer's statements: call it before the transaction ends, so that the
    /// connection is left as it was found.
    mutating func close() {
        for statement in statements.values { statement.finalize() }
        statements = [:]
    }

    // MARK: planning

    /// What the write pass needs to know about each row.
    private struct Plan {
        var summary = ImportSummary()
        /// Per row: created, updated or unchanged.
        var outcomes: [WriteOutcome] = []
        /// Per updated row, in row order: its observation and the time of its current revision.
        var updates: [(observation: Int64, lastRecordedAt: Int64?)] = []
    }

    /// An observation the database has, in the group being planned.
    private struct Existing {
        var periodKey: Int32
        var id: Int64
        var value: Double?
        var status: ObservationStatus?
        var bound: Bound?
        var recordedAt: Int64?
    }

    private mutating func makePlan(readExisting: Bool) throws(StorageError) -> Plan {
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
            planGroup(rows[start..<end], existing: existing, into: &plan)
            start = end
        }
        return plan
    }

    private func planGroup(_ group: ArraySlice<ObservationBatch.Row>, existing: [Existing], into plan: inout Plan) {
        let checksYearToDate = batch.flows[Int(group[group.startIndex].indicator)]
        var e = 0
        for row in group {
            while e < existing.count, existing[e].periodKey < row.periodKey { e += 1 }
            if e < existing.count, existing[e].periodKey == row.periodKey {
                let old = existing[e]
                if old.value == row.value, old.status == row.status, old.bound == row.bound {
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
            if checksYearToDate, let previousKey = Self.previousYearToDateKey(row.periodKey),
               let previous = Self.value(at: previousKey, in: group, existing: existing), previous > row.value {
                plan.summary.warnings.append(YearToDateWarning(
                    position: Int(row.position), period: row.period, value: row.value,
                    previousPeriod: Period(sortKey: Int(previousKey)) ?? row.period, previousValue: previous))
            }
        }
    }

    /// The sort key of the period before this one in the same year (Q1 before Q2, September
    /// before October); nil for a year, a first quarter and January.
    static func previousYearToDateKey(_ key: Int32) -> Int32? {
        let endMonth = (Int(key) / 4 - 1) % 12 + 1
        switch Int(key) % 4 {
        case 0: return endMonth > 1 ? key - 4 : nil
        case 1: return endMonth > 3 ? key - 12 : nil
        default: return nil
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
        if low < group.endIndex, group[low].periodKey == key { return group[low].value }
        var l = 0, h = existing.count
        while l < h {
            let mid = (l + h) / 2
            if existing[mid].periodKey < key { l = mid + 1 } else { h = mid }
        }
        return l < existing.count && existing[l].periodKey == key ? existing[l].value : nil
    }

    private mutating func readGroup(_ row: ObservationBatch.Row, from low: Int32, through high: Int32,
                                    into existing: inout [Existing]) throws(StorageError) {
        let statement = try statement(.existing) {
            """
            SELECT o.period_key, o.id, r.value, r.status, r.bound, r.recorded_at
            FROM observations o LEFT JOIN revisions r ON r.id = o.revision_id
            WHERE o.indicator = ?1 AND o.region = ?2 AND o.kind = ?3 AND o.scope = ?4 AND o.period_key BETWEEN ?5 AND ?6
            ORDER BY o.period_key
            """
        }
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
                value: statement.optionalDouble(2), status: statement.optionalText(3).flatMap(ObservationStatus.init(rawValue:)),
                bound: statement.optionalText(4).flatMap(Bound.init(rawValue:)), recordedAt: statement.optionalInt64(5)))
        }
    }

    // MARK: writing

    private mutating func write(_ plan: inout Plan) throws(StorageError) {
        var nextObservation = try int64("SELECT coalesce(max(id), 0) + 1 FROM observations")
        var nextRevision = try int64(StoreTransaction.nextEntryIDSQL)
        let rows = batch.rows
        var revisions = PendingRows(capacity: Self.rowsPerStatement)
        var observations = PendingRows(capacity: Self.rowsPerStatement)
        var update = 0
        for (index, row) in rows.enumerated() {
            let revision = nextRevision
            switch plan.outcomes[index] {
            case .unchanged:
                continue
            case .created:
                let observation = nextObservation
                nextObservation += 1
                nextRevision += 1
                let action = AuditAction(row.status, .created)
                revisions.append(index: index, observation: observation, revision: revision, recordedAt: now, action: action)
                observations.append(index: index, observation: observation, revision: revision, recordedAt: now, action: action)
            case .updated:
                let (observation, last) = plan.updates[update]
                update += 1
                nextRevision += 1
                // Revisions of one observation must be in time order for "as of" reads, even if
                // the clock stepped back.
                let recordedAt = last.map { max(now, $0 + 1) } ?? now
                revisions.append(index: index, observation: observation, revision: revision, recordedAt: recordedAt,
                                 action: AuditAction(row.status, .updated))
                try setRevision(of: observation, to: revision, row: row, recordedAt: recordedAt)
            }
            if revisions.isFull { try insertRevisions(&revisions) }
            if observations.isFull { try insertObservations(&observations) }
        }
        try insertRevisions(&revisions)
        try insertObservations(&observations)
    }

    /// Rows waiting for a multi-row INSERT.
    private struct PendingRows {
        struct Entry {
            var index: Int
            var observation: Int64
            var revision: Int64
            var recordedAt: Int64
            var action: AuditAction
        }

        var entries: [Entry] = []
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            entries.reserveCapacity(capacity)
        }

        var isFull: Bool { entries.count == capacity }

        mutating func append(index: Int, observation: Int64, revision: Int64, recordedAt: Int64, action: AuditAction) {
            entries.append(Entry(index: index, observation: observation, revision: revision, recordedAt: recordedAt, action: action))
        }
    }

    private static let revisionColumns = 8

    private mutating func insertRevisions(_ pending: inout PendingRows) throws(StorageError) {
        var offset = 0
        while offset < pending.entries.count {
            let n = pending.entries.count - offset >= Self.rowsPerStatement ? Self.rowsPerStatement : 1
            let statement = try revisionStatement(rows: n)
            for r in 0..<n {
                let entry = pending.entries[offset + r]
                let row = batch.rows[entry.index]
                let base = Int32(6 + r * Self.revisionColumns)
                statement.bind(base + 1, entry.revision)
                statement.bind(base + 2, entry.observation)
                bindCurrent(row, to: statement, at: base + 3)
                statement.bind(base + 7, entry.recordedAt)
                statement.bind(base + 8, actionTexts[AuditAction.allCases.firstIndex(of: entry.action) ?? 0])
            }
            defer { statement.resetKeepingBindings() }
            _ = try statement.step()
            offset += n
        }
        pending.entries.removeAll(keepingCapacity: true)
    }

    /// The INSERT of `rows` revisions, with what all revisions of the import share bound once.
    private mutating func revisionStatement(rows: Int) throws(StorageError) -> RawStatement {
        if let statement = statements[.insertRevisions(rows: rows)] { return statement }
        let statement = try statement(.insertRevisions(rows: rows)) { Self.insertRevisionsSQL(rows: rows) }
        bindSource(to: statement, at: 1)
        if let requestID { statement.bind(6, text(requestID)) } else { statement.bindNull(6) }
        return statement
    }

    static func insertRevisionsSQL(rows: Int) -> String {
        let tuples = (0..<rows).map { r in
            let p = (1...revisionColumns).map { "?\(6 + r * revisionColumns + $0)" }
            return "(\(p[0]), \(p[1]), \(p[2]), \(p[3]), \(p[4]), \(p[5]), ?1, ?2, ?3, ?4, ?5, \(p[6]), ?6, \(p[7]))"
        }
        return """
            INSERT INTO revisions (id, observation_id, value, status, bound, note, source_type, token_name, document_id,
                span_start, span_end, recorded_at, request_id, audit_action)
            VALUES \(tuples.joined(separator: ", "))
            """
    }

    private static let observationColumns = 13

    private mutating func insertObservations(_ pending: inout PendingRows) throws(StorageError) {
        var offset = 0
        while offset < pending.entries.count {
            let n = pending.entries.count - offset >= Self.rowsPerStatement ? Self.rowsPerStatement : 1
            let statement = try observationStatement(rows: n)
            for r in 0..<n {
                let entry = pending.entries[offset + r]
                let row = batch.rows[entry.index]
                let base = Int32(6 + r * Self.observationColumns)
                statement.bind(base + 1, entry.observation)
                statement.bind(base + 2, text(indicator: row.indicator))
                statement.bind(base + 3, text(region: row.region))
                statement.bind(base + 4, kindTexts[Int(row.kindRank)])
                statement.bind(base + 5, scopeTexts[Int(row.scopeRank)])
                statement.bind(base + 6, text(period: row.periodKey))
                statement.bind(base + 7, Int64(row.periodKey))
                statement.bind(base + 8, frequencyTexts[Int(row.periodKey % 4)])
                statement.bind(base + 9, entry.revision)
                bindCurrent(row, to: statement, at: base + 10)
            }
            defer { statement.resetKeepingBindings() }
            _ = try statement.step()
            offset += n
        }
        pending.entries.removeAll(keepingCapacity: true)
    }

    /// The INSERT of `rows` new observations, with what all of the import's share bound once:
    /// ?1 the time (created and recorded), ?2…?6 the source.
    private mutating func observationStatement(rows: Int) throws(StorageError) -> RawStatement {
        if let statement = statements[.insertObservations(rows: rows)] { return statement }
        let statement = try statement(.insertObservations(rows: rows)) { Self.insertObservationsSQL(rows: rows) }
        statement.bind(1, now)
        bindSource(to: statement, at: 2)
        return statement
    }

    static func insertObservationsSQL(rows: Int) -> String {
        let tuples = (0..<rows).map { r in
            "(" + (1...observationColumns).map { "?\(6 + r * observationColumns + $0)" }.joined(separator: ", ")
                + ", ?1, ?2, ?3, ?4, ?5, ?6, ?1)"
        }
        return """
            INSERT INTO observations (id, indicator, region, kind, scope, period, period_key, frequency, revision_id,
                value, status, bound, note, created_at, source_type, token_name, document_id, span_start, span_end, recorded_at)
            VALUES \(tuples.joined(separator: ", "))
            """
    }

    /// What a revision says and its observation copies (migration 0006): value, status, bound
    /// and note at `index`…`index + 3`.
    private mutating func bindCurrent(_ row: ObservationBatch.Row, to statement: RawStatement, at index: Int32) {
        statement.bind(index, row.value)
        statement.bind(index + 1, statusTexts[ObservationStatus.allCases.firstIndex(of: row.status) ?? 0])
        if let bound = row.bound {
            statement.bind(index + 2, boundTexts[Bound.allCases.firstIndex(of: bound) ?? 0])
        } else {
            statement.bindNull(index + 2)
        }
        statement.bind(index + 3, batch.note(row))
    }

    /// The import's source, as five columns from `index` on (type, token, document, start, end).
    private mutating func bindSource(to statement: RawStatement, at index: Int32) {
        let s = source.columns
        statement.bind(index, text(s.type))
        if let token = s.token { statement.bind(index + 1, text(token)) } else { statement.bindNull(index + 1) }
        statement.bind(index + 2, s.document)
        statement.bind(index + 3, s.start.map(Int64.init))
        statement.bind(index + 4, s.end.map(Int64.init))
    }

    private mutating func setRevision(of observation: Int64, to revision: Int64, row: ObservationBatch.Row,
                                      recordedAt: Int64) throws(StorageError) {
        let statement: RawStatement
        if let cached = statements[.updateRevisionID] {
            statement = cached
        } else {
            statement = try self.statement(.updateRevisionID) {
                """
                UPDATE observations SET source_type = ?1, token_name = ?2, document_id = ?3, span_start = ?4, span_end = ?5,
                    revision_id = ?6, value = ?7, status = ?8, bound = ?9, note = ?10, recorded_at = ?11
                WHERE id = ?12
                """
            }
            bindSource(to: statement, at: 1)
        }
        defer { statement.resetKeepingBindings() }
        statement.bind(6, revision)
        bindCurrent(row, to: statement, at: 7)
        statement.bind(11, recordedAt)
        statement.bind(12, observation)
        _ = try statement.step()
    }

    // MARK: checks and helpers

    /// Every indicator and region the batch uses is in the catalogue tables: what the foreign
    /// keys would have checked row by row, checked once per code.
    private mutating func checkCodes() throws(StorageError) {
        var indicators = [Bool](repeating: false, count: batch.indicators.count)
        var regions = [Bool](repeating: false, count: batch.regions.count)
        for row in batch.rows {
            indicators[Int(row.indicator)] = true
            regions[Int(row.region)] = true
        }
        let indicator = try statement(.sql("indicator")) { "SELECT 1 FROM indicators WHERE code = ?1" }
        for (i, used) in indicators.enumerated() where used {
            defer { indicator.resetKeepingBindings() }
            indicator.bind(1, text(indicator: UInt32(i)))
            guard try indicator.step() else { throw .unknownIndicator(batch.indicators[i]) }
        }
        let region = try statement(.sql("region")) { "SELECT 1 FROM regions WHERE code = ?1" }
        for (i, used) in regions.enumerated() where used {
            defer { region.resetKeepingBindings() }
            region.bind(1, text(region: UInt32(i)))
            guard try region.step() else { throw .unknownRegion(batch.regions[i]) }
        }
    }

    private mutating func int64(_ sql: String) throws(StorageError) -> Int64 {
        let statement = try statement(.sql(sql)) { sql }
        defer { statement.resetKeepingBindings() }
        guard try statement.step() else { return 0 }
        return statement.int64(0)
    }

    private mutating func statement(_ kind: StatementKind, _ sql: () -> String) throws(StorageError) -> RawStatement {
        if let statement = statements[kind] { return statement }
        let statement = try RawStatement.prepare(sql(), on: connection)
        statements[kind] = statement
        return statement
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
