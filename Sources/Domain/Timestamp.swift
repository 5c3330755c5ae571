import Foundation

/// A point in time as microseconds since the Unix epoch (UTC): what the store records for every
/// revision, and what `as_of` compares against. Microseconds keep two quick edits apart.
public struct Timestamp: Hashable, Comparable, Sendable {
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }

    public static func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(microseconds: Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000)
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.microseconds < b.microseconds }

    /// RFC 3339 in UTC with microseconds: `2022-03-24T08:15:00.123456Z`. Written digit by digit:
    /// every observation in every response carries one.
    public var rfc3339: String {
        String(unsafeUninitializedCapacity: Self.rfc3339Length) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            writeRFC3339(to: base)
            return Self.rfc3339Length
        }
    }

    public static let rfc3339Length = 27

    /// Writes the `rfc3339Length` bytes of `rfc3339` at `out`.
    public func writeRFC3339(to out: UnsafeMutablePointer<UInt8>) {
        let seconds = microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000
        let micros = Int(microseconds - seconds * 1_000_000)
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = Self.civil(fromDays: days)
        func put(_ value: Int, at index: Int, width: Int) {
            var v = value
            for i in stride(from: index + width - 1, through: index, by: -1) {
                out[i] = UInt8(48 + v % 10)
                v /= 10
            }
        }
        put(year, at: 0, width: 4); out[4] = 45
        put(month, at: 5, width: 2); out[7] = 45
        put(day, at: 8, width: 2); out[10] = 84
        put(secondOfDay / 3600, at: 11, width: 2); out[13] = 58
        put(secondOfDay / 60 % 60, at: 14, width: 2); out[16] = 58
        put(secondOfDay % 60, at: 17, width: 2); out[19] = 46
        put(micros, at: 20, width: 6); out[26] = 90
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Parses RFC 3339 (`2022-03-24T08:15:00Z`, with optional fraction and numeric offset), or a
    /// bare date `2022-03-24` meaning its end (23:59:59.999999 UTC): "as of that day" includes it.
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var n = 0
            for i in from..<(from + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                n = n * 10 + Int(b[i] - 48)
            }
            return n
        }
        guard b.count >= 10, let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45,
              let day = digits(8, 2), (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year)
        else { return nil }
        var hour = 23, minute = 59, second = 59, micros = 999_999, offset = 0
        if b.count > 10 {
            guard b.count >= 20, b[10] == 84 || b[10] == 116 || b[10] == 32, let h = digits(11, 2), b[13] == 58,
                  let mi = digits(14, 2), b[16] == 58, let s = digits(17, 2), h < 24, mi < 60, s < 61
            else { return nil }
            hour = h; minute = mi; second = min(s, 59); micros = 0
            var i = 19
            if i < b.count, b[i] == 46 {
                i += 1
                var scale = 100_000, count = 0
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    if count < 6 { micros += Int(b[i] - 48) * scale; scale /= 10 }
                    count += 1
                    i += 1
                }
                guard count > 0 else { return nil }
            }
            guard i < b.count else { return nil }
            if b[i] == 90 || b[i] == 122 {
                guard i + 1 == b.count else { return nil }
            } else if b[i] == 43 || b[i] == 45 {
                guard i + 6 == b.count, let oh = digits(i + 1, 2), b[i + 3] == 58, let om = digits(i + 4, 2),
                      oh < 24, om < 60 else { return nil }
                offset = (oh * 60 + om) * 60 * (b[i] == 43 ? 1 : -1)
            } else {
                return nil
            }
        }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let secs = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        self.microseconds = secs * 1_000_000 + Int64(micros)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
