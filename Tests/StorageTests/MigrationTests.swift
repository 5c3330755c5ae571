import Config
import Domain
import Foundation
import GRDB
import Storage
import Testing

@Suite struct MigrationTests {
    @Test func appliesOnceAndIsIdempotent() throws {
        // given
        let db = try TestDatabase()
        let files = try MigrationFile.load(directory: TestDatabase.migrationsURL)
        #expect(files.first?.version == 1 && files.first?.name == "init")
        // when
        _ = try db.open()
        _ = try db.open()
        // then
        let queue = try DatabaseQueue(path: db.path)
        let rows = try queue.read { try Row.fetchAll($0, sql: "SELECT version, sha256 FROM schema_migrations") }
        #expect(rows.count == files.count)
        #expect(rows.first?["sha256"] as String? == files.first?.sha256)
        #expect(try db.open().migrationsAreCurrent())
    }

    @Test func usesWALWithForeignKeys() throws {
        let db = try TestDatabase()
        let store = try db.open()
        #expect(try store.journalMode() == "wal")
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func aChangedAppliedMigrationIsRefused() throws {
        // given a database migrated with the shipped files
        let db = try TestDatabase()
        _ = try db.open()
        var files = try MigrationFile.load(directory: TestDatabase.migrationsURL)
        // when the first file is edited afterwards
        files[0] = MigrationFile(version: files[0].version, name: files[0].name, sql: files[0].sql + "\n-- edited\n")
        // then opening stops with the file named
        do {
            _ = try SQLiteStore.open(path: db.path, migrations: files)
            Issue.record("a tampered migration was accepted")
        } catch {
            guard case let .migrationChanged(version, name, _, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(version == 1 && name == "init")
            #expect(error.description.contains("was changed after it was applied"))
        }
    }

    @Test func aMigrationFromANewerBuildIsRefused() throws {
        let db = try TestDatabase()
        var files = try MigrationFile.load(directory: TestDatabase.migrationsURL)
        files.append(MigrationFile(version: 999, name: "future", sql: "CREATE TABLE future (x INTEGER)"))
        _ = try SQLiteStore.open(path: db.path, migrations: files)
        #expect(throws: StorageError.self) { _ = try db.open() }
    }

    @Test func newMigrationsApplyInOrderAndAFailingOneLeavesNothing() throws {
        let db = try TestDatabase()
        var files = try MigrationFile.load(directory: TestDatabase.migrationsURL)
        _ = try SQLiteStore.open(path: db.path, migrations: files)
        files.append(MigrationFile(version: 900, name: "extra", sql: "CREATE TABLE extra (x INTEGER);"))
        files.append(MigrationFile(version: 901, name: "broken", sql: "CREATE TABLE half (x INTEGER); CREATE TABLE nonsense ("))
        #expect(throws: StorageError.self) { _ = try SQLiteStore.open(path: db.path, migrations: files) }
        let queue = try DatabaseQueue(path: db.path)
        let (extra, half, latest) = try queue.read { conn in
            (try conn.tableExists("extra"), try conn.tableExists("half"),
             try Int.fetchOne(conn, sql: "SELECT max(version) FROM schema_migrations"))
        }
        #expect(extra && !half && latest == 900)
    }

    @Test func currentRevisionCopyIsBackfilled() throws {
        // given a database at migration 5 with an observation of two revisions, as that schema wrote it
        let db = try TestDatabase()
        let files = try MigrationFile.load(directory: TestDatabase.migrationsURL)
        _ = try SQLiteStore.open(path: db.path, migrations: files.filter { $0.version <= 5 })
        let queue = try DatabaseQueue(path: db.path)
        try queue.write { conn in
            // The catalogue rows the observation needs, as that schema held them.
            try conn.execute(sql: """
                INSERT INTO regions (code, name_zh, name_en, level, parent, updated_at) VALUES
                    ('330000', '浙江省', 'Zhejiang', 'province', NULL, 1), ('330100', '杭州市', 'Hangzhou', 'city', '330000', 1),
                    ('330112', '临安区', 'Lin''an', 'district', '330100', 1);
                INSERT INTO indicators (code, name_zh, name_en, unit, category, aggregation, higher_is_better, description,
                                        frequencies, updated_at)
                VALUES ('rd_expenditure', 'R&D经费支出', 'R&D expenditure', 'yuan', 'rd', 'sum', 1, '', 'year', 1);
                """)
            try conn.execute(sql: """
                INSERT INTO observations (id, indicator, region, kind, scope, period, period_key, frequency, created_at)
                VALUES (1, 'rd_expenditure', '330112', 'actual', '', '2021', ?, 'year', 1);
                INSERT INTO revisions (id, observation_id, value, status, source_type, token_name, recorded_at)
                VALUES (10, 1, 5.5, 'provisional', 'user', 'alice', 100);
                INSERT INTO revisions (id, observation_id, value, status, bound, note, source_type, document_id, span_start,
                                       span_end, recorded_at)
                VALUES (11, 1, 6.25, 'final', 'min', 'checked', 'system', NULL, NULL, NULL, 200);
                UPDATE observations SET revision_id = 11 WHERE id = 1;
                """, arguments: [Period.year(2021).sortKey])
        }
        // when it is opened by this build
        let store = try db.open()
        // then the observation carries its current revision's fields, and reads show them
        #expect(try store.currentStateMismatches().isEmpty)
        let row = try queue.read { try Row.fetchOne($0, sql: "SELECT value, status, bound, note, token_name, recorded_at FROM observations") }
        #expect(row?["value"] as Double? == 6.25 && row?["status"] as String? == "final" && row?["bound"] as String? == "min")
        #expect(row?["note"] as String? == "checked" && row?["token_name"] as String? == nil && row?["recorded_at"] as Int64? == 200)
        let key = ObservationKey(indicator: "rd_expenditure", region: "330112", period: .year(2021))
        let page = try store.observations(ObservationQuery(indicators: ["rd_expenditure"], regions: ["330112"]))
        #expect(page.observations.map(\.value) == [6.25] && page.observations.first?.revision == 11)
        #expect(try store.observation(key, asOf: Timestamp(microseconds: 150))?.value == 5.5)
    }

    @Test func checkConstraintsWrittenAsComparisonsRefuseWhatTheyRefusedBefore() throws {
        // given a database at migration 10 with an observation and its revision
        let db = try TestDatabase()
        let files = try MigrationFile.load(directory: TestDatabase.migrationsURL)
        _ = try SQLiteStore.open(path: db.path, migrations: files.filter { $0.version <= 10 })
        let queue = try DatabaseQueue(path: db.path)
        try queue.write { conn in
            try conn.execute(sql: """
                INSERT INTO regions (code, name_zh, name_en, level, parent, updated_at) VALUES ('330000', '浙江省', 'Zhejiang', 'province', NULL, 1);
                INSERT INTO indicators (code, name_zh, name_en, unit, category, aggregation, higher_is_better, description,
                                        frequencies, updated_at)
                VALUES ('rd_expenditure', 'R&D经费支出', 'R&D expenditure', 'yuan', 'rd', 'sum', 1, '', 'year', 1);
                INSERT INTO observations (id, indicator, region, kind, scope, period, period_key, frequency, created_at)
                VALUES (1, 'rd_expenditure', '330000', 'actual', '', '2021', ?, 'year', 1);
                INSERT INTO revisions (id, observation_id, value, status, source_type, recorded_at) VALUES (1, 1, 5, 'final', 'user', 1);
                UPDATE observations SET revision_id = 1 WHERE id = 1;
                """, arguments: [Period.year(2021).sortKey])
        }
        // when this build opens it
        let store = try db.open()
        // then no IN list of three values or more is left in the two tables, the file is sound,
        // and a value outside each list is still refused while every value in it is taken
        let schema = try queue.read {
            try String.fetchAll($0, sql: "SELECT sql FROM sqlite_schema WHERE name IN ('observations', 'revisions')")
        }
        #expect(schema.count == 2 && schema.allSatisfy { !$0.contains("IN ('provisional'") && !$0.contains("IN ('user'")
            && !$0.contains("IN ('year'") })
        #expect(try store.integrityCheck() == "ok" && store.foreignKeyViolations().isEmpty)
        let refused: [String] = [
            "INSERT INTO revisions (observation_id, value, status, source_type, recorded_at) VALUES (1, 1, 'draft', 'user', 2)",
            "INSERT INTO revisions (observation_id, value, status, source_type, recorded_at) VALUES (1, 1, 'final', 'robot', 2)",
            "UPDATE observations SET frequency = 'week' WHERE id = 1",
        ]
        for sql in refused {
            #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: sql) } }
        }
        try queue.inTransaction { conn in
            try conn.execute(sql: """
                INSERT INTO documents (id, sha256, source, content_type, text, loaded_at) VALUES (1, 'h', 'r.txt', 'text/plain', '', 1)
                """)
            for status in ObservationStatus.allCases {
                for source in ["user", "document", "system"] {
                    try conn.execute(sql: """
                        INSERT INTO revisions (observation_id, value, status, source_type, document_id, span_start, span_end,
                                               recorded_at)
                        VALUES (1, ?, ?, ?, ?, 0, 0, 2)
                        """, arguments: [status == .withdrawn ? nil : 1.0, status.rawValue, source, source == "document" ? 1 : nil])
                }
            }
            for frequency in Frequency.allCases { try conn.execute(sql: "UPDATE observations SET frequency = ? WHERE id = 1",
                                                                   arguments: [frequency.rawValue]) }
            return .rollback
        }
    }

