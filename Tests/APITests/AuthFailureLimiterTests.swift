@testable import API
import Testing

/// The limiter on its own, with the clock given: 20 failures a minute per address, then 429.
@Suite struct AuthFailureLimiterTests {
    static let second: UInt64 = 1_000_000_000
    let t0: UInt64 = 1_000 * second

    @Test func theTwentyFirstFailureInAMinuteIsLimited() {
        let limiter = AuthFailureLimiter()
        for i in 0..<20 {
            #expect(limiter.fail(from: "192.0.2.7:40000", now: t0 + UInt64(i) * Self.second) == nil, "failure \(i + 1)")
        }
        // A refused attempt is a failure too: the twenty latest now start at t0 + 1 s, and leave
        // the window at t0 + 61 s.
        #expect(limiter.fail(from: "192.0.2.7:40001", now: t0 + 20 * Self.second) == 41)
        // The twenty latest start at t0 + 2 s: 2.5 s to go, rounded up.
        #expect(limiter.fail(from: "192.0.2.7:40002", now: t0 + 59 * Self.second + Self.second / 2) == 3)
        // Waiting as told: nineteen failures remain in the window, and the next one is a 401.
        #expect(limiter.fail(from: "192.0.2.7:40003", now: t0 + 62 * Self.second) == nil)
        #expect(limiter.failures.load == 23 && limiter.limited.load == 2)
    }

    @Test func anotherAddressIsNotLimited() {
        let limiter = AuthFailureLimiter()
        for _ in 0..<25 { _ = limiter.fail(from: "192.0.2.7:1", now: t0) }
        #expect(limiter.fail(from: "192.0.2.8:1", now: t0) == nil)
        #expect(limiter.fail(from: "[2001:db8::1]:1", now: t0) == nil)
    }

    @Test func theLimitLiftsAsFailuresAge() {
        let limiter = AuthFailureLimiter()
        for _ in 0..<20 { _ = limiter.fail(from: "192.0.2.7:1", now: t0) }
        #expect(limiter.fail(from: "192.0.2.7:1", now: t0 + 30 * Self.second) != nil)
        // A minute after the twenty: they have left the window; the one at +30 s has not.
        #expect(limiter.fail(from: "192.0.2.7:1", now: t0 + 60 * Self.second) == nil)
    }

    @Test func addressesAreKeyedByHostIPv6ByItsSlash64() {
        #expect(AuthFailureLimiter.key("192.0.2.7:40000") == "192.0.2.7")
        #expect(AuthFailureLimiter.key("[::ffff:192.0.2.7]:40000") == "192.0.2.7")
        #expect(AuthFailureLimiter.key("[2001:db8:1:2::5]:1") == AuthFailureLimiter.key("[2001:db8:1:2:ffff::9]:2"))
        #expect(AuthFailureLimiter.key("[2001:db8:1:2::5]:1") != AuthFailureLimiter.key("[2001:db8:1:3::5]:1"))
        let limiter = AuthFailureLimiter(limit: 2)
        _ = limiter.fail(from: "[2001:db8:1:2::5]:1", now: t0)
        _ = limiter.fail(from: "[2001:db8:1:2::6]:1", now: t0)
        #expect(limiter.fail(from: "[2001:db8:1:2::7]:1", now: t0) != nil)
    }

    @Test func memoryIsBoundedByForgettingTheQuietest() {
        let limiter = AuthFailureLimiter(limit: 3, maxAddresses: 4)
        for n in 0..<4 { _ = limiter.fail(from: "192.0.2.\(n):1", now: t0 + UInt64(n)) }
        _ = limiter.fail(from: "198.51.100.1:1", now: t0 + 10)
        #expect(limiter.trackedAddresses == 4)
        // The quietest (192.0.2.0) was forgotten; the others keep their count.
        #expect(limiter.fail(from: "192.0.2.3:1", now: t0 + 11) == nil)
        #expect(limiter.fail(from: "192.0.2.3:1", now: t0 + 12) == nil)
        #expect(limiter.fail(from: "192.0.2.3:1", now: t0 + 13) != nil)
        #expect(limiter.trackedAddresses == 4)
    }
}
