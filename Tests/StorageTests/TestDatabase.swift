import Config
import Foundation
import Storage

/// A fresh database file in its own temporary folder, removed when the value is dropped.
final class TestDatabase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let migrationsURL = repository.appendingPathComponent("Migrations")
    static let configURL = repository.appendingPathComponent("config")

    let folder: URL
    var path: String { folder.appendingPathComponent("zhibiao.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhibiao-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func open() throws -> SQLiteStore {
        try SQLiteStore.open(path: path, migrations: MigrationFile.load(directory: Self.migrationsURL))
    }

    /// Opened, migrated and seeded from the shipped catalogue.
    func seeded() throws -> SQLiteStore {
        let store = try open()
        let catalogue = try Catalogue.load(directory: Self.configURL)
        try store.seed(indicators: catalogue.indicators, regions: catalogue.regions)
        return store
    }
}
