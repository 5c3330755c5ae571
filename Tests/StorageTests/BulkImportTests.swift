import Domain
import Foundation
import GRDB
import Storage
import Testing

/// `Store.importObservations` must leave the database as `record`, change by change, would:
/// the same observations, revisions and audit trail, every constraint holding.
@Suite struct BulkImportTests {
    typealias Change = (indicator: String, region: String, period: String, value: Double, status: ObservationStatus, note: String?)

    static let first: [Change] = [
        ("rd_expenditure", "330112", "2021", 5, .final, nil),
        ("rd_expenditure", "330112", "2020", 4, .final, "first estimate"),
        ("tech_smes_new", "330112", "2022-Q1", 100, .provisional, nil),
    ]

    static let second: [Change] = [
        ("rd_expenditure", "330112", "2021", 5, .final, "same value, another note"),   // unchanged
        ("rd_expenditure", "330112", "2020", 4.5, .final, "revised"),                  // updated
        ("rd_expenditure", "330112", "2020-Q3", 3, .estimated, nil),                    // created
        ("tech_smes_new", "330112", "2022-Q2", 90, .provisional, nil),                 // created, below stored Q1
        ("tech_smes_new", "330110", "2022-Q2", 40, .provisional, nil),                 // created, below Q1 of the batch
        ("tech_smes_new", "330110", "2022-Q1", 50, .provisional, "研发, \"引号\""),      // created
        ("rd_intensity_rank", "330112", "2021", 4, .final, nil),                       // created, a rank needs a scope
    ]

    /// Rows of another indicator that make a batch large enough for the importer's own writes
    /// (smaller ones go through `record`): new the first time, half of them changed the second.
    static func padding(_ count: Int, changed: Bool) -> [Change] {
        let districts = ["330102", "330105", "330106", "330108", "330109", "330110", "330111", "330112", "330113", "330114"]
        return (0..<count).map { i in
            ("incubators_new", districts[i % 10], "\(2000 + i / 10)", Double(changed && i % 2 == 1 ? i + 1 : i), .final,
             i % 3 == 0 ? "padding \(i)" : nil)
        }
    }

    @Test(arguments: [0, 100])
    func importLeavesWhatRecordingOneByOneLeaves(padding: Int) throws {
        // given: two databases, one written change by change, the other by batches
        let one = try TestDatabase(), bulk = try TestDatabase()
        let byRecord = try one.seeded(), byImport = try bulk.seeded()
        let first = Self.first + Self.padding(padding, changed: false)
        let second = Self.second + Self.padding(padding, changed: true)
        for batch in [first, second] {
            // when
            for change in try Self.sorted(batch, byRecord) {
                try byRecord.record(try Self.change(change), source: .user(token: "alice"), requestID: "r-1")
            }
            _ = try byImport.importObservations(try Self.batch(batch, byImport), source: .user(token: "alice"), requestID: "r-1",
                                                dryRun: false) { _, summary in summary }
        }
        // then: the same current values, histories and audit trails
        for change in first + second {
            let key = try Self.change(change).key
            let imported = try byImport.observation(key)
            #expect(imported == (try byRecord.observation(key)).map { Self.withTime($0, of: imported) })
            #expect(try byImport.revisions(of: key).map(Self.strip) == byRecord.revisions(of: key).map(Self.strip))
        }
        let auditByRecord = try byRecord.audit(since: nil, token: nil, beforeID: nil, limit: 1000)
        let auditByImport = try byImport.audit(since: nil, token: nil, beforeID: nil, limit: 1000)
        #expect(auditByImport.map(Self.strip) == auditByRecord.map(Self.strip))
        #expect(auditByImport.filter { $0.action.hasPrefix("observation.") }.count == 9 + padding + padding / 2)
        #expect(try byImport.integrityCheck() == "ok")
        #expect(try byImport.foreignKeyViolations().isEmpty)
        #expect(try byImport.currentStateMismatches().isEmpty)
    }

