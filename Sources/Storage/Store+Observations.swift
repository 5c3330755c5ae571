import Domain
import GRDB

extension Store {
    /// Runs `body` in one write transaction: all its changes land together, or none.
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws(StorageError) -> T {
        try storageErrors { try timedWrite { db in try body(StoreTransaction(db: db)) } }
    }

    /// Records one change in its own transaction.
    @discardableResult
    public func record(_ change: ObservationChange, source: RevisionSource,
                       requestID: String? = nil) throws(StorageError) -> (outcome: WriteOutcome, observation: StoredObservation) {
        try write { try $0.record(change, source: source, requestID: requestID) }
    }

    /// One observation as it stands now, or as it stood at `asOf`; nil if it did not exist then.
    public func observation(_ key: ObservationKey, asOf: Timestamp? = nil) throws(StorageError) -> StoredObservation? {
        try storageErrors {
            try timedRead { db in
                guard let id = try Int64.fetchOne(db.cachedStatement(sql: """
                    SELECT id FROM observations
                    WHERE indicator = ? AND region = ? AND kind = ? AND scope = ? AND period_key = ?
                    """), arguments: [key.indicator, key.region, key.kind.rawValue, key.scope?.rawValue ?? "",
                                      key.period.sortKey])
                else { return nil }
                let row: Row?
                if let asOf {
                    row = try Row.fetchOne(db.cachedStatement(sql: ObservationReader.asOfByID), arguments: [asOf.microseconds, id])
                } else {
                    row = try Row.fetchOne(db.cachedStatement(sql: ObservationReader.currentByID), arguments: [id])
                }
                return row.flatMap { ObservationReader.observation($0, key: key) }
            }
        }
    }

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
