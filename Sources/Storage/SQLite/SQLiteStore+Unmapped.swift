import Domain
import GRDB

extension SQLiteStore {
    /// Maps an unmapped figure in its own transaction (see `SQLiteTransaction.mapUnmapped`), then
    /// drops the cached catalogue so that the next `catalogue()`, and every extractor built from
    /// it, has the new alias.
    public func mapUnmapped(document id: Int64, seq: Int, to code: String, as mapping: UnmappedFact.Mapping?,
                            by token: String?, requestID: String?) throws(StorageError) -> UnmappedMappingOutcome {
        let outcome = try transaction { try $0.mapUnmapped(document: id, seq: seq, to: code, as: mapping, by: token, requestID: requestID) }
        if outcome.aliasAdded { invalidateCatalogue() }
        return outcome
    }

    /// Creates an indicator (admin) from an unmapped figure, its phrase as the first alias, and
    /// maps the figure to it, in one transaction: both land or neither.
    public func createIndicator(_ indicator: Indicator, fromUnmapped seq: Int, document id: Int64, by token: String?,
                                requestID: String? = nil) throws(StorageError) -> UnmappedMappingOutcome {
        let outcome = try transaction { tx in
            let unmapped = try tx.unmappedFact(document: id, seq: seq)
            guard unmapped.review == .proposed else {
                throw StorageError.conflict("unmapped fact \(seq) of document \(id) is \(unmapped.review.rawValue) already")
            }
            try tx.createIndicator(indicator, by: token, requestID: requestID)
            return try tx.mapUnmapped(document: id, seq: seq, to: indicator.code, by: token, requestID: requestID)
        }
        invalidateCatalogue()
        return outcome
    }

    /// The figures of a document whose phrase the catalogue lacked, in text order; nil when there
    /// is no such document.
    public func unmappedFacts(document id: Int64) throws(StorageError) -> [UnmappedFact]? {
        try storageErrors {
            try timedRead { db in
                guard try Int.fetchOne(db, sql: "SELECT 1 FROM documents WHERE id = ?", arguments: [id]) != nil else { return nil }
                return try Self.unmappedFacts(db, document: id)
            }
        }
    }

    static func unmappedFacts(_ db: Database, document id: Int64) throws -> [UnmappedFact] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM unmapped_facts WHERE document_id = ? ORDER BY seq"), arguments: [id])
            .map(unmappedFact)
    }

    static func unmappedFact(_ row: Row) throws -> UnmappedFact {
        let periodText: String? = row["period"]
        let period = periodText.flatMap(Period.init)
        guard period != nil || periodText == nil,
              let kind = ObservationKind(rawValue: row["kind"]),
              let unit = IndicatorUnit(rawValue: row["unit"]),
              let review = UnmappedFact.Review(rawValue: row["review"])
        else { throw StorageError.invalid("unmapped fact \(row["id"] as Int64? ?? 0) has an unreadable period, kind, unit or review") }
        var fact = UnmappedFact(
            phrase: row["phrase"], region: row["region"], period: period, kind: kind, value: row["value"], unit: unit,
            classifier: row["classifier"], isGrowth: row["is_growth"], bound: (row["bound"] as String?).flatMap(Bound.init(rawValue:)),
            approximate: row["approximate"], confidence: row["confidence"], reasons: stringArray((row["reasons"] as String?) ?? "[]"),
            quote: row["quote"], start: row["span_start"], end: row["span_end"])
        fact.seq = row["seq"]
        fact.review = review
        fact.reviewedBy = row["reviewed_by"]
        fact.reviewedAt = (row["reviewed_at"] as Int64?).map(Timestamp.init(microseconds:))
        fact.mappedIndicator = row["indicator"]
        fact.factSeq = row["fact_seq"]
        return fact
    }
}
