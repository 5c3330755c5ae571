import CSQLite
import Domain
import Foundation
import GRDB
import Logging
import Metrics
import Synchronization

/// The SQLite database: one writer and concurrent readers (WAL), foreign keys on, a busy timeout,
/// and `synchronous=FULL` so that an acknowledged write survives a power loss.
///
/// Open it with `SQLiteStore.open`, which applies pending migrations. Everything it offers is
/// synchronous and thread-safe: call it from any thread.
public final class SQLiteStore: DataStore {
    public let path: String
    let pool: DatabasePool
    let migrations: [MigrationFile]
    /// Rebuilt on first use after any catalogue change.
    let catalogueCache = Mutex<CatalogueSnapshot?>(nil)
    /// `latestPeriods(kind:)`, with the data version it was read at.
    let latestPeriodsCache = Mutex<[ObservationKind: (version: Int64, periods: [String: Period])]>([:])
    /// Connections of our own for the hot read paths (see `observations(_:)`).
    let rawReaders: RawReaderPool
    /// GRDB's writer connection as the observation writer uses it (see `writer(_:)`).
    let writerConnection = Mutex<RawConnection?>(nil)
    /// Durations of write transactions (from asking for the writer to commit) and of reads.
    public let writeDurations = DurationHistogram()
    public let readDurations = DurationHistogram()

    public struct Options: Sendable {
        public var busyTimeout: TimeInterval = 5
        public var maximumReaders: Int = 8
        public var readOnly: Bool = false
        public init() {}
    }

    private init(path: String, pool: DatabasePool, migrations: [MigrationFile], options: Options) {
        self.path = path
        self.pool = pool
        self.migrations = migrations
        self.rawReaders = RawReaderPool(path: path, busyTimeoutMs: Int32(options.busyTimeout * 1000),
                                        limit: options.maximumReaders)
    }

    /// The writer's prepared statements go before GRDB closes its connection.
    deinit { writerConnection.withLock { $0 = nil } }

    /// SQLite's process-wide settings, applied once before the first connection opens. (false
    /// when something had already started SQLite: reads are then only slower.)
    private static let libraryConfigured: Bool = csqlite_disable_memory_statistics() == SQLITE_OK

    /// Opens (creating the file and its folder) and migrates the database.
    public static func open(path: String, migrations: [MigrationFile], options: Options = Options(),
                            logger: Logger = Logger(label: "zhibiao.storage")) throws(StorageError) -> SQLiteStore {
        _ = libraryConfigured
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create the database folder \(folder.path): \(error.localizedDescription)")
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(options.busyTimeout)
        config.maximumReaderCount = options.maximumReaders
        config.readonly = options.readOnly
        config.label = "zhibiao"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // The one writer gets a 64 MiB page cache so that a large import does not spill to
            // the WAL page by page; readers keep SQLite's default.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -65536") }
            // Reads map the file instead of copying each page through a read(2): on a database
            // of gigabytes that is most of a series query's cost. Address space, not memory.
            try db.execute(sql: "PRAGMA mmap_size = 4294967296")
        }
        let pool = try storageErrors { try DatabasePool(path: path, configuration: config) }
        let store = SQLiteStore(path: path, pool: pool, migrations: migrations, options: options)
        if !options.readOnly {
            let applied = try Migrator(files: migrations).migrate(pool)
            if !applied.isEmpty {
                logger.info("applied migrations", metadata: ["versions": "\(applied)", "database": "\(path)"])
            }
        }
        return store
    }

    /// The catalogue, cached between changes.
    public func catalogue() throws(StorageError) -> CatalogueSnapshot {
        if let cached = catalogueCache.withLock({ $0 }) { return cached }
        let snapshot = CatalogueSnapshot(indicators: try indicators(), regions: try regions())
        catalogueCache.withLock { $0 = snapshot }
        return snapshot
    }

    func invalidateCatalogue() { catalogueCache.withLock { $0 = nil } }

    /// Whether every known migration is applied unchanged.
    public func migrationsAreCurrent() throws(StorageError) -> Bool {
        let migrator = Migrator(files: migrations)
        return try storageErrors { try timedRead { db in try migrator.isCurrent(db) } }
    }

    /// The journal mode in force (expected: `wal`).
    public func journalMode() throws(StorageError) -> String {
        try storageErrors { try timedRead { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" } }
    }

    /// Ids of observations whose `CurrentState` differs from the revision `revision_id` names:
    /// empty when every write went through the writer.
    public func currentStateMismatches() throws(StorageError) -> [Int64] {
        try storageErrors { try timedRead { db in try Int64.fetchAll(db, sql: CurrentState.mismatchesSQL) } }
    }

    /// Runs `PRAGMA integrity_check`; "ok" when the file is sound.
    public func integrityCheck() throws(StorageError) -> String {
        try storageErrors {
            try timedRead { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
        }
    }

    /// Runs `PRAGMA foreign_key_check`: one line per row whose reference points nowhere (table,
    /// rowid, referenced table); empty when every foreign key holds.
    public func foreignKeyViolations() throws(StorageError) -> [String] {
        try storageErrors {
            try timedRead { db in
                try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
                    "\(row[0] as String? ?? "") row \(row[1] as Int64? ?? 0) → \(row[2] as String? ?? "")"
                }
            }
        }
    }
}
