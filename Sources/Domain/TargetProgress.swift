/// How far an actual value is towards a year's target.
///
/// - `achieved` is actual/target, or target/actual where less is better (a `max` bound, or an
///   indicator whose `higherIsBetter` is false), so that 1 always means "exactly on target".
/// - `expected` is the share that should be reached by the actual's period: for flows
///   (aggregation `sum`, values year-to-date) the linear pace months/12; for stocks and ratios the
///   straight line from last year's actual to the target when last year is known, else 1.
/// - `status`: `met` once achieved ≥ 1 (for less-is-better only at the year's end: a cap can
///   still be broken until then); at the year's end anything else is `behind`; before it,
///   `on_track` when achieved ≥ expected, else `behind`; `no_data` without an actual.
public struct TargetProgress: Sendable, Hashable {
    public enum Status: String, Sendable, CaseIterable {
        case met
        case onTrack = "on_track"
        case behind
        case noData = "no_data"
    }

    public var achieved: Double?
    public var expected: Double?
    public var status: Status

    public init(target: Double, bound: Bound?, higherIsBetter: Bool, aggregation: Aggregation,
                actual: Double?, actualPeriod: Period?, previousYear: Double? = nil) {
        guard let actual, let period = actualPeriod else {
            self.init(achieved: nil, expected: nil, status: .noData)
            return
        }
        let lessIsBetter = bound == .max || (bound == nil && !higherIsBetter)
        let fraction = Double(period.endMonth) / 12
        let yearEnd = period.endMonth == 12
        let achieved: Double? = lessIsBetter
            ? (actual > 0 ? target / actual : (actual == 0 ? .infinity : nil))
            : (target != 0 ? actual / target : nil)
        var expected: Double
        switch aggregation {
        case .sum:
            expected = fraction
        case .last:
            if let previousYear, target != 0, !yearEnd {
                let line = previousYear + (target - previousYear) * fraction
                expected = lessIsBetter ? (line != 0 ? target / line : 1) : line / target
            } else {
                expected = 1
            }
        }
        // A cap on a year-to-date flow is paced too: half the year may use half the cap.
        if lessIsBetter, aggregation == .sum { expected = 1 / max(fraction, 1.0 / 12) }
        let status: Status
        guard let ratio = achieved else {
            self.init(achieved: nil, expected: expected, status: yearEnd ? .behind : .onTrack)
            return
        }
        if ratio >= 1, !lessIsBetter || yearEnd {
            status = .met
        } else if yearEnd {
            status = .behind
        } else {
            status = ratio >= expected - 1e-9 ? .onTrack : .behind
        }
        self.init(achieved: ratio.isFinite ? ratio : nil, expected: expected, status: status)
    }

    public init(achieved: Double?, expected: Double?, status: Status) {
        self.achieved = achieved
        self.expected = expected
        self.status = status
    }
}
