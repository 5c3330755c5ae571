import Crypto
import Domain
import Foundation
import GRDB

extension NewDocument {
    /// What the store deduplicates documents by.
    public var sha256: String { Hex.string(SHA256.hash(data: Data(text.utf8))) }
}

extension Store {
    /// Stores a document once per text (deduplicated by SHA-256); returns its id and whether it is new.
    public func saveDocument(_ document: NewDocument) throws(StorageError) -> (id: Int64, created: Bool) {
        let hash = document.sha256
        return try storageErrors {
            try timedWrite { db in
                if let id = try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE sha256 = ?", arguments: [hash]) {
                    return (id, false)
                }
                try db.execute(sql: """
                    INSERT INTO documents (sha256, source, content_type, title, publisher, published_on, region, report_year,
                        text, loaded_at, loaded_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [hash, document.source, document.contentType, document.title, document.publisher,
                                     document.publishedOn, document.region, document.reportYear, document.text,
                                     Timestamp.now().microseconds, document.loadedBy])
                let id = db.lastInsertedRowID
                try StoreTransaction(db: db, connection: try writer(db)).audit(action: "document.load", entity: "document:\(id)", token: document.loadedBy,
                                                   detail: ["source": document.source, "sha256": hash])
                return (id, true)
            }
        }
    }
}
