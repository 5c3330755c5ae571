import Domain
import GRDB

extension SQLiteTransaction {
    /// Inserts one fact of a document as proposed.
    func insertFact(_ f: Fact, document id: Int64, seq: Int) throws {
        try db.cachedStatement(sql: """
            INSERT INTO facts (document_id, seq, indicator, scope, region, period, kind, value, unit, bound, status,
                approximate, confidence, reasons, note, quote, span_start, span_end)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id, seq, f.indicator, f.scope?.rawValue ?? "", f.region, f.period?.description,
                                     f.kind.rawValue, f.value, f.unit.rawValue, f.bound?.rawValue, f.status.rawValue, f.approximate,
                                     f.confidence, jsonArray(f.reasons), f.note, f.quote, f.start, f.end])
    }

    /// A document's fact by its number, or `notFound` naming what is missing.
    public func fact(document id: Int64, seq: Int) throws -> Fact {
        guard try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM documents WHERE id = ?"), arguments: [id]) != nil else {
            throw StorageError.notFound("document \(id)")
        }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM facts WHERE document_id = ? AND seq = ?"),
                                         arguments: [id, seq])
        else { throw StorageError.notFound("fact \(seq) of document \(id)") }
        return try SQLiteStore.fact(row)
    }

    /// Accepts a fact: records its value as a revision of its observation whose source is the
    /// document span, so every read shows where the number came from. The observation's earlier
    /// value stays in its history. Accepting an accepted fact again writes nothing.
    ///
    /// `region` and `period` are the reviewer's: they fill what the report did not say, or
    /// correct what it was read to say, and are kept with the fact and in the audit entry. A
    /// fact whose region or period is still unknown is refused with `invalidField` naming it.
    public func acceptFact(document id: Int64, seq: Int, by token: String?, requestID: String? = nil,
                           region: String? = nil, period: Period? = nil) throws -> FactReviewOutcome {
        var fact = try self.fact(document: id, seq: seq)
        if fact.review == .accepted { return FactReviewOutcome(outcome: .unchanged, fact: fact) }
        var detail: [String: String] = [:]
        if let region, region != fact.region {
            try requireRegion(region)
            detail["region"] = region
            detail["region_before"] = fact.region ?? ""
            fact.region = region
        }
        if let period, period != fact.period {
            try requirePeriod(period, of: fact.indicator)
            detail["period"] = period.description
            detail["period_before"] = fact.period?.description ?? ""
            fact.period = period
        }
        guard let key = fact.observationKey else {
            let field = fact.missing.first ?? "region"
            throw StorageError.invalidField(field: field, reason: "fact \(seq) of document \(id) has no \(field): supply it to accept the fact")
        }
        let change = ObservationChange(key: key, value: fact.value, status: fact.status, bound: fact.bound,
                                       note: "document \(id), fact \(seq): \(fact.quote)")
        let result = try record(change, source: .document(id: id, start: fact.start, end: fact.end), requestID: requestID)
        let now = Timestamp.now()
        try db.execute(sql: """
            UPDATE facts SET review = 'accepted', reviewed_by = ?, reviewed_at = ?, revision_id = ?, region = ?, period = ?
            WHERE document_id = ? AND seq = ?
            """, arguments: [token, now.microseconds, result.observation.revision, key.region, key.period.description, id, seq])
        detail["outcome"] = result.outcome.rawValue
        try audit(action: "fact.accept", entity: "document:\(id)/fact:\(seq)", token: token, detail: detail, requestID: requestID)
        fact.review = .accepted
        fact.reviewedBy = token
        fact.reviewedAt = now
        fact.revisionID = result.observation.revision
        return FactReviewOutcome(outcome: result.outcome, fact: fact)
    }

    /// Marks a fact rejected; it stays with the document. An accepted fact cannot be rejected:
    /// its value is in an observation already, which is withdrawn or corrected there instead.
    public func rejectFact(document id: Int64, seq: Int, by token: String?, requestID: String? = nil) throws -> Fact {
        var fact = try self.fact(document: id, seq: seq)
        switch fact.review {
        case .rejected:
            return fact
        case .accepted:
            throw StorageError.conflict("fact \(seq) of document \(id) is already accepted; withdraw or correct the observation instead")
        case .proposed:
            let now = Timestamp.now()
            try db.execute(sql: """
                UPDATE facts SET review = 'rejected', reviewed_by = ?, reviewed_at = ? WHERE document_id = ? AND seq = ?
                """, arguments: [token, now.microseconds, id, seq])
            try audit(action: "fact.reject", entity: "document:\(id)/fact:\(seq)", token: token, requestID: requestID)
            fact.review = .rejected
            fact.reviewedBy = token
            fact.reviewedAt = now
            return fact
        }
    }

    /// A region a reviewer names must be catalogued: `invalidField` (the reviewer's input), not
    /// `unknownRegion`, which reads as a missing resource.
    func requireRegion(_ code: String) throws {
        guard try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM regions WHERE code = ?"), arguments: [code]) != nil else {
            throw StorageError.invalidField(field: "region", reason: "'\(code)' is not a region in the catalogue")
        }
    }

    /// A period a reviewer names must be one the indicator is reported by, within the years an
    /// observation may have (as `ObservationValidator` checks for posted values).
    func requirePeriod(_ period: Period, of indicator: String) throws {
        let latest = (Int(Timestamp.now().rfc3339.prefix(4)) ?? Period.earliestYear) + 1
        guard (Period.earliestYear...latest).contains(period.year) else {
            throw StorageError.invalidField(field: "period", reason: "year \(period.year) is outside \(Period.earliestYear)–\(latest)")
        }
        let frequencies = try String.fetchOne(db.cachedStatement(sql: "SELECT frequencies FROM indicators WHERE code = ?"),
                                              arguments: [indicator]) ?? ""
        guard period.frequency == .year || frequencies.split(separator: ",").contains(Substring(period.frequency.rawValue)) else {
            throw StorageError.invalidField(field: "period", reason: "\(indicator) is not reported by \(period.frequency.rawValue)")
        }
    }
}
