import Domain

/// A read of observations: one indicator over periods for some regions (a series), or
/// indicators at one period over regions (a cross-section). Every value given here becomes a
/// bound SQL parameter.
public struct ObservationQuery: Sendable, Hashable {
    public enum Order: String, Sendable, CaseIterable {
        /// region, then period ascending: a series.
        case period
        /// region, then period descending.
        case periodDescending = "-period"
        /// indicator, period, then region: a cross-section.
        case region
        /// indicator, period, then value ascending or descending: rankings.
        case value
        case valueDescending = "-value"
    }

    public var indicators: [String]
    /// nil means every region; an empty list means none.
    public var regions: [String]?
    /// Only the regions whose parent this is (the catalogue's children), asked of the database
    /// rather than listed, so that a parent with thousands of children costs what the page costs.
    public var parent: String?
    /// Exactly this period (a cross-section), as one key of the index rather than a range.
    public var period: Period?
    public var from: Period?
    public var to: Period?
    public var frequency: Frequency?
    public var kinds: [ObservationKind]
    /// Empty means every status but `withdrawn`.
    public var statuses: [ObservationStatus]
    public var scope: RankScope?
    /// The indicators are not ranks, so every observation's scope is empty (only ranks have
    /// one). Saying so lets a series be read in index order, without a sort.
    public var unscoped: Bool = false
    public var asOf: Timestamp?
    /// Keep only the N most recent periods of each (indicator, region, kind, scope).
    public var latest: Int?
    public var order: Order
    public var limit: Int
    public var after: PageCursor?
    /// The optional columns the caller reads; the rest come back NULL without SQLite reading
    /// them (the key, period, value, status and time always come back).
    public var columns: Columns = .all

    public struct Columns: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let revision = Columns(rawValue: 1 << 0)
        public static let bound = Columns(rawValue: 1 << 1)
        /// source_type, token_name, document_id, span_start and span_end.
        public static let source = Columns(rawValue: 1 << 2)
        public static let note = Columns(rawValue: 1 << 3)
        public static let all: Columns = [.revision, .bound, .source, .note]
    }

    public init(indicators: [String], regions: [String]? = nil, from: Period? = nil, to: Period? = nil,
                frequency: Frequency? = nil, kinds: [ObservationKind] = [.actual], statuses: [ObservationStatus] = [],
                scope: RankScope? = nil, asOf: Timestamp? = nil, latest: Int? = nil, order: Order = .period,
                limit: Int = 1000, after: PageCursor? = nil) {
        self.indicators = indicators
        self.regions = regions
        self.from = from
        self.to = to
        self.frequency = frequency
        self.kinds = kinds
        self.statuses = statuses
        self.scope = scope
        self.asOf = asOf
        self.latest = latest
        self.order = order
        self.limit = limit
        self.after = after
    }
}

extension ObservationQuery {
    /// One observation by its key, whatever its status (a withdrawn one too).
    public init(key: ObservationKey, asOf: Timestamp? = nil) {
        self.init(indicators: [key.indicator], regions: [key.region], kinds: [key.kind],
                  statuses: ObservationStatus.allCases, scope: key.scope, asOf: asOf, limit: 1)
        unscoped = key.scope == nil
        period = key.period
    }
}

/// Where a page ended: the sort key of its last row. Opaque to clients (see `token`).
public struct PageCursor: Sendable, Hashable {
    public var order: ObservationQuery.Order
    public var text: [String]
    public var number: [Double]
    public var id: Int64

    /// `o1.<order>.<fields…>` with fields joined by `~`, hex-encoded so that it is URL-safe.
    public var token: String {
        let fields = [order.rawValue] + text + number.map { String($0) } + [String(id)]
        let plain = fields.map { $0.replacingOccurrences(of: "~", with: "") }.joined(separator: "~")
        return "c1" + Hex.string(plain.utf8)
    }

    public init(order: ObservationQuery.Order, text: [String], number: [Double], id: Int64) {
        self.order = order
        self.text = text
        self.number = number
        self.id = id
    }

    /// Parses a token made by `token` for the same order; nil for anything else.
    public init?(token: String, order: ObservationQuery.Order) {
        guard token.hasPrefix("c1"), token.utf8.count % 2 == 0, token.utf8.count <= 2048 else { return nil }
        var bytes: [UInt8] = []
        var iterator = token.utf8.dropFirst(2).makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = Self.hex(high), let l = Self.hex(low) else { return nil }
            bytes.append(h << 4 | l)
        }
        guard let plain = String(validating: bytes, as: UTF8.self) else { return nil }
        let fields = plain.split(separator: "~", omittingEmptySubsequences: false).map(String.init)
        let shape = Self.shape(of: order)
        guard fields.count == 1 + shape.text + shape.number + 1, fields[0] == order.rawValue,
              let id = Int64(fields[fields.count - 1]) else { return nil }
        let numbers = fields[(1 + shape.text)..<(fields.count - 1)].compactMap { Double($0) }
        guard numbers.count == shape.number, numbers.allSatisfy(\.isFinite) else { return nil }
        self.order = order
        self.text = Array(fields[1..<(1 + shape.text)])
        self.number = numbers
        self.id = id
    }

    /// How many text and numeric sort fields precede the id for each order.
    static func shape(of order: ObservationQuery.Order) -> (text: Int, number: Int) {
        switch order {
        case .period, .periodDescending: return (3, 1)   // indicator, region, kind+scope; period
        case .region: return (3, 1)                       // indicator, region, kind+scope; period
        case .value, .valueDescending: return (1, 2)      // indicator; period, value
        }
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        default: return nil
        }
    }
}

/// A page of observations and where the next one starts.
public struct ObservationPage: Sendable {
    public var observations: [StoredObservation]
    public var next: PageCursor?
}
