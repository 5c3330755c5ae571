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

extension StoreTransaction {
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

    /// The current value of the period just before `period` in the same year (Q1 before Q2,
    /// September before October), for the year-to-date check of flows.
    public func previousYearToDate(of key: ObservationKey) throws -> (period: Period, value: Double)? {
        let previous: Period
        switch key.period {
        case .year: return nil
        case let .quarter(y, q):
            guard q > 1 else { return nil }
            previous = .quarter(year: y, quarter: q - 1)
        case let .month(y, m):
            guard m > 1 else { return nil }
            previous = .month(year: y, month: m - 1)
        }
        let value = try Double.fetchOne(db.cachedStatement(sql: """
            SELECT r.value FROM observations o JOIN revisions r ON r.id = o.revision_id
            WHERE o.indicator = ? AND o.region = ? AND o.kind = ? AND o.scope = ? AND o.period_key = ? AND r.value IS NOT NULL
            """), arguments: [key.indicator, key.region, key.kind.rawValue, key.scope?.rawValue ?? "", previous.sortKey])
        return value.map { (previous, $0) }
    }
}

extension Store {
    /// Runs `body` in one transaction and, for a dry run, rolls everything back after it, so
    /// that a dry run reports exactly what a real run would do.
    public func write<T>(dryRun: Bool, _ body: (StoreTransaction) throws -> T) throws(StorageError) -> T {
        guard dryRun else { return try write(body) }
        return try storageErrors {
            try timedWriteWithoutTransaction { db in
                var result: T?
                try db.inTransaction {
                    result = try body(StoreTransaction(db: db))
                    return .rollback
                }
                guard let result else { throw StorageError.io("dry run produced no result") }
                return result
            }
        }
    }

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