    @Test func outcomesAndYearToDateWarningsFromTheBatchAndFromStoredValues() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        _ = try store.importObservations(try Self.batch(Self.first, store), source: .system("t"), requestID: nil, dryRun: false) { _, s in s }
        let summary = try store.importObservations(try Self.batch(Self.second, store), source: .system("t"), requestID: nil,
                                                   dryRun: false) { _, s in s }
        #expect(summary.created == 5 && summary.updated == 1 && summary.unchanged == 1)
        let warnings = summary.warnings.sorted { $0.position < $1.position }
        #expect(warnings.map(\.period) == [.quarter(year: 2022, quarter: 2), .quarter(year: 2022, quarter: 2)])
        // Positions are the rows' indexes in `second`.
        #expect(warnings.map(\.position) == [3, 4])
        #expect(warnings.map(\.previousValue) == [100, 50])
    }

    @Test func aDryRunWritesNothing() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        let summary = try store.importObservations(try Self.batch(Self.first, store), source: .system("t"), requestID: nil,
                                                   dryRun: true) { _, s in s }
        #expect(summary.created == 3)
        for change in Self.first { #expect(try store.observation(try Self.change(change).key) == nil) }
        #expect(try store.audit(since: nil, token: nil, beforeID: nil, limit: 10).filter { $0.action.hasPrefix("observation.") }.isEmpty)
    }

    @Test func aCodeTheDatabaseLacksIsRefusedAndTheConstraintsComeBackOn() throws {
        // given: a catalogue snapshot naming a region that is then removed behind the store's back
        let db = try TestDatabase()
        let store = try db.seeded()
        _ = try store.upsertRegion(Region(code: "330199", nameZh: "新区", nameEn: "New", level: .zone, parent: "330112"), by: nil)
        let catalogue = try store.catalogue()
        let region = try #require(catalogue.observationCodes.regionNumbers["330199"])
        let linan = try #require(catalogue.observationCodes.regionNumbers["330112"])
        let indicator = try #require(catalogue.observationCodes.indicatorNumbers["rd_expenditure"])
        func batch(rows: Int) -> ObservationBatch {
            var batch = ObservationBatch(catalogue: catalogue)
            for i in 0..<rows - 1 {
                batch.append(indicator: indicator, region: linan, period: .year(1950 + i), kind: .actual, scope: nil, value: 1,
                             status: .final, bound: nil, note: nil, position: i)
            }
            batch.append(indicator: indicator, region: region, period: .year(2021), kind: .actual, scope: nil, value: 1,
                         status: .final, bound: nil, note: nil, position: rows)
            return batch
        }
        try db.deleteRegion("330199")
        // when / then: a batch large enough to write with the foreign keys off checks what they would have
        #expect {
            try store.importObservations(batch(rows: 100), source: .system("t"), requestID: nil, dryRun: false) { _, s in s }
        } throws: { error in
            guard case StorageError.unknownRegion("330199") = error else { return false }
            return true
        }
        // and a small one, written with them on, is refused by them
        #expect(throws: StorageError.self) {
            try store.importObservations(batch(rows: 2), source: .system("t"), requestID: nil, dryRun: false) { _, s in s }
        }
        #expect(try store.observation(ObservationKey(indicator: "rd_expenditure", region: "330112", period: .year(1950))) == nil)
        // and the writer has its foreign keys back: a write no catalogue check stops fails in SQLite
        #expect(throws: StorageError.self) {
            try store.write { tx in
                try tx.record(ObservationChange(key: ObservationKey(indicator: "rd_expenditure", region: "000000", period: .year(2021)),
                                                value: 1), source: .system("t"), catalogueChecked: true)
            }
        }
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.foreignKeyViolations().isEmpty)
        #expect(try store.currentStateMismatches().isEmpty)
    }

    @Test func aLargeImportRebuildsTheIndexesItDroppedAsTheyWere() throws {
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
        // when: a dry run, then the real import, then one into the table it filled
        _ = try store.importObservations(batch, source: .system("t"), requestID: nil, dryRun: true) { _, s in s }
        #expect(try db.indexes() == before)
        let created = try store.importObservations(batch, source: .system("t"), requestID: nil, dryRun: false) { _, s in s }
        let again = try store.importObservations(batch, source: .system("t"), requestID: nil, dryRun: false) { _, s in s }
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

    static func change(_ c: Change) throws -> ObservationChange {
        guard let period = Period(c.period) else { throw StorageError.invalid("period \(c.period)") }
        let scope: RankScope? = c.indicator.hasSuffix("_rank") ? .city : nil
        return ObservationChange(key: ObservationKey(indicator: c.indicator, region: c.region, period: period, scope: scope),
                                 value: c.value, status: c.status, note: c.note)
    }

    static func batch(_ changes: [Change], _ store: Store) throws -> ObservationBatch {
        let catalogue = try store.catalogue()
        var batch = ObservationBatch(catalogue: catalogue)
        for (position, c) in changes.enumerated() {
            let change = try change(c)
            guard let indicator = catalogue.observationCodes.indicatorNumbers[c.indicator],
                  let region = catalogue.observationCodes.regionNumbers[c.region]
            else { throw StorageError.invalid("codes") }
            batch.append(indicator: indicator, region: region, period: change.key.period, kind: .actual, scope: change.key.scope,
                         value: c.value, status: c.status, bound: nil, note: c.note, position: position)
        }
        return batch
    }

    /// The changes in the order an import writes them, so that both databases number alike.
    static func sorted(_ changes: [Change], _ store: Store) throws -> [Change] {
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
