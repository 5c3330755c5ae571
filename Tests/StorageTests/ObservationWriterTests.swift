import Domain
import Foundation
import GRDB
import Storage
import Testing

/// Every write of observations goes through one writer, a single change being a batch of one:
/// a batch must leave the database exactly as its rows written one at a time would (the same
/// observations, revisions and audit trail), for every kind of write, every constraint holding.
@Suite struct ObservationWriterTests {
    /// A value, or nil for a withdrawal.
    typealias Change = (indicator: String, region: String, period: String, value: Double?, status: ObservationStatus, note: String?)

    static let first: [Change] = [
        ("rd_expenditure", "330112", "2021", 5, .final, nil),
        ("rd_expenditure", "330112", "2020", 4, .final, "first estimate"),
        ("rd_expenditure", "330112", "2019", 3, .final, nil),
        ("tech_smes_new", "330112", "2022-Q1", 100, .provisional, nil),
    ]

    static let second: [Change] = [
        ("rd_expenditure", "330112", "2021", 5, .final, "same value, another note"),   // unchanged
        ("rd_expenditure", "330112", "2020", 4.5, .final, "revised"),                  // updated
        ("rd_expenditure", "330112", "2019", nil, .withdrawn, "entered twice"),        // withdrawn
        ("rd_expenditure", "330112", "2020-Q3", 3, .estimated, nil),                    // created
        ("rd_expenditure", "330112", "2018", nil, .withdrawn, nil),                     // created withdrawn
        ("tech_smes_new", "330112", "2022-Q2", 90, .provisional, nil),                 // created, below stored Q1
        ("tech_smes_new", "330110", "2022-Q2", 40, .provisional, nil),                 // created, below Q1 of the batch
        ("tech_smes_new", "330110", "2022-Q1", 50, .provisional, "研发, \"引号\""),      // created
        ("rd_intensity_rank", "330112", "2021", 4, .final, nil),                       // created, a rank needs a scope
    ]

    /// Rows of another indicator that make a batch large enough for the multi-row statements:
    /// new the first time, half of them changed the second.
    static func padding(_ count: Int, changed: Bool) -> [Change] {
        let districts = ["330102", "330105", "330106", "330108", "330109", "330110", "330111", "330112", "330113", "330114"]
        return (0..<count).map { i in
            ("incubators_new", districts[i % 10], "\(2000 + i / 10)", Double(changed && i % 2 == 1 ? i + 1 : i), .final,
             i % 3 == 0 ? "padding \(i)" : nil)
        }
    }

    /// Whose writes: an official's (PUT, DELETE, POST), the command line's (`zhibiao import`),
    /// and a report's (an accepted fact, which cites a span of a stored document).
    static let sources: [RevisionSource] = [.user(token: "alice"), .system("import"), .document(id: 1, start: 3, end: 9)]

    @Test(arguments: [0, 100], [0, 1, 2])
    func aBatchLeavesWhatItsRowsOneAtATimeLeave(padding: Int, source: Int) throws {
        // given: two databases, one written change by change, the other by batches
        let one = try TestDatabase(), bulk = try TestDatabase()
        let byChange = try one.seeded(), byBatch = try bulk.seeded()
        let source = Self.sources[source]
        for store in [byChange, byBatch] { try Self.storeDocument(store) }
        let first = Self.first + Self.padding(padding, changed: false)
        let second = Self.second + Self.padding(padding, changed: true)
        for batch in [first, second] {
            // when
            for change in try Self.sorted(batch, byChange) {
                try byChange.record(try Self.change(change), source: source, requestID: "r-1")
            }
            _ = try byBatch.record(try Self.batch(batch, byBatch), source: source, requestID: "r-1") { _, summary in summary }
        }
        // then: the same current values, histories and audit trails
        for change in first + second {
            let key = try Self.change(change).key
            let batched = try byBatch.observation(key)
            #expect(batched == (try byChange.observation(key)).map { Self.withTime($0, of: batched) })
            #expect(try byBatch.revisions(of: key).map(Self.strip) == byChange.revisions(of: key).map(Self.strip))
        }
        let auditByChange = try byChange.audit(since: nil, token: nil, beforeID: nil, limit: 1000)
        let auditByBatch = try byBatch.audit(since: nil, token: nil, beforeID: nil, limit: 1000)
        #expect(auditByBatch.map(Self.strip) == auditByChange.map(Self.strip))
        #expect(auditByBatch.filter { $0.action.hasPrefix("observation.") }.count == 12 + padding + padding / 2)
        for store in [byChange, byBatch] {
            #expect(try store.integrityCheck() == "ok")
            #expect(try store.foreignKeyViolations().isEmpty)
            #expect(try store.currentStateMismatches().isEmpty)
        }
    }

