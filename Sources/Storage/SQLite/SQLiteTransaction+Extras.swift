import Foundation
import Domain
import GRDB

/// A saved answer to an idempotent request.
public struct IdempotentAnswer: Sendable, Hashable {
    public var requestHash: String
    public var status: Int
    public var contentType: String
    public var body: [UInt8]

    public init(requestHash: String, status: Int, contentType: String, body: [UInt8]) {
        self.requestHash = requestHash
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

extension SQLiteTransaction {
    /// Saves the answer to a request with an Idempotency-Key, in the same transaction as its
    /// writes: both land or neither. Throws `conflict` when a concurrent request saved it first.
    public func saveIdempotent(key: String, token: String, answer: IdempotentAnswer) throws {
        do {
            try db.execute(sql: """
                INSERT INTO idempotency_keys (token_name, key, request_sha256, status, content_type, body, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [token, key, answer.requestHash, answer.status, answer.contentType, Data(answer.body),
                                 Timestamp.now().microseconds])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StorageError.conflict("idempotency key '\(key)' was used by a concurrent request")
        }
    }
}

extension SQLiteStore {
    /// The saved answer for an idempotency key of a token, if any.
    public func idempotentAnswer(key: String, token: String) throws(StorageError) -> IdempotentAnswer? {
        try storageErrors {
            try timedRead { db in
                try Row.fetchOne(db, sql: """
                    SELECT request_sha256, status, content_type, body FROM idempotency_keys WHERE token_name = ? AND key = ?
                    """, arguments: [token, key]).map {
                    IdempotentAnswer(requestHash: $0["request_sha256"], status: $0["status"], contentType: $0["content_type"],
                                     body: Array(($0["body"] as Data?) ?? Data()))
                }
            }
        }
    }
}
