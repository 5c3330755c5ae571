import Domain

/// One value of a series as the transformations see it: stored, or derived by frequency
/// aggregation (then `derivation` says how).
public struct SeriesPoint: Sendable, Hashable {
    public var period: Period
    public var value: Double
    /// Nil for a stored value.
    public var derivation: Derivation?

    public init(period: Period, value: Double, derivation: Derivation? = nil) {
        self.period = period
        self.value = value
        self.derivation = derivation
    }

    public var isDerived: Bool { derivation != nil }
    public var isPartial: Bool { derivation?.isPartial ?? false }
}
