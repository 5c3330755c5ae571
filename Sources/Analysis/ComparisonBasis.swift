/// What a transformation compares for a period of a year-to-date flow.
///
/// - `ch1` and `pc1` compare the year-to-date value with the same period's a year before:
///   2022-Q3 (January–September) with 2021-Q3, the 累计同比 of Chinese statistics.
/// - `chg`, `pch` and `pca` compare each period's own increment (Q3 = Q3 year-to-date − Q2
///   year-to-date; Q1 and January are their own year-to-date) with the period before's, across
///   the year's end too: the 环比 of 当季值 (single-quarter values).
///
/// Comparing one year-to-date value with the one before would set 2022-Q1 (three months) against
/// 2021-Q4 (twelve): a "change" that is mostly the calendar. Comparing only within a year would
/// leave every Q1 and January null. Increments are what FRED's own flow series hold (GDP by
/// quarter), so its formulas mean the same thing on them.
public enum ComparisonBasis: String, Sendable, CaseIterable, Hashable {
    /// The value as stored (or derived): for a flow's quarter or month, its year-to-date value.
    case value
    /// A flow's quarter or month alone: its year-to-date value less the period before's in the same year.
    case periodIncrement = "period_increment"
}
