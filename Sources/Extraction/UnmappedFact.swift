import Domain

/// A number bound to an indicator phrase the catalogue does not know (工业总产值65.28亿元).
///
/// It is proposed apart from catalogue facts so that a reviewer can map the phrase to an
/// indicator, which then keeps the phrase as an alias for the next report.
public struct UnmappedFact: Sendable, Hashable, Codable {
    /// The indicator phrase as written in the text.
    public var phrase: String
    public var region: String?
    public var period: Period?
    public var kind: ObservationKind
    /// In base units when the unit says how (亿元 → yuan); otherwise as written.
    public var value: Double
    /// `yuan`, `percent`, `percentage_points`, `count` or `index`: the base unit the value is in.
    public var unit: IndicatorUnit
    /// The count's classifier as written (家, 项, 件), for a reviewer choosing an indicator.
    public var classifier: String?
    /// Set when the value is a growth rate of the phrase (工业总产值同比增长31.3%).
    public var isGrowth: Bool
    public var bound: Bound?
    public var approximate: Bool
    public var confidence: Double
    public var reasons: [String]
    public var quote: String
    public var start: Int
    public var end: Int

    public init(phrase: String, region: String?, period: Period?, kind: ObservationKind, value: Double,
                unit: IndicatorUnit, classifier: String? = nil, isGrowth: Bool = false, bound: Bound? = nil,
                approximate: Bool = false, confidence: Double, reasons: [String] = [], quote: String,
                start: Int, end: Int) {
        self.phrase = phrase
        self.region = region
        self.period = period
        self.kind = kind
        self.value = value
        self.unit = unit
        self.classifier = classifier
        self.isGrowth = isGrowth
        self.bound = bound
        self.approximate = approximate
        self.confidence = confidence
        self.reasons = reasons
        self.quote = quote
        self.start = start
        self.end = end
    }
}
