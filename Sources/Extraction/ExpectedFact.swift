import Domain

/// One hand-checked fact of an expected file (the format of `linan-2021.expected.json`).
public struct ExpectedFact: Sendable, Hashable, Codable {
    public var indicator: String
    public var labelZh: String?
    public var year: Int
    public var kind: ObservationKind
    public var value: Double
    public var unit: String?
    public var region: String?
    public var quote: String?
    public var scope: RankScope?
    public var bound: Bound?

    public init(indicator: String, year: Int, kind: ObservationKind, value: Double, scope: RankScope? = nil,
                bound: Bound? = nil, quote: String? = nil) {
        self.indicator = indicator
        self.year = year
        self.kind = kind
        self.value = value
        self.scope = scope
        self.bound = bound
        self.quote = quote
    }

    enum CodingKeys: String, CodingKey {
        case indicator, year, kind, value, unit, region, quote, scope, bound
        case labelZh = "label_zh"
    }

    /// Indicator, year, kind, value (relative tolerance 1e-6) and bound agree, and scope when given.
    public func matches(_ f: ExtractedFact) -> Bool {
        guard f.indicator == indicator, f.period.year == year, f.kind == kind, f.bound == bound else { return false }
        if let s = scope, f.scope != s { return false }
        let tolerance = max(abs(value), abs(f.value)) * 1e-6
        return abs(f.value - value) <= max(tolerance, 1e-9)
    }
}
