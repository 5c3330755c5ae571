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
            _ = try Store.open(path: db.path, migrations: files)
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
        _ = try Store.open(path: db.path, migrations: files)
        #expect(throws: StorageError.self) { _ = try db.open() }
    }

    @Test func newMigrationsApplyInOrderAndAFailingOneLeavesNothing() throws {
        let db = try TestDatabase()
        var files = try MigrationFile.load(directory: TestDatabase.migrationsURL)
        _ = try Store.open(path: db.path, migrations: files)
        files.append(MigrationFile(version: 900, name: "extra", sql: "CREATE TABLE extra (x INTEGER);"))
        files.append(MigrationFile(version: 901, name: "broken", sql: "CREATE TABLE half (x INTEGER); CREATE TABLE nonsense ("))
        #expect(throws: StorageError.self) { _ = try Store.open(path: db.path, migrations: files) }
        let queue = try DatabaseQueue(path: db.path)
        let (extra, half, latest) = try queue.read { conn in
            (try conn.tableExists("extra"), try conn.tableExists("half"),
             try Int.fetchOne(conn, sql: "SELECT max(version) FROM schema_migrations"))
        }
        #expect(extra && !half && latest == 900)
    }

    @Test func badFileNamesAreRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "SELECT 1;".write(to: folder.appendingPathComponent("init.sql"), atomically: true, encoding: .utf8)
        #expect(throws: StorageError.self) { try MigrationFile.load(directory: folder) }
    }
}
