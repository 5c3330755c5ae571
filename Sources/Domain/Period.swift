/// A reporting period: a calendar year, a quarter or a month.
///
/// Quarterly and monthly values are year-to-date as of the period's end (the 累计 convention of
/// Chinese statistics), so `2021-Q4` and `2021-12` of a flow equal the year `2021`.
///
/// The canonical text forms are `2021`, `2021-Q3` and `2021-09`; `2021Q3` and `2021-q3` are
/// accepted on input. Periods order chronologically by their end, a year after its Q4 and December.
public enum Period: Hashable, Sendable {
    case year(Int)
    case quarter(year: Int, quarter: Int)
    case month(year: Int, month: Int)

    public static let earliestYear = 1949

    public var year: Int {
        switch self {
        case .year(let y), .quarter(let y, _), .month(let y, _): return y
        }
    }

    public var frequency: Frequency {
        switch self {
        case .year: return .year
        case .quarter: return .quarter
        case .month: return .month
        }
    }

    /// The last month the period covers (12 for a year).
    public var endMonth: Int {
        switch self {
        case .year: return 12
        case .quarter(_, let q): return q * 3
        case .month(_, let m): return m
        }
    }

    /// The first month the period covers (1 for a year).
    public var startMonth: Int {
        switch self {
        case .year: return 1
        case .quarter(_, let q): return q * 3 - 2
        case .month(_, let m): return m
        }
    }

    /// The smallest `sortKey` of any period that ends within this one: `from=2020` starts here.
    public var startSortKey: Int { (year * 12 + startMonth) * 4 }

    /// A sortable key: months since year 0 of the period's end, then finer frequencies first,
    /// so that `2021-12` < `2021-Q4` < `2021` and a stored text column sorts the same way.
    public var sortKey: Int { (year * 12 + endMonth) * 4 + frequency.sortKeyRank }

    /// The period a `sortKey` was made from; nil for a number no period gives.
    public init?(sortKey: Int) {
        guard sortKey >= 0 else { return nil }
        let months = sortKey / 4
        let year = (months - 1) / 12
        let endMonth = months - year * 12
        guard (1...12).contains(endMonth), (0...9999).contains(year) else { return nil }
        switch sortKey % 4 {
        case 0: self = .month(year: year, month: endMonth)
        case 1 where endMonth % 3 == 0: self = .quarter(year: year, quarter: endMonth / 3)
        case 2 where endMonth == 12: self = .year(year)
        default: return nil
        }
    }

    public init?(_ text: some StringProtocol) {
        var string = String(text)
        guard let period = string.withUTF8({ Period(utf8: $0) }) else { return nil }
        self = period
    }

    /// The period a text in UTF-8 names, as `init?(_:)` reads it: for parsers that hold bytes.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        func number(_ slice: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
            guard !slice.isEmpty, slice.count <= 4 else { return nil }
            var n = 0
            for b in slice {
                guard b >= 48, b <= 57 else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        guard bytes.count >= 4, let y = number(bytes[0..<4]), bytes.count == 4 || bytes.count >= 6 else {
            return nil
        }
        if bytes.count == 4 {
            self = .year(y)
            return
        }
        var rest = bytes[4...]
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        if let first = rest.first, first == UInt8(ascii: "Q") || first == UInt8(ascii: "q") {
            guard rest.count == 2, let q = number(rest.dropFirst()), (1...4).contains(q) else { return nil }
            self = .quarter(year: y, quarter: q)
            return
        }
        // Months need the dash and two digits: "202109" is too easily a typo for something else.
        guard bytes[4] == UInt8(ascii: "-"), rest.count == 2, let m = number(rest), (1...12).contains(m) else {
            return nil
        }
        self = .month(year: y, month: m)
    }
}

public enum Frequency: String, Sendable, CaseIterable, Codable {
    case year, quarter, month

    /// `sortKey % 4` of every period of this frequency, so that an index on the key alone can
    /// also filter by frequency.
    public var sortKeyRank: Int {
        switch self {
        case .month: return 0
        case .quarter: return 1
        case .year: return 2
        }
    }
}

extension Period: CustomStringConvertible, LosslessStringConvertible {
    /// The most bytes `writeText` writes.
    public static let maxTextLength = 32

    /// Writes the bytes of `description` at `out` (at most `maxTextLength`); returns how many.
    public func writeText(to out: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        func digits(_ value: Int, width: Int) {
            // Wider than asked (a year past 9999) or negative: all its digits, as String would.
            var length = 0
            var rest = value.magnitude
            repeat { length += 1; rest /= 10 } while rest > 0
            let padded = max(length, width)
            var v = value.magnitude
            var i = count + padded + (value < 0 ? 1 : 0) - 1
            for _ in 0..<padded {
                out[i] = UInt8(48 + v % 10)
                v /= 10
                i -= 1
            }
            if value < 0 { out[count] = UInt8(ascii: "-") }
            count += padded + (value < 0 ? 1 : 0)
        }
        switch self {
        case .year(let y):
            digits(y, width: 4)
        case let .quarter(y, q):
            digits(y, width: 4)
            out[count] = UInt8(ascii: "-"); out[count + 1] = UInt8(ascii: "Q"); count += 2
            digits(q, width: 1)
        case let .month(y, m):
            digits(y, width: 4)
            out[count] = UInt8(ascii: "-"); count += 1
            digits(m, width: 2)
        }
        return count
    }

    /// `2021`, `2021-Q3`, `2021-09`: years always in four digits, so the text parses back.
    public var description: String {
        String(unsafeUninitializedCapacity: Self.maxTextLength) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return writeText(to: base)
        }
    }
}

extension Period: Comparable {
    public static func < (lhs: Period, rhs: Period) -> Bool { lhs.sortKey < rhs.sortKey }
}

extension Period: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(Int.self) {
            self = .year(n)
            return
        }
        let text = try container.decode(String.self)
        guard let p = Period(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a period: \(text)")
        }
        self = p
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