    @Test func outcomesAndYearToDateWarningsFromTheBatchAndFromStoredValues() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        _ = try store.record(try Self.batch(Self.first, store), source: .system("t"), requestID: nil) { _, s in s }
        let summary = try store.record(try Self.batch(Self.second, store), source: .system("t"), requestID: nil) { _, s in s }
        #expect(summary.created == 6 && summary.updated == 2 && summary.unchanged == 1)
        let warnings = summary.warnings.sorted { $0.position < $1.position }
        #expect(warnings.map(\.period) == [.quarter(year: 2022, quarter: 2), .quarter(year: 2022, quarter: 2)])
        // Positions are the rows' indexes in `second`.
        #expect(warnings.map(\.position) == [5, 6])
        #expect(warnings.map(\.previousValue) == [100, 50])
    }

    @Test func anIfMatchIsCheckedBeforeAnythingIsWritten() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        let key = ObservationKey(indicator: "rd_expenditure", region: "330112", period: .year(2021))
        #expect(throws: StorageError.self) {
            try store.record(ObservationChange(key: key, value: 1), source: .system("t"), expectedRevision: .some(7))
        }
        let created = try store.record(ObservationChange(key: key, value: 1), source: .system("t"), expectedRevision: .some(nil))
        #expect {
            try store.record(ObservationChange(key: key, value: 2), source: .system("t"), expectedRevision: .some(nil))
        } throws: { error in
            guard case StorageError.staleRevision(let current) = error else { return false }
            return current == created.observation.revision
        }
        let updated = try store.record(ObservationChange(key: key, value: 2), source: .system("t"),
                                       expectedRevision: .some(created.observation.revision))
        #expect(updated.outcome == .updated && updated.observation.value == 2)
        #expect(try store.revisions(of: key).count == 2)
    }

    @Test func aDryRunWritesNothing() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        let summary = try store.record(try Self.batch(Self.first, store), source: .system("t"), requestID: nil, dryRun: true) { _, s in s }
        #expect(summary.created == 4)
        for change in Self.first { #expect(try store.observation(try Self.change(change).key) == nil) }
        #expect(try store.audit(since: nil, token: nil, beforeID: nil, limit: 10).filter { $0.action.hasPrefix("observation.") }.isEmpty)
    }

    @Test(arguments: [2, 100])
    func aCodeTheDatabaseLacksIsRefusedNamingIt(rows: Int) throws {
        // given: a catalogue snapshot naming a region that is then removed behind the store's back
        let db = try TestDatabase()
        let store = try db.seeded()
        _ = try store.upsertRegion(Region(code: "330199", nameZh: "新区", nameEn: "New", level: .zone, parent: "330112"), by: nil)
        let catalogue = try store.catalogue()
        let region = try #require(catalogue.observationCodes.regionNumbers["330199"])
        let linan = try #require(catalogue.observationCodes.regionNumbers["330112"])
        let indicator = try #require(catalogue.observationCodes.indicatorNumbers["rd_expenditure"])
        var batch = ObservationBatch(catalogue: catalogue)
        for i in 0..<rows - 1 {
            batch.append(indicator: indicator, region: linan, period: .year(1950 + i), kind: .actual, scope: nil, value: 1,
                         status: .final, bound: nil, note: nil, position: i)
        }
        batch.append(indicator: indicator, region: region, period: .year(2021), kind: .actual, scope: nil, value: 1,
                     status: .final, bound: nil, note: nil, position: rows)
        try db.deleteRegion("330199")
        // when / then
        #expect {
            try store.record(batch, source: .system("t"), requestID: nil) { _, s in s }
        } throws: { error in
            guard case StorageError.unknownRegion("330199") = error else { return false }
            return true
        }
        #expect(try store.observation(ObservationKey(indicator: "rd_expenditure", region: "330112", period: .year(1950))) == nil)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.foreignKeyViolations().isEmpty)
    }

    @Test func aLargeWriteRebuildsTheIndexesItDroppedAsTheyWere() throws {
        // given
        let db = try TestDatabase()
        let store = try db.seeded()
        let before = try db.indexes()
        let catalogue = try store.catalogue()
        var batch = ObservationBatch(catalogue: catalogue)
        let regions = ["330102", "330105", "330106", "330108", "330109", "330110", "330111", "330112", "330113", "330114"]
        let indicator = try #require(catalogue.observationCodes.indicatorNumbers["tech_smes_new"])
        for i in 0..<12_000 {
            let region = try #require(catalogue.observationCodes.regionNumbers[regions[i % 10]])
            batch.append(indicator: indicator, region: region, period: .month(year: 1950 + i / 120, month: i / 10 % 12 + 1),
                         kind: .actual, scope: nil, value: Double(i), status: .final, bound: nil, note: nil, position: i)
        }
        // when: a dry run, then the real write, then one into the table it filled
        _ = try store.record(batch, source: .system("t"), requestID: nil, dryRun: true) { _, s in s }
        #expect(try db.indexes() == before)
        let created = try store.record(batch, source: .system("t"), requestID: nil) { _, s in s }
        let again = try store.record(batch, source: .system("t"), requestID: nil) { _, s in s }
        // then
        #expect(created.created == 12_000 && again.unchanged == 12_000)
        #expect(try db.indexes() == before)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.foreignKeyViolations().isEmpty)
        #expect(try store.currentStateMismatches().isEmpty)
        let page = try store.observations(ObservationQuery(indicators: ["tech_smes_new"], regions: ["330112"], limit: 5000))
        #expect(page.observations.count == 1200)
    }

    @Test func aRowTakesThirtyTwoBytes() {
        // A million rows are held between the end of the upload and the commit.
        #expect(MemoryLayout<ObservationBatch.Row>.stride == 32)
    }

    // MARK: helpers

    /// The document the `.document` source cites, id 1 in a fresh database.
    static func storeDocument(_ store: SQLiteStore) throws {
        _ = try store.saveDocument(NewDocument(source: "test", contentType: "text/plain", text: "2021年R&D经费5亿元"), facts: [])
    }

    static func change(_ c: Change) throws -> ObservationChange {
        guard let period = Period(c.period) else { throw StorageError.invalid("period \(c.period)") }
        let scope: RankScope? = c.indicator.hasSuffix("_rank") ? .city : nil
        let key = ObservationKey(indicator: c.indicator, region: c.region, period: period, scope: scope)
        guard let value = c.value else { return .withdrawal(of: key, note: c.note) }
        return ObservationChange(key: key, value: value, status: c.status, note: c.note)
    }

    static func batch(_ changes: [Change], _ store: SQLiteStore) throws -> ObservationBatch {
        let catalogue = try store.catalogue()
        var batch = ObservationBatch(catalogue: catalogue)
        for (position, c) in changes.enumerated() {
            let change = try change(c)
            guard let indicator = catalogue.observationCodes.indicatorNumbers[c.indicator],
                  let region = catalogue.observationCodes.regionNumbers[c.region]
            else { throw StorageError.invalid("codes") }
            batch.append(indicator: indicator, region: region, period: change.key.period, kind: .actual, scope: change.key.scope,
                         value: c.value ?? 0, status: c.status, bound: nil, note: c.note, position: position)
        }
        return batch
    }

    /// The changes in the order a batch writes them, so that both databases number alike.
    static func sorted(_ changes: [Change], _ store: SQLiteStore) throws -> [Change] {
        var batch = try batch(changes, store)
        batch.sortByKey()
        return batch.rows.map { changes[Int($0.position)] }
    }

    static func withTime(_ o: StoredObservation, of other: StoredObservation?) -> StoredObservation {
        var o = o
        if let other { o.updatedAt = other.updatedAt }
        return o
    }

    static func strip(_ r: Revision) -> String {
        let value = r.value.map { String($0) } ?? "-"
        return "\(r.id) \(value) \(r.status) \(r.note ?? "-") \(r.source)"
    }

    static func strip(_ e: AuditEntry) -> String {
        "\(e.id) \(e.token ?? "-") \(e.action) \(e.entity) \(e.detailJSON) \(e.requestID ?? "-")"
    }
}

extension TestDatabase {
    /// Every index of the schema with its SQL, by name.
    func indexes() throws -> [String: String] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_schema WHERE type = 'index'")
                .map { ($0["name"] as String, ($0["sql"] as String?) ?? "") })
        }
    }

    /// Removes a region behind the store's back, as a restore from an older backup might.
    func deleteRegion(_ code: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "DELETE FROM regions WHERE code = ?", arguments: [code]) }
    }
}
