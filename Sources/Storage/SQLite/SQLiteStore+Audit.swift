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

extension SQLiteStore {
    /// Audit entries newest first, optionally since a time and for one token, after `beforeID`
    /// (keyset paging: pass the last id of the previous page).
    ///
    /// Two sources, merged by id (one sequence numbers both, see migration 0005): `audit_log` for
    /// catalogue, token and document events and the observation changes of before 0005, and the
    /// revisions written since, each of which is the entry of the change it made. The filters of
    /// the revisions' side use no index: on a large history a `since` or `token` filter that
    /// matches few entries reads every revision written since 0005.
    public func audit(since: Timestamp?, token: String?, beforeID: Int64?, limit: Int) throws(StorageError) -> [AuditEntry] {
        var logConditions: [String] = []
        var revisionConditions = ["r.id >= (SELECT id FROM revision_audit_start)", "r.audit_action IS NOT NULL"]
        var arguments: [(any DatabaseValueConvertible)?] = []
        var revisionArguments: [(any DatabaseValueConvertible)?] = []
        if let since {
            logConditions.append("at >= ?"); arguments.append(since.microseconds)
            revisionConditions.append("r.recorded_at >= ?"); revisionArguments.append(since.microseconds)
        }
        if let token {
            logConditions.append("token_name = ?"); arguments.append(token)
            revisionConditions.append("coalesce(r.token_name, 'document:' || r.document_id) = ?"); revisionArguments.append(token)
        }
        if let beforeID {
            logConditions.append("id < ?"); arguments.append(beforeID)
            revisionConditions.append("r.id < ?"); revisionArguments.append(beforeID)
        }
        arguments += revisionArguments
        arguments.append(limit)
        let sql = """
            SELECT id, at, token_name, action, entity, detail, request_id,
                   NULL AS indicator, NULL AS region, NULL AS period, NULL AS kind, NULL AS value
            FROM audit_log \(logConditions.isEmpty ? "" : "WHERE " + logConditions.joined(separator: " AND "))
            UNION ALL
            SELECT r.id, r.recorded_at, coalesce(r.token_name, 'document:' || r.document_id), 'observation.' || r.audit_action,
                   'observation:' || r.observation_id, NULL, r.request_id, o.indicator, o.region, o.period, o.kind, r.value
            FROM revisions r JOIN observations o ON o.id = r.observation_id
            WHERE \(revisionConditions.joined(separator: " AND "))
            ORDER BY 1 DESC LIMIT ?
            """
        return try storageErrors {
            try timedRead { db in
                try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                    let detail: String
                    if let stored = row["detail"] as String? {
                        detail = stored
                    } else {
                        detail = Self.observationAuditDetail(revision: row["id"], indicator: row["indicator"], region: row["region"],
                                                             period: row["period"], kind: row["kind"], value: row["value"])
                    }
                    return AuditEntry(id: row["id"], at: Timestamp(microseconds: row["at"]), token: row["token_name"],
                                      action: row["action"], entity: row["entity"], detailJSON: detail, requestID: row["request_id"])
                }
            }
        }
    }

    /// The details of an observation change, as the audit log has always shown them.
    static func observationAuditDetail(revision: Int64, indicator: String, region: String, period: String, kind: String,
                                       value: Double?) -> String {
        var detail = "{\"revision\":\(revision),\"indicator\":" + jsonQuote(indicator) + ",\"region\":" + jsonQuote(region)
        detail += ",\"period\":" + jsonQuote(period) + ",\"kind\":" + jsonQuote(kind) + ",\"value\":"
        detail += value.map { $0.isFinite ? String($0) : "null" } ?? "null"
        return detail + "}"
    }
}
