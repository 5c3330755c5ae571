/// One indicator value a report states, with where it came from, and how a reviewer judged it.
///
/// The extractor makes it (`review` then `.proposed`, `seq` 0), the loader keeps it with its
/// document, and accepting it records its value as an observation citing the span. `value` is in
/// the indicator's base unit (yuan, count, percent); `start` and `end` are Unicode scalar offsets
/// into the document's text, and `quote` is exactly that slice.
///
/// `region` and `period` are nil when neither the text nor the caller says them (`reasons` then
/// say so): such a fact is proposed like any other, and a reviewer supplies what is missing when
/// accepting it.
public struct Fact: Sendable, Hashable, Codable {
    /// Whether a fact has been looked at: `proposed` until someone accepts or rejects it.
    public enum Review: String, Sendable, CaseIterable, Codable {
        case proposed, accepted, rejected
    }

    /// Catalogue code: a base indicator, or a derived one (`<code>_growth`, `_rank`,
    /// `_growth_rank`, `_change_pp`, `_target_completion`).
    public var indicator: String
    /// For ranks: where the rank is taken (居全省 → province).
    public var scope: RankScope?
    public var region: String?
    public var period: Period?
    public var kind: ObservationKind
    public var value: Double
    public var unit: IndicatorUnit
    public var bound: Bound?
    /// The status the observation gets when the fact is accepted.
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

    /// Set by the store (the fact's number within its document, from 1) and by its reviews.
    public var seq: Int = 0
    public var review: Review = .proposed
    public var reviewedBy: String?
    public var reviewedAt: Timestamp?
    /// The revision an accepted fact wrote (or found already in place).
    public var revisionID: Int64?

    /// What the extractor says; the review's state is the store's, not part of a fact's JSON.
    private enum CodingKeys: String, CodingKey {
        case indicator, scope, region, period, kind, value, unit, bound, status, approximate, confidence, reasons, note,
             quote, start, end
    }

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

    /// The reason given when the text does not name the fact's region.
    public static let noRegionReason = "no region in the text: pass --region or set it in review"
    /// The reason given when the text does not say which year the fact is for.
    public static let noPeriodReason = "no year in the text: pass --year or set the period in review"

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

extension Array where Element == String {
    /// Reasons with what is missing said once: a reviewer reads why a fact cannot be accepted as
    /// it stands, whether or not the extractor said so itself.
    public func namingMissing(region: String?, period: Period?) -> [String] {
        var out = self
        if region == nil, !out.contains(Fact.noRegionReason) { out.append(Fact.noRegionReason) }
        if period == nil, !out.contains(Fact.noPeriodReason) { out.append(Fact.noPeriodReason) }
        return out
    }
}
