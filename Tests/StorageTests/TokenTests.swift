import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

/// Token secrets, expiry and the time of last use, on a real database file.
@Suite struct TokenTests {
    static let minute: Int64 = 60_000_000

    @Test func secretsCarryThePrefixAndOldOnesStillWork() throws {
        let db = try TestDatabase()
        let store = try db.open()
        let secret = try store.createToken(name: "office", role: .editor, region: nil)
        #expect(secret.hasPrefix("zb_") && secret.count == 3 + 64)
        #expect(secret.dropFirst(3).allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(try store.token(secret: secret)?.name == "office")
        // A secret from before the prefix (any stored hash) is looked up like any other.
        let legacy = "5f1d0a7c9b3e4d2a8c6b1e0f9a7d3c5b"
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO api_tokens (name, role, secret_sha256, created_at) VALUES (?, ?, ?, ?)",
                           arguments: ["legacy", "reader", Store.tokenHash(legacy), 1])
        }
        #expect(try store.token(secret: legacy)?.name == "legacy")
        #expect(try store.token(secret: "zb_" + legacy) == nil)
    }

    @Test func anExpiredTokenIsRefusedAndSaysSo() throws {
        let db = try TestDatabase()
        let store = try db.open()
        let now = Timestamp.now()
        let expiry = Timestamp(microseconds: now.microseconds + 90 * 24 * 60 * Self.minute)
        let secret = try store.createToken(name: "quarterly", role: .editor, region: nil, expiresAt: expiry)
        guard case .active(let token) = try store.lookUpToken(secret: secret, at: now) else {
            Issue.record("a token before its expiry is not active")
            return
        }
        #expect(token.expiresAt == expiry)
        let later = Timestamp(microseconds: expiry.microseconds + 1)
        #expect(try store.lookUpToken(secret: secret, at: later) == .expired(token))
        #expect(try store.lookUpToken(secret: secret, at: expiry) == .expired(token))
        #expect(try store.lookUpToken(secret: "zb_nothing", at: now) == .unknown)
        #expect(try store.tokens().first?.expiresAt == expiry)
        // An expiry in the past is a mistake, not a token that never works.
        #expect(throws: StorageError.self) {
            try store.createToken(name: "stillborn", role: .reader, region: nil, expiresAt: Timestamp(microseconds: now.microseconds - 1))
        }
    }

    @Test func lastUseIsWrittenAtMostOnceAMinute() throws {
        let db = try TestDatabase()
        let store = try db.open()
        _ = try store.createToken(name: "dashboard", role: .reader, region: nil)
        let t0 = Timestamp(microseconds: 1_700_000_000_000_000)
        #expect(try store.recordTokenUse(name: "dashboard", at: t0))
        #expect(try !store.recordTokenUse(name: "dashboard", at: Timestamp(microseconds: t0.microseconds + 30_000_000)))
        #expect(try !store.recordTokenUse(name: "dashboard", at: Timestamp(microseconds: t0.microseconds + Self.minute - 1)))
        #expect(try store.tokens().first?.lastUsedAt == t0)
        let t1 = Timestamp(microseconds: t0.microseconds + Self.minute)
        #expect(try store.recordTokenUse(name: "dashboard", at: t1))
        #expect(try store.tokens().first?.lastUsedAt == t1)
    }

    /// The request path queues the write instead of waiting for the writer; the writer runs in
    /// order, so a later synchronous write sees it done.
    @Test func noteTokenUseQueuesTheWriteOnlyWhenAMinuteHasPassed() throws {
        let db = try TestDatabase()
        let store = try db.open()
        _ = try store.createToken(name: "dashboard", role: .reader, region: nil)
        let fresh = try #require(try store.tokens().first)
        let t0 = Timestamp(microseconds: 1_700_000_000_000_000)
        store.noteTokenUse(fresh, at: t0)
        try store.write { _ in }
        let used = try #require(try store.tokens().first)
        #expect(used.lastUsedAt == t0)
        // Within the minute: nothing is queued, and the stored time stays.
        store.noteTokenUse(used, at: Timestamp(microseconds: t0.microseconds + 59_000_000))
        try store.write { _ in }
        #expect(try store.tokens().first?.lastUsedAt == t0)
        // A stale copy of the record queues the write, and the UPDATE's condition still holds it back.
        store.noteTokenUse(fresh, at: Timestamp(microseconds: t0.microseconds + 10_000_000))
        try store.write { _ in }
        #expect(try store.tokens().first?.lastUsedAt == t0)
    }
}
