import Domain
import Foundation
import GRDB

extension SQLiteStore {
    /// Stores a document, the facts found in it and the figures of phrases the catalogue lacks,
    /// in one transaction. A document whose text is already stored (same SHA-256) is not stored
    /// again and keeps the facts and reviews it has: loading a report twice changes nothing.
    public func saveDocument(_ document: NewDocument, facts: [Fact], unmapped: [UnmappedFact])
        throws(StorageError) -> (id: Int64, created: Bool, facts: [Fact], unmapped: [UnmappedFact]) {
        let hash = document.sha256
        return try storageErrors {
            try timedWrite { db in
                if let id = try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE sha256 = ?", arguments: [hash]) {
                    return (id, false, try Self.facts(db, document: id), try Self.unmappedFacts(db, document: id))
                }
                let now = Timestamp.now().microseconds
                try db.execute(sql: """
                    INSERT INTO documents (sha256, source, content_type, title, publisher, published_on, region, report_year,
                        text, loaded_at, loaded_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [hash, document.source, document.contentType, document.title, document.publisher,
                                     document.publishedOn, document.region, document.reportYear, document.text,
                                     now, document.loadedBy])
                let id = db.lastInsertedRowID
                let tx = SQLiteTransaction(db: db, connection: try writer(db))
                for (i, f) in facts.enumerated() { try tx.insertFact(f, document: id, seq: i + 1) }
                let insertUnmapped = try db.cachedStatement(sql: """
                    INSERT INTO unmapped_facts (document_id, seq, phrase, region, period, kind, value, unit, classifier, is_growth,
                        bound, approximate, confidence, reasons, quote, span_start, span_end)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for (i, u) in unmapped.enumerated() {
                    try insertUnmapped.execute(arguments: [id, i + 1, u.phrase, u.region, u.period?.description, u.kind.rawValue,
                                                           u.value, u.unit.rawValue, u.classifier, u.isGrowth, u.bound?.rawValue, u.approximate,
                                                           u.confidence, jsonArray(u.reasons), u.quote, u.start, u.end])
                }
                try tx.audit(action: "document.load", entity: "document:\(id)", token: document.loadedBy,
                             detail: ["source": document.source, "sha256": hash, "facts": "\(facts.count)",
                                      "unmapped": "\(unmapped.count)"])
                return (id, true, try Self.facts(db, document: id), try Self.unmappedFacts(db, document: id))
            }
        }
    }

    /// Documents newest first, without their text.
    public func documents(limit: Int, offset: Int) throws(StorageError) -> [StoredDocument] {
        try storageErrors {
            try timedRead { db in
                try Row.fetchAll(db, sql: """
                    SELECT id, sha256, source, content_type, title, publisher, published_on, region, report_year, loaded_at,
                        loaded_by, '' AS text FROM documents ORDER BY id DESC LIMIT ? OFFSET ?
                    """, arguments: [limit, offset]).map { try Self.document($0, db) }
            }
        }
    }

    /// One document with its text, or nil.
    public func document(id: Int64) throws(StorageError) -> StoredDocument? {
        try storageErrors {
            try timedRead { db in
                try Row.fetchOne(db, sql: """
                    SELECT id, sha256, source, content_type, title, publisher, published_on, region, report_year, loaded_at,
                        loaded_by, text FROM documents WHERE id = ?
                    """, arguments: [id]).map { try Self.document($0, db) }
            }
        }
    }

    /// The facts of a document in text order; nil when there is no such document.
    public func facts(document id: Int64) throws(StorageError) -> [Fact]? {
        try storageErrors {
            try timedRead { db in
                guard try Int.fetchOne(db, sql: "SELECT 1 FROM documents WHERE id = ?", arguments: [id]) != nil else { return nil }
                return try Self.facts(db, document: id)
            }
        }
    }

    static func facts(_ db: Database, document id: Int64) throws -> [Fact] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM facts WHERE document_id = ? ORDER BY seq"), arguments: [id])
            .map(fact)
    }

    static func fact(_ row: Row) throws -> Fact {
        let periodText: String? = row["period"]
        let period = periodText.flatMap(Period.init)
        guard period != nil || periodText == nil,
              let kind = ObservationKind(rawValue: row["kind"]),
              let status = ObservationStatus(rawValue: row["status"]),
              let unit = IndicatorUnit(rawValue: row["unit"]),
              let review = Fact.Review(rawValue: row["review"])
        else { throw StorageError.invalid("fact \(row["id"] as Int64? ?? 0) has an unreadable period, kind, status, unit or review") }
        var fact = Fact(
            indicator: row["indicator"], scope: (row["scope"] as String?).flatMap(RankScope.init(rawValue:)),
            region: row["region"], period: period, kind: kind, value: row["value"], unit: unit,
            bound: (row["bound"] as String?).flatMap(Bound.init(rawValue:)), status: status,
            approximate: row["approximate"], confidence: row["confidence"], reasons: stringArray((row["reasons"] as String?) ?? "[]"),
            note: row["note"], quote: row["quote"], start: row["span_start"], end: row["span_end"])
        fact.seq = row["seq"]
        fact.review = review
        fact.reviewedBy = row["reviewed_by"]
        fact.reviewedAt = (row["reviewed_at"] as Int64?).map(Timestamp.init(microseconds:))
        fact.revisionID = row["revision_id"]
        return fact
    }

    private static func document(_ row: Row, _ db: Database) throws -> StoredDocument {
        let id: Int64 = row["id"]
        var counts: [Fact.Review: Int] = [:]
        for count in try Row.fetchAll(db.cachedStatement(sql: "SELECT review, COUNT(*) AS n FROM facts WHERE document_id = ? GROUP BY review"),
                                      arguments: [id]) {
            if let review = Fact.Review(rawValue: count["review"]) { counts[review] = count["n"] }
        }
        var unmappedCounts: [UnmappedFact.Review: Int] = [:]
        for count in try Row.fetchAll(db.cachedStatement(sql: "SELECT review, COUNT(*) AS n FROM unmapped_facts WHERE document_id = ? GROUP BY review"),
                                      arguments: [id]) {
            if let review = UnmappedFact.Review(rawValue: count["review"]) { unmappedCounts[review] = count["n"] }
        }
        return StoredDocument(id: id, sha256: row["sha256"], source: row["source"], contentType: row["content_type"],
                              title: row["title"], publisher: row["publisher"], publishedOn: row["published_on"],
                              region: row["region"], reportYear: row["report_year"],
                              loadedAt: Timestamp(microseconds: row["loaded_at"]), loadedBy: row["loaded_by"],
                              text: row["text"], reviewCounts: counts, unmappedCounts: unmappedCounts)
    }
}
