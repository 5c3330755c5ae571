import GRDB

/// What the store refuses or cannot do. Database failures keep SQLite's facts.
public enum StorageError: Error, CustomStringConvertible, Sendable {
    /// A migration file that was applied before has changed since: the schema can no longer be trusted.
    case migrationChanged(version: Int, name: String, recorded: String, found: String)
    /// The database has a migration this build does not know: it was made by a newer version.
    case migrationUnknown(version: Int, name: String)
    case badMigrationFile(name: String, reason: String)
    case migrationFailed(name: String, reason: String)
    case unknownIndicator(String)
    case unknownRegion(String)
    case notFound(String)
    case conflict(String)
    case invalid(String)
    /// A reviewer's or client's input names something that cannot be: the field and why.
    case invalidField(field: String, reason: String)
    /// If-Match named a revision that is no longer current.
    case staleRevision(current: Int64?)
    case database(DatabaseError)
    case io(String)

    public var description: String {
        switch self {
        case let .migrationChanged(version, name, recorded, found):
            return "migration \(version) (\(name)) was changed after it was applied: recorded sha256 \(recorded), file has \(found). Restore the file; schema changes go in a new numbered migration."
        case let .migrationUnknown(version, name):
            return "the database has migration \(version) (\(name)) that this build does not have: it was written by a newer version of zhibiao"
        case let .badMigrationFile(name, reason):
            return "migration file \(name): \(reason)"
        case let .migrationFailed(name, reason):
            return "migration \(name) failed: \(reason)"
        case .unknownIndicator(let code):
            return "unknown indicator '\(code)'"
        case .unknownRegion(let code):
            return "unknown region '\(code)'"
        case .notFound(let what):
            return "\(what) not found"
        case .conflict(let message), .invalid(let message):
            return message
        case let .invalidField(field, reason):
            return "\(field): \(reason)"
        case .staleRevision(let current):
            return "the observation has changed: its current revision is \(current.map(String.init) ?? "none")"
        case .database(let error):
            return "database error \(error.resultCode): \(error.message ?? "")"
        case .io(let message):
            return message
        }
    }
}

/// Runs a database body and turns GRDB's errors into `StorageError`, keeping ours as they are.
func storageErrors<T>(_ body: () throws -> T) throws(StorageError) -> T {
    do {
        return try body()
    } catch let error as StorageError {
        throw error
    } catch let error as DatabaseError {
        throw .database(error)
    } catch {
        throw .io(String(describing: error))
    }
}

extension StorageError {
    /// A failure reported by SQLite's C API directly (the raw read and import paths), in the
    /// same form as GRDB's.
    static func sqlite(code: Int32, message: String, sql: String?) -> StorageError {
        .database(DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql))
    }
}
