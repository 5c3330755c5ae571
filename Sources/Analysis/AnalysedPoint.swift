import Domain

/// One period of a transformed series: a value, or null and why.
public struct AnalysedPoint: Sendable, Hashable {
    public var period: Period
    public var outcome: Outcome
    /// How the untransformed value was derived; nil when stored.
    public var derivation: Derivation?

    public enum Outcome: Sendable, Hashable {
        case value(Double)
        case null(NullReason)
    }

    public init(period: Period, outcome: Outcome, derivation: Derivation? = nil) {
        self.period = period
        self.outcome = outcome
        self.derivation = derivation
    }

    public var value: Double? {
        if case .value(let v) = outcome { return v }
        return nil
    }

    public var nullReason: NullReason? {
        if case .null(let reason) = outcome { return reason }
        return nil
    }
}
