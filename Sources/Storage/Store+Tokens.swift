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
}

extension Store {
    /// Creates a token and returns its secret, which is shown once and stored only as a hash.
    public func createToken(name: String, role: TokenRole, region: String?) throws(StorageError) -> String {
        guard !name.isEmpty, name.utf8.count <= 64, name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.@".unicodeScalars.contains($0) })
        else { throw .invalid("token name: 1–64 letters, digits, - _ . @") }
        var generator = SystemRandomNumberGenerator()
        let secret = "zb_" + Hex.string((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try storageErrors {
            try timedWrite { db in
                if let region, try Int.fetchOne(db, sql: "SELECT 1 FROM regions WHERE code = ?", arguments: [region]) == nil {
                    throw StorageError.unknownRegion(region)
                }
                if try Int.fetchOne(db, sql: "SELECT 1 FROM api_tokens WHERE name = ?", arguments: [name]) != nil {
                    throw StorageError.conflict("a token named '\(name)' exists; revoke it or choose another name")
                }
                try db.execute(sql: """
                    INSERT INTO api_tokens (name, role, region, secret_sha256, created_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [name, role.rawValue, region, Self.tokenHash(secret), Timestamp.now().microseconds])
                try StoreTransaction(db: db, connection: try writer(db)).audit(action: "token.create", entity: "token:\(name)", token: nil,
                                                   detail: ["role": role.rawValue, "region": region ?? ""])
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
                try StoreTransaction(db: db, connection: try writer(db)).audit(action: "token.revoke", entity: "token:\(name)", token: nil)
            }
        }
    }

    /// The active token whose secret this is, or nil. The lookup is by hash, and the hash is
    /// compared again in constant time so that timing says nothing about stored hashes.
    public func token(secret: String) throws(StorageError) -> TokenRecord? {
        let hash = Self.tokenHash(secret)
        return try storageErrors {
            try timedRead { db in
                guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT * FROM api_tokens WHERE secret_sha256 = ? AND revoked_at IS NULL
                    """), arguments: [hash]) else { return nil }
                let stored: String = row["secret_sha256"]
                guard Self.constantTimeEqual(Array(stored.utf8), Array(hash.utf8)) else { return nil }
                return Self.token(row)
            }
        }
    }

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
                    revokedAt: (row["revoked_at"] as Int64?).map(Timestamp.init(microseconds:)))
    }
}
