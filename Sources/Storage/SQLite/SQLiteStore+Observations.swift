import Domain
import GRDB

extension SQLiteStore {
    /// Every revision of an observation, oldest first.
    public func revisions(of key: ObservationKey) throws(StorageError) -> [Revision] {
        try storageErrors {
            try timedRead { db in
                try Row.fetchAll(db, sql: """
                    SELECT r.* FROM revisions r JOIN observations o ON o.id = r.observation_id
                    WHERE o.indicator = ? AND o.region = ? AND o.kind = ? AND o.scope = ? AND o.period_key = ?
                    ORDER BY r.recorded_at, r.id
                    """, arguments: [key.indicator, key.region, key.kind.rawValue, key.scope?.rawValue ?? "",
                                     key.period.sortKey]).compactMap { row in
                    guard let status = ObservationStatus(rawValue: row["status"]) else { return nil }
                    return Revision(
                        id: row["id"], value: row["value"], status: status,
                        bound: (row["bound"] as String?).flatMap(Bound.init(rawValue:)), note: row["note"],
                        source: RevisionSource(type: row["source_type"], token: row["token_name"],
                                               document: row["document_id"], start: row["span_start"], end: row["span_end"]),
                        recordedAt: Timestamp(microseconds: row["recorded_at"]))
                }
            }
        }
    }
}
