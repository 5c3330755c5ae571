import Glibc

/// UTC wall-clock time with milliseconds, `2026-11-27T17:14:56.123Z`, appended as bytes. The
/// calendar part is computed by gmtime_r once per second and kept; a line per request pays for
/// one clock read and three digits.
public struct LogTimestamp {
    private var second: time_t = -1
    /// `2026-11-27T17:14:56.`
    private var prefix: [UInt8] = []

    public init() {}

    public mutating func append(into out: inout [UInt8]) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        if now.tv_sec != second { refresh(now.tv_sec) }
        out.append(contentsOf: prefix)
        let millis = Int(now.tv_nsec / 1_000_000)
        out.append(UInt8(48 + millis / 100))
        out.append(UInt8(48 + millis / 10 % 10))
        out.append(UInt8(48 + millis % 10))
        out.append(UInt8(ascii: "Z"))
    }

    private mutating func refresh(_ seconds: time_t) {
        second = seconds
        var t = seconds
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) {
            prefix.append(UInt8(48 + n / 10 % 10))
            prefix.append(UInt8(48 + n % 10))
        }
        prefix.removeAll(keepingCapacity: true)
        LogLineEncoder.appendDecimal(UInt64(max(0, parts.tm_year + 1900)), into: &prefix)
        prefix.append(UInt8(ascii: "-"))
        two(parts.tm_mon + 1)
        prefix.append(UInt8(ascii: "-"))
        two(parts.tm_mday)
        prefix.append(UInt8(ascii: "T"))
        two(parts.tm_hour)
        prefix.append(UInt8(ascii: ":"))
        two(parts.tm_min)
        prefix.append(UInt8(ascii: ":"))
        two(parts.tm_sec)
        prefix.append(UInt8(ascii: "."))
    }
}
