import Domain
import GRDB

/// Writes inside one transaction: everything done through it lands together or not at all.
public struct SQLiteTransaction {
    let db: Database
    /// The same connection through the C API: what the observation writer and the reads of the
    /// current state use.
    let connection: RawConnection

    /// An observation as it stands in this transaction, nil if there is none: read as every
    /// current-state read is (`ObservationSQL`), here on the writer's connection, which sees
    /// what the transaction wrote.
    public func observation(_ key: ObservationKey) throws -> StoredObservation? {
        try ObservationSQL.observation(key, asOf: nil, on: connection)
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

extension SQLiteTransaction: WriteTransaction {}
