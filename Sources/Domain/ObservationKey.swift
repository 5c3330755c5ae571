/// What identifies one observation: a rank also needs its scope (全省 vs 全市).
public struct ObservationKey: Hashable, Sendable {
    public var indicator: String
    public var region: String
    public var period: Period
    public var kind: ObservationKind
    public var scope: RankScope?

    public init(indicator: String, region: String, period: Period, kind: ObservationKind = .actual,
                scope: RankScope? = nil) {
        self.indicator = indicator
        self.region = region
        self.period = period
        self.kind = kind
        self.scope = scope
    }
}
