import Domain

/// FRED's `units` transformations, with FRED's names and formulas (fredhelp.stlouisfed.org,
/// "What formulas are used to calculate growth rates?"), where x(t−1) is the period before of the
/// same frequency and n is the number of periods a year (1, 4 or 12):
///
/// | name | meaning | formula |
/// | --- | --- | --- |
/// | `lin` | levels, as stored | x(t) |
/// | `chg` | change | x(t) − x(t−1) |
/// | `ch1` | change from a year ago | x(t) − x(t−n) |
/// | `pch` | percent change | (x(t) ÷ x(t−1) − 1) × 100 |
/// | `pc1` | percent change from a year ago | (x(t) ÷ x(t−n) − 1) × 100 |
/// | `pca` | compounded annual rate of change | ((x(t) ÷ x(t−1))ⁿ − 1) × 100 |
/// | `log` | natural log | ln(x(t)) |
///
/// So `ch1` and `pc1` of `2022-Q3` compare with `2021-Q3`, of `2022-09` with `2021-09`; `pca`
/// of a quarter compounds four times, of a month twelve, and of a year equals `pch`.
///
/// FRED's series have no year-to-date values; Zhibiao's flows do, and `ComparisonBasis` says
/// what x is for them. A missing x(t−1) or x(t−n) is never taken as 0: the answer is null with a
/// `NullReason`, as it is where the formula is undefined or misleading: `log` of a value ≤ 0, a
/// percent change from a base ≤ 0, a quarter's or month's `pca` to a negative value, and any
/// comparison with a partial (part-year) value.
public enum Transformation: String, Sendable, CaseIterable, Hashable {
    case lin, chg, ch1, pch, pc1, pca, log

    /// Whether the value depends on an earlier period: a query for these reads a year before `from`.
    public var looksBack: Bool {
        switch self {
        case .lin, .log: return false
        case .chg, .ch1, .pch, .pc1, .pca: return true
        }
    }

    /// The unit of the transformed values, for an indicator in `unit`; nil where there is none
    /// (`log`). A percent's change is in percentage points, not percent: 2.1% to 2.4% is +0.3 pp,
    /// a 14.3% rise.
    public func unit(for unit: IndicatorUnit) -> IndicatorUnit? {
        switch self {
        case .lin: return unit
        case .chg, .ch1: return unit == .percent ? .percentagePoints : unit
        case .pch, .pc1, .pca: return .percent
        case .log: return nil
        }
    }

    /// What x(t) stands for when transforming a period of `frequency` in a series of `profile`.
    public func basis(for frequency: Frequency, profile: SeriesProfile) -> ComparisonBasis {
        guard profile.isYearToDateFlow, frequency != .year else { return .value }
        switch self {
        case .chg, .pch, .pca: return .periodIncrement
        case .lin, .ch1, .pc1, .log: return .value
        }
    }
}
