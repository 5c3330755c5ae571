import Domain

/// A fact found in a stored document, as kept in the `facts` table: what the extractor said,
/// and how a person reviewed it.
///
/// `region` and `period` are nil when the report does not say them (the `reasons` then say so):
/// such a fact is proposed like any other, and a reviewer supplies what is missing when
/// accepting it.
public struct DocumentFact: Sendable, Hashable {
    /// Whether a fact has been looked at: `proposed` until someone accepts or rejects it.
    public enum Review: String, Sendable, CaseIterable {
        case proposed, accepted, rejected
    }

    public var indicator: String
    public var scope: RankScope?
    public var region: String?
    public var period: Period?
    public var kind: ObservationKind
    /// In the indicator's base unit.
    public var value: Double
    public var unit: String
    public var bound: Bound?
    public var status: ObservationStatus
    public var approximate: Bool
    public var confidence: Double
    /// Why the confidence is below certainty, and what is missing, in the extractor's words.
    public var reasons: [String]
    /// Qualifiers the text attaches to the figure (区本级, 规上, 年均).
    public var note: String?
    public var quote: String
    /// Unicode scalar offsets into the document's text.
    public var start: Int
    public var end: Int

    /// Set by the store (the fact's number within its document, from 1) and by its reviews.
    public var seq: Int = 0
    public var review: Review = .proposed
    public var reviewedBy: String?
    public var reviewedAt: Timestamp?
    /// The revision an accepted fact wrote (or found already in place).
    public var revisionID: Int64?

    public init(indicator: String, scope: RankScope?, region: String?, period: Period?, kind: ObservationKind,
                value: Double, unit: String, bound: Bound?, status: ObservationStatus, approximate: Bool,
                confidence: Double, reasons: [String] = [], note: String? = nil, quote: String, start: Int, end: Int) {
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

    /// What a reviewer must supply before the fact can be accepted: `region`, `period`, both or neither.
    public var missing: [String] {
        (region == nil ? ["region"] : []) + (period == nil ? ["period"] : [])
    }

    /// The observation accepting this fact writes to; nil while its region or period is missing.
    public var observationKey: ObservationKey? {
        guard let region, let period else { return nil }
        return ObservationKey(indicator: indicator, region: region, period: period, kind: kind, scope: scope)
    }
}
