import Crypto
import Domain
import Foundation
import GRDB

/// An API token as stored: never its secret, only the secret's SHA-256.
public struct TokenRecord: Sendable, Hashable {
    public var name: String
    public var role: TokenRole
    /// When set, the token may write only this region and its descendants.
    public var region: String?
    public var createdAt: Timestamp
    public var revokedAt: Timestamp?
    /// Past this, the token is refused.
    public var expiresAt: Timestamp?
    /// When it last authenticated a request, to the minute (see `noteTokenUse`).
    public var lastUsedAt: Timestamp?

    public func hasExpired(at time: Timestamp) -> Bool {
        expiresAt.map { time >= $0 } ?? false
    }
}

/// What a secret names: an active token, one past its expiry, or nothing (unknown or revoked).
public enum TokenLookup: Sendable, Equatable {
    case active(TokenRecord)
    case expired(TokenRecord)
    case unknown
}

extension Store {
    /// Secrets begin with this, so that secret scanners recognise a leaked one. Secrets made
    /// before are looked up by hash like any other and keep working.
    public static let tokenPrefix = "zb_"

    /// How often at most `last_used_at` is written for one token.
    public static let tokenUseResolution: Int64 = 60 * 1_000_000

    /// Creates a token and returns its secret, which is shown once and stored only as a hash.
    /// `expiresAt`: when it stops working; nil for never.
    public func createToken(name: String, role: TokenRole, region: String?, expiresAt: Timestamp? = nil) throws(StorageError) -> String {
        guard !name.isEmpty, name.utf8.count <= 64, name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.@".unicodeScalars.contains($0) })
        else { throw .invalid("token name: 1–64 letters, digits, - _ . @") }
        var generator = SystemRandomNumberGenerator()
        if let expiresAt, expiresAt <= Timestamp.now() { throw .invalid("token expiry: must be in the future") }
        let secret = Self.tokenPrefix + Hex.string((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try storageErrors {
            try timedWrite { db in
                if let region, try Int.fetchOne(db, sql: "SELECT 1 FROM regions WHERE code = ?", arguments: [region]) == nil {
                    throw StorageError.unknownRegion(region)
                }
                if try Int.fetchOne(db, sql: "SELECT 1 FROM api_tokens WHERE name = ?", arguments: [name]) != nil {
                    throw StorageError.conflict("a token named '\(name)' exists; revoke it or choose another name")
                }
                try db.execute(sql: """
                    INSERT INTO api_tokens (name, role, region, secret_sha256, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [name, role.rawValue, region, Self.tokenHash(secret), Timestamp.now().microseconds,
                                     expiresAt?.microseconds])
                try StoreTransaction(db: db).audit(action: "token.create", entity: "token:\(name)", token: nil,
                                                   detail: ["role": role.rawValue, "region": region ?? "",
                                                            "expires_at": expiresAt?.rfc3339 ?? ""])
            }
        }
        return secret
    }

    public func tokens() throws(StorageError) -> [TokenRecord] {
        try storageErrors {
            try timedRead { db in
                try Row.fetchAll(db, sql: "SELECT * FROM api_tokens ORDER BY name").map(Self.token)
            }
        }
    }

    /// Revokes a token by name; later requests with it get 401.
    public func revokeToken(name: String) throws(StorageError) {
        try storageErrors {
            try timedWrite { db in
                try db.execute(sql: "UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                               arguments: [Timestamp.now().microseconds, name])
                guard db.changesCount == 1 else { throw StorageError.notFound("active token '\(name)'") }
                try StoreTransaction(db: db).audit(action: "token.revoke", entity: "token:\(name)", token: nil)
            }
        }
    }

    /// The active token whose secret this is, or nil.
    public func token(secret: String) throws(StorageError) -> TokenRecord? {
        guard case .active(let token) = try lookUpToken(secret: secret) else { return nil }
        return token
    }

    /// The token a secret names, unless revoked. The lookup is by hash, and the hash is compared
    /// again in constant time so that timing says nothing about stored hashes.
    public func lookUpToken(secret: String, at time: Timestamp = .now()) throws(StorageError) -> TokenLookup {
        let hash = Self.tokenHash(secret)
        return try storageErrors {
            try timedRead { db in
                guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT * FROM api_tokens WHERE secret_sha256 = ? AND revoked_at IS NULL
                    """), arguments: [hash]) else { return .unknown }
                let stored: String = row["secret_sha256"]
                guard Self.constantTimeEqual(Array(stored.utf8), Array(hash.utf8)) else { return .unknown }
                let token = Self.token(row)
                return token.hasExpired(at: time) ? .expired(token) : .active(token)
            }
        }
    }

    /// Records that `token` authenticated a request at `time`, unless that was recorded less
    /// than a minute before: true when it wrote. The condition is in the UPDATE, so concurrent
    /// requests write once between them.
    @discardableResult
    public func recordTokenUse(name: String, at time: Timestamp) throws(StorageError) -> Bool {
        try storageErrors {
            try timedWrite { db in
                try db.execute(sql: Self.tokenUseSQL, arguments: [time.microseconds, name, time.microseconds - Self.tokenUseResolution])
                return db.changesCount == 1
            }
        }
    }

    /// `recordTokenUse` without waiting for the writer, for the request path: a GET answered on
    /// an event loop must not wait behind an import for the single writer. Only when the token's
    /// recorded use is a minute old, so that most requests queue nothing. A failure is dropped:
    /// the time of last use is advice for whoever reviews tokens, not a fact anything depends on.
    public func noteTokenUse(_ token: TokenRecord, at time: Timestamp = .now()) {
        if let last = token.lastUsedAt, time.microseconds - last.microseconds < Self.tokenUseResolution { return }
        let arguments: StatementArguments = [time.microseconds, token.name, time.microseconds - Self.tokenUseResolution]
        pool.asyncWriteWithoutTransaction { db in
            try? db.execute(sql: Self.tokenUseSQL, arguments: arguments)
        }
    }

    static let tokenUseSQL = """
        UPDATE api_tokens SET last_used_at = ?1 WHERE name = ?2 AND (last_used_at IS NULL OR last_used_at <= ?3)
        """

    static func tokenHash(_ secret: String) -> String {
        Hex.string(SHA256.hash(data: Data(secret.utf8)))
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    static func token(_ row: Row) -> TokenRecord {
        TokenRecord(name: row["name"], role: TokenRole(rawValue: row["role"]) ?? .reader, region: row["region"],
                    createdAt: Timestamp(microseconds: row["created_at"]),
                    revokedAt: (row["revoked_at"] as Int64?).map(Timestamp.init(microseconds:)),
                    expiresAt: (row["expires_at"] as Int64?).map(Timestamp.init(microseconds:)),
                    lastUsedAt: (row["last_used_at"] as Int64?).map(Timestamp.init(microseconds:)))
    }
}
