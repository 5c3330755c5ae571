import Domain

/// What the arithmetic needs to know of an indicator: its unit, and whether its quarterly and
/// monthly values are year-to-date sums of a flow.
///
/// Zhibiao stores every flow's quarters and months year-to-date (the 累计 convention, see
/// `Period`), never as the period's own increment; an indicator whose catalogue aggregation is
/// `sum` is such a flow. Stocks and ratios (`last`) are read at the period's end.
public struct SeriesProfile: Sendable, Hashable {
    public var unit: IndicatorUnit
    public var isYearToDateFlow: Bool

    public init(unit: IndicatorUnit, isYearToDateFlow: Bool) {
        self.unit = unit
        self.isYearToDateFlow = isYearToDateFlow
    }

    public init(indicator: Indicator) {
        self.init(unit: indicator.unit, isYearToDateFlow: indicator.aggregation == .sum)
    }
}
