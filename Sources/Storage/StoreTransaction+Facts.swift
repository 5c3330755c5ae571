import Domain
import GRDB

extension StoreTransaction {
    /// A document's fact by its number, or `notFound` naming what is missing.
    public func fact(document id: Int64, seq: Int) throws -> DocumentFact {
        guard try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM documents WHERE id = ?"), arguments: [id]) != nil else {
            throw StorageError.notFound("document \(id)")
        }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM facts WHERE document_id = ? AND seq = ?"),
                                         arguments: [id, seq])
        else { throw StorageError.notFound("fact \(seq) of document \(id)") }
        return try Store.fact(row)
    }

    /// Accepts a fact: records its value as a revision of its observation whose source is the
    /// document span, so every read shows where the number came from. The observation's earlier
    /// value stays in its history. Accepting an accepted fact again writes nothing.
    public func acceptFact(document id: Int64, seq: Int, by token: String?, requestID: String? = nil) throws -> FactReviewOutcome {
        var fact = try self.fact(document: id, seq: seq)
        if fact.review == .accepted { return FactReviewOutcome(outcome: .unchanged, fact: fact) }
        let change = ObservationChange(key: fact.observationKey, value: fact.value, status: fact.status, bound: fact.bound,
                                       note: "document \(id), fact \(seq): \(fact.quote)")
        let result = try record(change, source: .document(id: id, start: fact.start, end: fact.end), requestID: requestID)
        let now = Timestamp.now()
        try db.execute(sql: """
            UPDATE facts SET review = 'accepted', reviewed_by = ?, reviewed_at = ?, revision_id = ? WHERE document_id = ? AND seq = ?
            """, arguments: [token, now.microseconds, result.observation.revision, id, seq])
        try audit(action: "fact.accept", entity: "document:\(id)/fact:\(seq)", token: token,
                  detail: ["outcome": result.outcome.rawValue], requestID: requestID)
        fact.review = .accepted
        fact.reviewedBy = token
        fact.reviewedAt = now
        fact.revisionID = result.observation.revision
        return FactReviewOutcome(outcome: result.outcome, fact: fact)
    }

    /// Marks a fact rejected; it stays with the document. An accepted fact cannot be rejected:
    /// its value is in an observation already, which is withdrawn or corrected there instead.
    public func rejectFact(document id: Int64, seq: Int, by token: String?, requestID: String? = nil) throws -> DocumentFact {
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
}
