import Domain
import Foundation
import GRDB

/// One audit log entry.
public struct AuditEntry: Sendable, Hashable {
    public var id: Int64
    public var at: Timestamp
    public var token: String?
    public var action: String
    public var entity: String
    /// The entry's details as stored (a JSON object).
    public var detailJSON: String
    public var requestID: String?
}

extension Store {
    /// Audit entries newest first, optionally since a time and for one token, after `beforeID`
    /// (keyset paging: pass the last id of the previous page).
    public func audit(since: Timestamp?, token: String?, beforeID: Int64?, limit: Int) throws(StorageError) -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let since { conditions.append("at >= ?"); arguments.append(since.microseconds) }
        if let token { conditions.append("token_name = ?"); arguments.append(token) }
        if let beforeID { conditions.append("id < ?"); arguments.append(beforeID) }
        arguments.append(limit)
        let sql = "SELECT * FROM audit_log \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY id DESC LIMIT ?"
        return try storageErrors {
            try timedRead { db in
                try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map {
                    AuditEntry(id: $0["id"], at: Timestamp(microseconds: $0["at"]), token: $0["token_name"], action: $0["action"],
                               entity: $0["entity"], detailJSON: $0["detail"], requestID: $0["request_id"])
                }
            }
        }
    }
}
