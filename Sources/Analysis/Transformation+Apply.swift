#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Domain

extension Transformation {
    /// Every point of `points` transformed, in period order. Each frequency is its own series: a
    /// year's prior is the year before, a quarter's the quarter before, whatever else is mixed in.
    /// A prior is looked up by calendar, never by position: with 2021 missing, `chg` of 2022 is
    /// null, not the change from 2020.
    ///
    /// Points before the range asked for may be given as look-back; the caller drops them after.
    public func apply(to points: [SeriesPoint], profile: SeriesProfile) -> [AnalysedPoint] {
        var series: [Period: SeriesPoint] = [:]
        for point in points { series[point.period] = point }
        return series.values.sorted { $0.period < $1.period }.map { point in
            AnalysedPoint(period: point.period, outcome: outcome(at: point, in: series, profile: profile),
                          derivation: point.derivation)
        }
    }

    private func outcome(at point: SeriesPoint, in series: [Period: SeriesPoint],
                         profile: SeriesProfile) -> AnalysedPoint.Outcome {
        let period = point.period
        guard let (formula, againstYearAgo) = comparison else {
            guard self == .log else { return .value(point.value) }
            guard point.value > 0 else { return .null(.nonPositive(period)) }
            return Self.finite(naturalLog(point.value))
        }
        let prior = againstYearAgo ? period.yearAgo : period.previous
        let basis = basis(for: period.frequency, profile: profile)
        let current: Double, before: Double
        switch (Self.operand(period, basis: basis, in: series), Self.operand(prior, basis: basis, in: series)) {
        case (.null(let reason), _), (_, .null(let reason)):
            return .null(reason)
        case let (.value(a), .value(b)):
            current = a
            before = b
        }
        switch formula {
        case .difference:
            return Self.finite(current - before)
        case .percent:
            guard before > 0 else { return .null(.nonPositive(prior)) }
            // FRED's (x(t) ÷ x(t−1) − 1) × 100, rounded once instead of twice: 121 on 110 is 10, not 10.000000000000009.
            return Self.finite(100 * (current - before) / before)
        case .compoundedAnnual:
            guard before > 0 else { return .null(.nonPositive(prior)) }
            let n = period.frequency.periodsPerYear
            // An even power (4, 12) would turn a fall below zero into growth; a year's is pch.
            guard current >= 0 || n == 1 else { return .null(.negative(period)) }
            return Self.finite((pow(current / before, Double(n)) - 1) * 100)
        }
    }

    /// The formula of a transformation that compares with an earlier period, and whether that
    /// period is a year before (else the period before); nil for `lin` and `log`.
    private var comparison: (Formula, againstYearAgo: Bool)? {
        switch self {
        case .lin, .log: return nil
        case .chg: return (.difference, false)
        case .ch1: return (.difference, true)
        case .pch: return (.percent, false)
        case .pc1: return (.percent, true)
        case .pca: return (.compoundedAnnual, false)
        }
    }

    private enum Formula {
        case difference, percent, compoundedAnnual
    }

    /// x(t) for `period` on `basis`: its value, or for a flow's period increment, its
    /// year-to-date value less the one before it in the same year.
    private static func operand(_ period: Period, basis: ComparisonBasis,
                                in series: [Period: SeriesPoint]) -> AnalysedPoint.Outcome {
        guard let point = series[period] else { return .null(.missingPrior(period)) }
        guard !point.isPartial else { return .null(.partial(period)) }
        guard basis == .periodIncrement, !period.startsItsYear else { return .value(point.value) }
        let previous = period.previous
        guard let earlier = series[previous] else { return .null(.missingPrior(previous)) }
        guard !earlier.isPartial else { return .null(.partial(previous)) }
        return .value(point.value - earlier.value)
    }

    private static func finite(_ value: Double) -> AnalysedPoint.Outcome {
        value.isFinite ? .value(value) : .null(.notFinite)
    }
}

/// The C library's `log`, out of reach inside `Transformation`, whose `.log` case shadows it.
private func naturalLog(_ x: Double) -> Double { log(x) }
