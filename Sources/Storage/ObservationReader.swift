import Domain
import GRDB

/// Row shapes and SQL shared by the observation reads.
enum ObservationReader {
    /// The revision's side of an observation row.
    static let revisionColumns = """
        r.id AS revision, r.value, r.status, r.bound, r.note, r.source_type, r.token_name, r.document_id, r.span_start,
        r.span_end, r.recorded_at
        """

    static let columns = "o.id, o.indicator, o.region, o.kind, o.scope, o.period, " + revisionColumns

    static let currentByID = "SELECT \(columns) FROM observations o JOIN revisions r ON r.id = o.revision_id WHERE o.id = ?"

    /// The revision in force at a time: the latest recorded at or before it.
    static let asOfByID = """
        SELECT \(columns) FROM observations o JOIN revisions r ON r.id = (
            SELECT id FROM revisions WHERE observation_id = o.id AND recorded_at <= ? ORDER BY recorded_at DESC, id DESC LIMIT 1)
        WHERE o.id = ?
        """

    static func observation(_ row: Row, key: ObservationKey? = nil) -> StoredObservation? {
        guard let status = ObservationStatus(rawValue: row["status"]) else { return nil }
        let resolvedKey: ObservationKey
        if let key {
            resolvedKey = key
        } else {
            guard let period = Period(row["period"] as String), let kind = ObservationKind(rawValue: row["kind"]) else { return nil }
            resolvedKey = ObservationKey(indicator: row["indicator"], region: row["region"], period: period, kind: kind,
                                         scope: RankScope(rawValue: row["scope"]))
        }
        return StoredObservation(
            id: row["id"], key: resolvedKey, value: row["value"], status: status,
            bound: (row["bound"] as String?).flatMap(Bound.init(rawValue:)), revision: row["revision"],
            updatedAt: Timestamp(microseconds: row["recorded_at"]),
            source: RevisionSource(type: row["source_type"], token: row["token_name"], document: row["document_id"],
                                   start: row["span_start"], end: row["span_end"]),
            note: row["note"])
    }
}
