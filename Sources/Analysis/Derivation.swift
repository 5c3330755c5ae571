import Domain

/// How a derived value was made from finer periods: served as `derived: true`, with enough to
/// say "2022, the sum of 2022-Q1…2022-Q3, partial".
public struct Derivation: Sendable, Hashable {
    public var method: AggregationMethod
    /// The frequency of the periods it was made from.
    public var source: Frequency
    /// The last period that went into it: 2022-Q4, or 2022-Q3 for a partial year.
    public var through: Period
    /// Made from fewer periods than the whole (only Q1–Q3 of a year): served only on request.
    public var isPartial: Bool

    public init(method: AggregationMethod, source: Frequency, through: Period, isPartial: Bool) {
        self.method = method
        self.source = source
        self.through = through
        self.isPartial = isPartial
    }
}
