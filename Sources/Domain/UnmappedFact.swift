/// A figure bound to an indicator phrase the catalogue does not know (工业总产值65.28亿元), and
/// how a reviewer judged it.
///
/// It is kept apart from catalogue facts and never counted with them, until a reviewer maps the
/// phrase to an indicator (the figure then becomes a proposed fact of it, and the phrase an alias
/// the next report is read with) or rejects it.
public struct UnmappedFact: Sendable, Hashable, Codable {
    public enum Review: String, Sendable, CaseIterable, Codable {
        case proposed, mapped, rejected
    }

    /// How a mapped figure relates to the indicator it is mapped to.
    public enum Mapping: String, Sendable, CaseIterable {
        /// A value of the indicator itself.
        case value
        /// Its year-on-year growth rate: a value of `<code>_growth`.
        case growth
    }

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

    /// Set by the store (its number among the document's unmapped figures, from 1) and by review.
    public var seq: Int = 0
    public var review: Review = .proposed
    public var reviewedBy: String?
    public var reviewedAt: Timestamp?
    /// Once mapped: the indicator it was mapped to and the fact (`seq` among the document's facts)
    /// the mapping proposed.
    public var mappedIndicator: String?
    public var factSeq: Int?

    /// What the extractor says; the review's state is the store's, not part of the JSON.
    private enum CodingKeys: String, CodingKey {
        case phrase, region, period, kind, value, unit, classifier, isGrowth, bound, approximate, confidence, reasons,
             quote, start, end
    }

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

    /// The mapping the figure itself suggests: growth for a growth rate.
    public var suggestedMapping: Mapping { isGrowth ? .growth : .value }
}
