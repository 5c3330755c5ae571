import Crypto
import Domain
import Foundation
import GRDB

/// A report document to keep: its text is what fact offsets point into.
public struct NewDocument: Sendable {
    public var source: String
    public var contentType: String
    public var text: String
    public var title: String?
    public var publisher: String?
    public var publishedOn: String?
    public var region: String?
    public var reportYear: Int?
    public var loadedBy: String?

    public init(source: String, contentType: String, text: String, title: String? = nil, publisher: String? = nil,
                publishedOn: String? = nil, region: String? = nil, reportYear: Int? = nil, loadedBy: String? = nil) {
        self.source = source
        self.contentType = contentType
        self.text = text
        self.title = title
        self.publisher = publisher
        self.publishedOn = publishedOn
        self.region = region
        self.reportYear = reportYear
        self.loadedBy = loadedBy
    }

    public var sha256: String {
        Hex.string(SHA256.hash(data: Data(text.utf8)))
    }
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
