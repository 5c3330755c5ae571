import Fetching
import Glibc
import Metrics
import Synchronization

/// Failed authentications per client address: after `limit` failures within `window`, a further
/// failure from that address is answered 429 with `Retry-After` instead of 401, until fewer than
/// `limit` of its failures lie within the window.
///
/// Only failures are limited. A request whose token is valid is looked up first and never
/// consults the limiter, so a good token is not slowed, even from an address that is limited
/// (behind a proxy, every client shares the proxy's address). Secrets are 256 random bits, so
/// the limiter does not stand between an attacker and a guess; it keeps scanners from hammering
/// the token lookup and makes them visible in `/metrics`.
///
/// Addresses are the socket's peer, IPv6 ones by their /64 (one host usually holds a whole /64).
/// At most `maxAddresses` are tracked, the quietest forgotten first, so memory stays bounded
/// whatever the number of addresses.
public final class AuthFailureLimiter: Sendable {
    public let limit: Int
    /// Nanoseconds.
    public let window: UInt64
    let maxAddresses: Int
    /// Failed authentications, limited or not.
    public let failures = MetricCell()
    /// Answers of 429.
    public let limited = MetricCell()
    private let recent = Mutex<[String: [UInt64]]>([:])

    public init(limit: Int = 20, windowSeconds: Int = 60, maxAddresses: Int = 10_000) {
        self.limit = limit
        self.window = UInt64(windowSeconds) * 1_000_000_000
        self.maxAddresses = maxAddresses
    }

    /// Records a failure from `address` at `now` (monotonic nanoseconds). Returns the seconds to
    /// wait when the address is over the limit, nil when a 401 is the answer.
    public func fail(from address: String, now: UInt64 = AuthFailureLimiter.monotonicNow()) -> Int? {
        failures.add(1)
        let key = Self.key(address)
        let wait = recent.withLock { recent -> UInt64? in
            var times = recent[key] ?? []
            if times.isEmpty, recent.count >= maxAddresses { forgetQuietest(&recent, now: now) }
            times.removeAll { now >= $0 &+ window }
            // While `limit` failures lie within the window, this one is refused. It counts too, so
            // a client that keeps trying while refused stays refused; one that waits the
            // Retry-After it is given finds one failure fewer than the limit.
            let over = times.count >= limit
            times.append(now)
            if times.count > limit { times.removeFirst(times.count - limit) }
            recent[key] = times
            guard over, let oldest = times.first else { return nil }
            return oldest &+ window &- now
        }
        guard let wait else { return nil }
        limited.add(1)
        return max(1, Int((wait + 999_999_999) / 1_000_000_000))
    }

    var trackedAddresses: Int { recent.withLock { $0.count } }

    private func forgetQuietest(_ recent: inout [String: [UInt64]], now: UInt64) {
        recent = recent.filter { now < ($0.value.last ?? 0) &+ window }
        if recent.count >= maxAddresses, let quietest = recent.min(by: { ($0.value.last ?? 0) < ($1.value.last ?? 0) }) {
            recent[quietest.key] = nil
        }
    }

    /// `192.0.2.1:5678` → `192.0.2.1`; `[2001:db8::1]:5678` → its /64.
    static func key(_ remote: String) -> String {
        var host = Substring(remote)
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":"), host.firstIndex(of: ":") == colon {
            host = host[..<colon]
        }
        guard let address = IPAddress(String(host)) else { return String(host) }
        if address.isIPv4 { return address.description }
        // A dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d: each is its own client.
        if address.bytes.prefix(12).elementsEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]),
           let v4 = IPAddress(bytes: Array(address.bytes.suffix(4))) {
            return v4.description
        }
        return address.bytes.prefix(8).map { String($0, radix: 16) }.joined(separator: ".") + "/64"
    }

    public static func monotonicNow() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
