import Glibc

/// The `Date` header value (IMF-fixdate), formatted once per second per event loop.
struct HTTPDateCache {
    private(set) var bytes: [UInt8] = []
    private var second: time_t = -1

    private static let days: [[UInt8]] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].map { Array($0.utf8) }
    private static let months: [[UInt8]] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                            "Nov", "Dec"].map { Array($0.utf8) }

    mutating func refresh() {
        let now = time(nil)
        if now == second { return }
        second = now
        var t = now
        var tm = tm()
        gmtime_r(&t, &tm)
        var out: [UInt8] = []
        out.reserveCapacity(29)
        out += Self.days[Int(tm.tm_wday) % 7]
        out += Array(", ".utf8)
        Self.two(Int(tm.tm_mday), &out)
        out.append(0x20)
        out += Self.months[Int(tm.tm_mon) % 12]
        out.append(0x20)
        let year = Int(tm.tm_year) + 1900
        Self.two(year / 100, &out)
        Self.two(year % 100, &out)
        out.append(0x20)
        Self.two(Int(tm.tm_hour), &out)
        out.append(UInt8(ascii: ":"))
        Self.two(Int(tm.tm_min), &out)
        out.append(UInt8(ascii: ":"))
        Self.two(Int(tm.tm_sec), &out)
        out += Array(" GMT".utf8)
        bytes = out
    }

    private static func two(_ n: Int, _ out: inout [UInt8]) {
        out.append(UInt8(48 + (n / 10) % 10))
        out.append(UInt8(48 + n % 10))
    }
}
