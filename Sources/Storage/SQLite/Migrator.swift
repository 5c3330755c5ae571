import Domain
import GRDB

/// Applies `MigrationFile`s in order, each in its own transaction, and records each with its
/// checksum in `schema_migrations`. Refuses to run on a database whose applied migrations were
/// edited afterwards or come from a newer build.
struct Migrator {
    let files: [MigrationFile]

    /// Returns the versions applied by this call (empty when the schema was current).
    func migrate(_ writer: some DatabaseWriter) throws(StorageError) -> [Int] {
        try storageErrors {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at INTEGER NOT NULL
                    ) STRICT
                    """)
                let applied = try Self.applied(db)
                try verify(applied)
                var done: [Int] = []
                for file in files where applied[file.version] == nil {
                    do {
                        try db.inTransaction {
                            try db.execute(sql: file.sql)
                            try db.execute(
                                sql: "INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)",
                                arguments: [file.version, file.name, file.sha256, Timestamp.now().microseconds])
                            return .commit
                        }
                    } catch let error as DatabaseError {
                        throw StorageError.migrationFailed(name: "\(file.version)_\(file.name)", reason: error.message ?? "\(error)")
                    }
                    done.append(file.version)
                }
                return done
            }
        }
    }

    /// Whether every file is applied with its recorded checksum (for readiness checks).
    func isCurrent(_ db: Database) throws -> Bool {
        guard try db.tableExists("schema_migrations") else { return files.isEmpty }
        let applied = try Self.applied(db)
        return files.allSatisfy { applied[$0.version]?.sha256 == $0.sha256 } && applied.count == files.count
    }

    private func verify(_ applied: [Int: (name: String, sha256: String)]) throws(StorageError) {
        for (version, record) in applied.sorted(by: { $0.key < $1.key }) {
            guard let file = files.first(where: { $0.version == version }) else {
                throw .migrationUnknown(version: version, name: record.name)
            }
            guard file.sha256 == record.sha256 else {
                throw .migrationChanged(version: version, name: file.name, recorded: record.sha256, found: file.sha256)
            }
        }
    }

    private static func applied(_ db: Database) throws -> [Int: (name: String, sha256: String)] {
        var out: [Int: (name: String, sha256: String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT version, name, sha256 FROM schema_migrations") {
            out[row["version"]] = (row["name"], row["sha256"])
        }
        return out
    }
}
