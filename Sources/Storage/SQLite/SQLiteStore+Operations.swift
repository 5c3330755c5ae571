import Foundation
import GRDB

extension SQLiteStore {
    /// Proves the database accepts writes: takes the writer, writes a row and rolls it back, so
    /// nothing reaches the file. Fails with the SQLite error on a read-only file or connection
    /// (`SQLITE_READONLY`) or when the writer cannot be had within the busy timeout. It does not
    /// detect a full disk, which only shows at commit.
    public func probeWritable() throws(StorageError) {
        try storageErrors {
            try timedWriteWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "INSERT OR REPLACE INTO readiness_probe (id, checked_at) VALUES (1, ?)",
                                   arguments: [Date().timeIntervalSince1970.description])
                    return .rollback
                }
            }
        }
    }

    /// An online, consistent copy of the database at `destination` (`VACUUM INTO`): it reads one
    /// snapshot, so writers carry on meanwhile and the copy holds every transaction committed
    /// before it began. Refuses to overwrite an existing file.
    public func backup(to destination: String) throws(StorageError) {
        if FileManager.default.fileExists(atPath: destination) {
            throw .conflict("\(destination) exists; a backup never overwrites a file")
        }
        try storageErrors {
            // VACUUM cannot run inside a transaction; it only reads this database.
            try timedWriteWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [destination])
            }
        }
    }

    /// Totals for `/metrics`, counted from the database so that they survive restarts and include
    /// what other processes (`zhibiao load`, imports) wrote.
    public func contentTotals() throws(StorageError) -> (documents: Int, facts: Int, revisions: Int) {
        try storageErrors {
            try timedRead { db in
                let documents = try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0
                let facts = try Int.fetchOne(db, sql: "SELECT count(*) FROM facts") ?? 0
                // Revisions are append-only with increasing ids: max(id) is their count without a scan.
                let revisions = try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM revisions") ?? 0
                return (documents, facts, revisions)
            }
        }
    }
}

extension SQLiteStore {
    /// `PRAGMA integrity_check` of another database file (a backup), opened read-only.
    public static func integrityCheck(ofFile path: String) throws(StorageError) -> String {
        try storageErrors {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            return try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
        }
    }
}
