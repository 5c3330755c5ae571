import Domain

/// One hand-checked fact of an expected file, in the annotation format of the report corpus
/// (`Tests/ExtractionTests/Fixtures/corpus/README.md`).
public struct ExpectedFact: Sendable, Hashable, Codable {
    public var indicator: String
    public var labelZh: String?
    /// Nil where the text gives no way to know the year; the match then ignores it.
    public var year: Int?
    public var kind: ObservationKind
    public var value: Double
    public var unit: String?
    public var region: String?
    public var quote: String?
    public var scope: RankScope?
    /// Checked only when the annotation states it (the seed's annotation does).
    public var bound: Bound?
    /// `2021-10` for a year-to-date value; informative, not matched.
    public var period: String?
    public var note: String?
    /// The place the annotator worked out where the text says only 全市 or 我区.
    public var regionInferred: String?

    public init(indicator: String, year: Int?, kind: ObservationKind, value: Double, scope: RankScope? = nil,
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
        case indicator, year, kind, value, unit, region, quote, scope, bound, period, note
        case labelZh = "label_zh"
        case regionInferred = "region_inferred"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        indicator = try c.decode(String.self, forKey: .indicator)
        labelZh = try c.decodeIfPresent(String.self, forKey: .labelZh)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        kind = try c.decode(ObservationKind.self, forKey: .kind)
        value = try c.decode(Double.self, forKey: .value)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        region = try c.decodeIfPresent(String.self, forKey: .region)
        quote = try c.decodeIfPresent(String.self, forKey: .quote)
        // Annotators write `country` for a national rank (位居全国第二).
        let scopeName = try c.decodeIfPresent(String.self, forKey: .scope)
        scope = scopeName.map { $0 == "country" ? "nation" : $0 }.flatMap(RankScope.init(rawValue:))
        if let scopeName, scope == nil {
            throw DecodingError.dataCorruptedError(forKey: .scope, in: c, debugDescription: "unknown scope '\(scopeName)'")
        }
        bound = try c.decodeIfPresent(Bound.self, forKey: .bound)
        period = try c.decodeIfPresent(String.self, forKey: .period)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        regionInferred = try c.decodeIfPresent(String.self, forKey: .regionInferred)
    }

    /// Relative tolerance of a value match: annotations round as the text does (16.0亿 vs 16.02).
    public static let tolerance = 0.005

    /// Indicator, year (when annotated), kind and value (within 0.5%) agree, and scope and bound
    /// when the annotation gives them.
    public func matches(_ f: Fact) -> Bool {
        guard f.indicator == indicator, f.kind == kind else { return false }
        if let y = year, f.period?.year != y { return false }
        if let b = bound, f.bound != b { return false }
        if let s = scope, f.scope != s { return false }
        let allowed = max(abs(value), abs(f.value)) * Self.tolerance
        return abs(f.value - value) <= max(allowed, 1e-9)
    }
}
