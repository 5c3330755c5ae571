import Domain

/// One indicator value found in a report, with where it came from.
///
/// `value` is in the indicator's base unit (yuan, count, percent); `start` and `end` are Unicode
/// scalar offsets into the text given to the extractor and `quote` is exactly that slice.
public struct ExtractedFact: Sendable, Hashable, Codable {
    /// Catalogue code: a base indicator, or `<code>_growth`, `<code>_rank`, `<code>_growth_rank`.
    public var indicator: String
    /// For ranks: where the rank is taken (居全省 → province).
    public var scope: RankScope?
    public var region: String
    public var period: Period
    public var kind: ObservationKind
    public var value: Double
    public var unit: IndicatorUnit
    public var bound: Bound?
    public var status: ObservationStatus
    /// 近, 约, 左右, 超, 余, 多.
    public var approximate: Bool
    public var confidence: Double
    public var quote: String
    public var start: Int
    public var end: Int

    public init(indicator: String, scope: RankScope? = nil, region: String, period: Period, kind: ObservationKind,
                value: Double, unit: IndicatorUnit, bound: Bound? = nil, status: ObservationStatus = .provisional,
                approximate: Bool = false, confidence: Double, quote: String, start: Int, end: Int) {
        self.indicator = indicator
        self.scope = scope
        self.region = region
        self.period = period
        self.kind = kind
        self.value = value
        self.unit = unit
        self.bound = bound
        self.status = status
        self.approximate = approximate
        self.confidence = confidence
        self.quote = quote
        self.start = start
        self.end = end
    }
}

extension ExtractedFact {
    /// What makes two facts the same claim: repeated paragraphs and tables give it once.
    var key: String {
        "\(indicator)|\(scope?.rawValue ?? "")|\(region)|\(period)|\(kind.rawValue)|\(value)|\(bound?.rawValue ?? "")"
    }
}
