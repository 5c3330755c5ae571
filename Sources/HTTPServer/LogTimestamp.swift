import Glibc

/// UTC wall-clock time with milliseconds, `2026-11-27T17:14:56.123Z`, written as bytes. The
/// calendar part is computed by gmtime_r once per second and kept; a line per request pays for
/// one clock read and three digits.
public struct LogTimestamp {
    private var second: time_t = -1
    /// `2026-11-27T17:14:56.`
    private var prefix: [UInt8] = []

    /// At most this many bytes (a year of up to 9 digits).
    static let maximumBytes = 32

    init() {}

    mutating func write(to cursor: inout LogCursor) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        if now.tv_sec != second { refresh(now.tv_sec) }
        prefix.withUnsafeBufferPointer { cursor.bytes($0) }
        let millis = Int(now.tv_nsec / 1_000_000)
        cursor.byte(UInt8(48 + millis / 100))
        cursor.byte(UInt8(48 + millis / 10 % 10))
        cursor.byte(UInt8(48 + millis % 10))
        cursor.byte(UInt8(ascii: "Z"))
    }

    /// The time now, for a line written otherwise.
    public static func now() -> String {
        var clock = LogTimestamp()
        let bytes = [UInt8](unsafeUninitializedCapacity: maximumBytes) { buffer, count in
            guard let start = buffer.baseAddress else { return }
            var cursor = LogCursor(start)
            clock.write(to: &cursor)
            count = cursor.position - start
        }
        return String(decoding: bytes, as: UTF8.self)
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
        let year = max(0, Int(parts.tm_year) + 1900)
        if year >= 1000 { prefix.append(UInt8(48 + year / 1000 % 10)) }
        if year >= 100 { prefix.append(UInt8(48 + year / 100 % 10)) }
        if year >= 10 { prefix.append(UInt8(48 + year / 10 % 10)) }
        prefix.append(UInt8(48 + year % 10))
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
