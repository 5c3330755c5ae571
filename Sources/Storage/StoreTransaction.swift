import Domain
import GRDB

/// Writes inside one transaction: everything done through it lands together or not at all.
public struct StoreTransaction {
    let db: Database

    /// Records a change as a new revision of its observation (creating the observation if
    /// needed); the revision, with the request and what it did, is the change's audit entry.
    /// Nothing is overwritten: the previous value stays in the history. Returns `unchanged`
    /// without writing when value, status and bound are the same.
    ///
    /// - `expectedRevision`: the caller's If-Match; `.some(nil)` demands that the observation not
    ///   exist yet, `.some(id)` that `id` be its current revision. A mismatch throws `staleRevision`.
    /// - `catalogueChecked`: the caller has already checked the codes against the catalogue
    ///   (a bulk import does that in memory); the foreign keys still hold underneath.
    @discardableResult
    public func record(_ change: ObservationChange, source: RevisionSource, requestID: String? = nil,
                       expectedRevision: Int64?? = nil, catalogueChecked: Bool = false,
                       at time: Timestamp = .now()) throws -> (outcome: WriteOutcome, observation: StoredObservation) {
        let key = change.key
        if !catalogueChecked {
            try requireExists("indicators", key.indicator, StorageError.unknownIndicator(key.indicator))
            try requireExists("regions", key.region, StorageError.unknownRegion(key.region))
        }
        let existing = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT o.id, o.revision_id, \(ObservationReader.revisionColumns) FROM observations o
            LEFT JOIN revisions r ON r.id = o.revision_id
            WHERE o.indicator = ? AND o.region = ? AND o.kind = ? AND o.scope = ? AND o.period_key = ?
            """), arguments: [key.indicator, key.region, key.kind.rawValue, key.scope?.rawValue ?? "", key.period.sortKey])
        if let expectedRevision {
            let current = existing?["revision_id"] as Int64?
            guard current == expectedRevision else { throw StorageError.staleRevision(current: current) }
        }
        let observationID: Int64
        var recordedAt = time.microseconds
        let outcome: WriteOutcome
        if let existing {
            observationID = existing["id"]
            if existing["value"] as Double? == change.value, existing["status"] as String? == change.status.rawValue,
               existing["bound"] as String? == change.bound?.rawValue,
               let unchanged = ObservationReader.observation(existing, key: key) {
                return (.unchanged, unchanged)
            }
            // Revisions of one observation must be in time order for "as of" reads, even if
            // the clock stepped back.
            if let last = existing["recorded_at"] as Int64?, recordedAt <= last { recordedAt = last + 1 }
            outcome = .updated
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO observations (indicator, region, kind, scope, period, period_key, frequency, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [key.indicator, key.region, key.kind.rawValue, key.scope?.rawValue ?? "",
                                         key.period.description, key.period.sortKey, key.period.frequency.rawValue, recordedAt])
            observationID = db.lastInsertedRowID
            outcome = .created
        }
        let s = source.columns
        let revisionID = try nextEntryID()
        try db.cachedStatement(sql: """
            INSERT INTO revisions (id, observation_id, value, status, bound, note, source_type, token_name, document_id,
                span_start, span_end, recorded_at, request_id, audit_action)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [revisionID, observationID, change.value, change.status.rawValue, change.bound?.rawValue,
                                     change.note, s.type, s.token, s.document, s.start, s.end, recordedAt, requestID,
                                     AuditAction(change.status, outcome).rawValue])
        // The observation's copy of its current revision (migration 0006), in the same transaction.
        try db.cachedStatement(sql: """
            UPDATE observations SET revision_id = ?, value = ?, status = ?, bound = ?, note = ?, source_type = ?,
                token_name = ?, document_id = ?, span_start = ?, span_end = ?, recorded_at = ?
            WHERE id = ?
            """).execute(arguments: [revisionID, change.value, change.status.rawValue, change.bound?.rawValue, change.note,
                                     s.type, s.token, s.document, s.start, s.end, recordedAt, observationID])
        let stored = StoredObservation(id: observationID, key: key, value: change.value, status: change.status, bound: change.bound,
                                       revision: revisionID, updatedAt: Timestamp(microseconds: recordedAt), source: source,
                                       note: change.note)
        return (outcome, stored)
    }

    /// An observation as it stands in this transaction, nil if there is none.
    public func observation(_ key: ObservationKey) throws -> StoredObservation? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT \(ObservationReader.columns) FROM observations o JOIN revisions r ON r.id = o.revision_id
            WHERE o.indicator = ? AND o.region = ? AND o.kind = ? AND o.scope = ? AND o.period_key = ?
            """), arguments: [key.indicator, key.region, key.kind.rawValue, key.scope?.rawValue ?? "", key.period.sortKey])
            .flatMap { ObservationReader.observation($0, key: key) }
    }

    /// Appends an entry to the audit log. (Observation changes are audited by their revisions.)
    public func audit(action: String, entity: String, token: String?, detail: [String: String] = [:],
                      requestID: String? = nil, at time: Timestamp = .now()) throws {
        try db.cachedStatement(sql: """
            INSERT INTO audit_log (id, at, token_name, action, entity, detail, request_id) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [try nextEntryID(), time.microseconds, token, action, entity, jsonObject(detail), requestID])
    }

    /// The id of the next revision or audit_log entry: both take theirs from one increasing
    /// sequence, so that the audit trail, which reads both, is in order by id (see migration 0005).
    func nextEntryID() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: Self.nextEntryIDSQL)) ?? 1
    }

    static let nextEntryIDSQL = """
        SELECT max(coalesce((SELECT max(id) FROM revisions), 0), coalesce((SELECT max(id) FROM audit_log), 0)) + 1
        """

    private func requireExists(_ table: String, _ code: String, _ error: StorageError) throws {
        let sql = table == "indicators" ? "SELECT 1 FROM indicators WHERE code = ?" : "SELECT 1 FROM regions WHERE code = ?"
        guard try Int.fetchOne(db.cachedStatement(sql: sql), arguments: [code]) != nil else { throw error }
    }
}

func jsonObject(_ pairs: [String: String]) -> String {
    "{" + pairs.sorted { $0.key < $1.key }.map { "\(jsonQuote($0.key)):\(jsonQuote($0.value))" }.joined(separator: ",") + "}"
}

/// A JSON string literal: the one escaper of the storage module (aliases, audit details, reasons).
func jsonQuote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out + "\""
}
