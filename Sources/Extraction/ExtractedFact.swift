import Domain

/// One indicator value found in a report, with where it came from.
///
/// `value` is in the indicator's base unit (yuan, count, percent); `start` and `end` are Unicode
/// scalar offsets into the text given to the extractor and `quote` is exactly that slice.
public struct ExtractedFact: Sendable, Hashable, Codable {
    /// Catalogue code: a base indicator, or a derived one (`<code>_growth`, `_rank`,
    /// `_growth_rank`, `_change_pp`, `_target_completion`).
    public var indicator: String
    /// For ranks: where the rank is taken (居全省 → province).
    public var scope: RankScope?
    /// Nil when neither the text nor the caller says where: `reasons` then says so, and a
    /// reviewer supplies it before the fact can be accepted.
    public var region: String?
    /// Nil when neither the text nor the caller says when.
    public var period: Period?
    public var kind: ObservationKind
    public var value: Double
    public var unit: IndicatorUnit
    public var bound: Bound?
    public var status: ObservationStatus
    /// 近, 约, 左右, 超, 余, 多.
    public var approximate: Bool
    public var confidence: Double
    /// Why the confidence is below certainty, and what is missing, for a reviewer to read.
    public var reasons: [String]
    /// Qualifiers the text attaches to the figure: 区本级, 规上, 同口径, 年均 (2021–2025).
    public var note: String?
    public var quote: String
    public var start: Int
    public var end: Int

    public init(indicator: String, scope: RankScope? = nil, region: String?, period: Period?, kind: ObservationKind,
                value: Double, unit: IndicatorUnit, bound: Bound? = nil, status: ObservationStatus = .provisional,
                approximate: Bool = false, confidence: Double, reasons: [String] = [], note: String? = nil,
                quote: String, start: Int, end: Int) {
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
        self.reasons = reasons
        self.note = note
        self.quote = quote
        self.start = start
        self.end = end
    }
}

extension ExtractedFact {
    /// What makes two facts the same claim: repeated paragraphs and tables give it once.
    var key: String {
        "\(indicator)|\(scope?.rawValue ?? "")|\(region ?? "")|\(period?.description ?? "")|\(kind.rawValue)|\(value)|\(bound?.rawValue ?? "")"
    }

    /// The reason given when the text does not name the fact's region.
    public static let noRegionReason = "no region in the text: pass --region or set it in review"
    /// The reason given when the text does not say which year the fact is for.
    public static let noPeriodReason = "no year in the text: pass --year or set the period in review"
}
