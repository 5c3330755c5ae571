import Domain

/// Values of a coarser frequency made from a series' finer ones: `frequency=year` over an
/// indicator reported by quarter or month (FRED's frequency aggregation).
///
/// - A stored value of the target frequency always wins: 2022 as reported, never 2022 as added
///   up from its quarters, even where the two differ.
/// - Otherwise the period is derived from its parts (`AggregationMethod` says how) and carries a
///   `Derivation`. Quarters are tried before months: a year is made from one frequency, never
///   from a mix, and the coarser one is what the yearly bulletins repeat.
/// - A period whose parts stop short (only Q1–Q3) is left out, unless `includesPartial`; then the
///   frequency whose parts reach furthest into the period is used and the value is marked partial.
/// - Periods coarser than the target (years, when the target is quarters) are dropped: they
///   cannot be split.
///
/// Zhibiao stores flows year-to-date, so a flow's year is its Q4 or December value; there is no
/// stored-as-increments case to sum.
public struct FrequencyAggregation: Sendable, Hashable {
    public var target: Frequency
    /// Nil: the profile's default (`AggregationMethod.defaultMethod(for:)`).
    public var method: AggregationMethod?
    public var includesPartial: Bool

    public init(target: Frequency, method: AggregationMethod? = nil, includesPartial: Bool = false) {
        self.target = target
        self.method = method
        self.includesPartial = includesPartial
    }

    /// The series at the target frequency, in period order.
    public func aggregate(_ values: [Period: Double], profile: SeriesProfile) -> [SeriesPoint] {
        let method = self.method ?? .defaultMethod(for: profile)
        var targets = Set<Period>()
        for period in values.keys {
            if period.frequency == target {
                targets.insert(period)
            } else if let whole = period.containing(target) {
                targets.insert(whole)
            }
        }
        return targets.sorted().compactMap { period in
            if let stored = values[period] { return SeriesPoint(period: period, value: stored) }
            return derive(period, method: method, profile: profile, values: values)
        }
    }

    private func derive(_ period: Period, method: AggregationMethod, profile: SeriesProfile,
                        values: [Period: Double]) -> SeriesPoint? {
        var best: (value: Double, derivation: Derivation)?
        for source in Frequency.allCases where target.isCoarser(than: source) {
            guard let candidate = Self.combine(period.parts(in: source), source: source, method: method,
                                               profile: profile, values: values) else { continue }
            if !candidate.derivation.isPartial {
                best = candidate
                break
            }
            guard includesPartial else { continue }
            // Ties go to the coarser frequency, tried first.
            if let reached = best?.derivation.through, reached.endMonth >= candidate.derivation.through.endMonth { continue }
            best = candidate
        }
        return best.map { SeriesPoint(period: period, value: $0.value, derivation: $0.derivation) }
    }

    /// One period's value from its `parts` of `source` frequency; nil when none of them is there,
    /// or when a flow's mean lacks the year-to-date value it starts from.
    private static func combine(_ parts: [Period], source: Frequency, method: AggregationMethod,
                                profile: SeriesProfile, values: [Period: Double]) -> (value: Double, derivation: Derivation)? {
        let present = parts.compactMap { part in values[part].map { (period: part, value: $0) } }
        guard let last = present.last, let lastIndex = parts.firstIndex(of: last.period) else { return nil }
        let reachesEnd = lastIndex == parts.count - 1
        let value: Double
        let isWhole: Bool
        switch (method, profile.isYearToDateFlow) {
        case (.eop, _), (.sum, true):
            value = last.value
            isWhole = reachesEnd
        case (.sum, false):
            value = present.reduce(0) { $0 + $1.value }
            isWhole = present.count == parts.count
        case (.avg, false):
            value = present.reduce(0) { $0 + $1.value } / Double(present.count)
            isWhole = present.count == parts.count
        case (.avg, true):
            // Year-to-date values cumulate from January: a quarter's own total is its last month
            // less the month before it began, which lies outside the quarter.
            let opening: Double
            if parts[0].startsItsYear {
                opening = 0
            } else if let before = values[parts[0].previous] {
                opening = before
            } else {
                return nil
            }
            value = (last.value - opening) / Double(lastIndex + 1)
            isWhole = reachesEnd
        }
        return (value, Derivation(method: method, source: source, through: last.period, isPartial: !isWhole))
    }
}
