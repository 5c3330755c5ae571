import Glibc

/// IMF-fixdate (RFC 9110 §5.6.7), `Tue, 14 Nov 2023 22:13:29 GMT`: the `Date` header and, for the
/// application, `Last-Modified`.
public enum HTTPDate {
    /// The time `seconds` after 1970 as IMF-fixdate bytes; nil for a time whose year has no four
    /// digits (then no header is better than a wrong one).
    public static func bytes(secondsSince1970 seconds: Int64) -> [UInt8]? {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        let year = Int(parts.tm_year) + 1900
        guard (0...9999).contains(year) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(29)
        out += days[Int(parts.tm_wday) % 7]
        out += ", ".utf8
        two(Int(parts.tm_mday), &out)
        out.append(0x20)
        out += months[Int(parts.tm_mon) % 12]
        out.append(0x20)
        two(year / 100, &out)
        two(year % 100, &out)
        out.append(0x20)
        two(Int(parts.tm_hour), &out)
        out.append(UInt8(ascii: ":"))
        two(Int(parts.tm_min), &out)
        out.append(UInt8(ascii: ":"))
        two(Int(parts.tm_sec), &out)
        out += " GMT".utf8
        return out
    }

    public static func string(secondsSince1970 seconds: Int64) -> String? {
        bytes(secondsSince1970: seconds).map { String(decoding: $0, as: UTF8.self) }
    }

    private static let days: [[UInt8]] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].map { Array($0.utf8) }
    private static let months: [[UInt8]] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                            "Nov", "Dec"].map { Array($0.utf8) }

    private static func two(_ n: Int, _ out: inout [UInt8]) {
        out.append(UInt8(48 + (n / 10) % 10))
        out.append(UInt8(48 + n % 10))
    }
}

/// The `Date` header value, formatted once per second per event loop.
struct HTTPDateCache {
    private(set) var bytes: [UInt8] = []
    private var second: time_t = -1

    mutating func refresh() {
        let now = time(nil)
        if now == second { return }
        second = now
        bytes = HTTPDate.bytes(secondsSince1970: Int64(now)) ?? []
    }
}