    @Test func factsSurviveTheRebuildThatMakesRegionAndPeriodOptional() throws {
        // given a database at migration 6 with a document, an accepted fact and a rejected one
        let db = try TestDatabase()
        let files = try MigrationFile.load(directory: TestDatabase.migrationsURL)
        _ = try SQLiteStore.open(path: db.path, migrations: files.filter { $0.version <= 6 })
        let saved = (id: Int64(1), created: true)
        let queue = try DatabaseQueue(path: db.path)
        try queue.write { conn in
            // The document as that schema held it: today's store would also read unmapped_facts (0007).
            try conn.execute(sql: """
                INSERT INTO documents (id, sha256, source, content_type, text, loaded_at) VALUES (1, 'x', 'a.txt', 'text/plain', ?, 0)
                """, arguments: ["R&D经费投入20.05亿元"])
            // The catalogue rows the facts point at, as that schema held them (today's seed writes later columns).
            try conn.execute(sql: """
                INSERT INTO regions (code, name_zh, name_en, level, parent, updated_at)
                VALUES ('330000', '浙江省', 'Zhejiang', 'province', NULL, 0), ('330100', '杭州市', 'Hangzhou', 'city', '330000', 0),
                       ('330112', '临安区', 'Lin''an', 'district', '330100', 0);
                INSERT INTO indicators (code, name_zh, name_en, unit, category, aggregation, higher_is_better, updated_at)
                VALUES ('rd_expenditure', 'R&D经费投入', 'R&D expenditure', 'yuan', 'rd_input', 'sum', 1, 0),
                       ('rd_intensity', 'R&D经费投入强度', 'R&D intensity', 'percent', 'rd_input', 'last', 1, 0);
                """)
            try conn.execute(sql: """
                INSERT INTO facts (id, document_id, seq, indicator, scope, region, period, kind, value, unit, status, confidence,
                                   quote, span_start, span_end, review, reviewed_by)
                VALUES (41, ?1, 1, 'rd_expenditure', '', '330112', '2021', 'actual', 2005000000, 'yuan', 'provisional', 0.9,
                        'R&D经费投入20.05亿元', 0, 15, 'accepted', 'alice'),
                       (42, ?1, 2, 'rd_intensity', '', '330112', '2021-Q3', 'actual', 3.34, 'percent', 'final', 0.5,
                        '3.34%', 15, 20, 'rejected', 'bob');
                """, arguments: [saved.id])
        }
        // when it is opened by this build
        let store = try db.open()
        // then every fact is there with its id, values and review, and nothing points nowhere
        let facts = try #require(try store.facts(document: saved.id))
        #expect(facts.map(\.seq) == [1, 2] && facts.map(\.review) == [.accepted, .rejected])
        #expect(facts[0].region == "330112" && facts[0].period == .year(2021) && facts[0].value == 2_005_000_000)
        #expect(facts[0].reviewedBy == "alice")
        #expect(facts[1].period == .quarter(year: 2021, quarter: 3) && facts[1].confidence == 0.5 && facts[1].reasons.isEmpty)
        let ids = try queue.read { try Int64.fetchAll($0, sql: "SELECT id FROM facts ORDER BY id") }
        #expect(ids == [41, 42])
        #expect(try store.foreignKeyViolations().isEmpty && store.integrityCheck() == "ok")
        // and a fact without region or period can now be stored, but not accepted as such
        try queue.write { conn in
            try conn.execute(sql: """
                INSERT INTO facts (document_id, seq, indicator, kind, value, unit, status, confidence, quote, span_start, span_end)
                VALUES (?, 3, 'rd_expenditure', 'actual', 1, 'yuan', 'provisional', 0.4, 'x', 0, 1)
                """, arguments: [saved.id])
            #expect(throws: DatabaseError.self) {
                try conn.execute(sql: "UPDATE facts SET review = 'accepted' WHERE seq = 3")
            }
        }
        #expect(try store.unmappedFacts(document: saved.id) == [])
    }

    @Test func badFileNamesAreRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "SELECT 1;".write(to: folder.appendingPathComponent("init.sql"), atomically: true, encoding: .utf8)
        #expect(throws: StorageError.self) { try MigrationFile.load(directory: folder) }
    }
}
