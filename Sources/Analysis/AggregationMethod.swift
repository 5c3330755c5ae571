/// How `frequency=year` (or `quarter`) makes one value from a period's quarters or months:
/// FRED's `aggregation_method`, with meanings fitted to year-to-date flows.
///
/// | method | stock or ratio | year-to-date flow |
/// | --- | --- | --- |
/// | `eop` | the last part's value (Q4, December) | the last part's year-to-date value |
/// | `sum` | the sum of the parts' values | the same as `eop`: the parts' own increments add up to the last year-to-date value |
/// | `avg` | the mean of the parts' values | the mean increment per part: (year-to-date at the end − at the start) ÷ parts |
///
/// A year is whole when its last part is there (`eop`, and anything over a flow) or when all its
/// parts are (`sum` and `avg` over a stock or ratio): otherwise it is partial.
public enum AggregationMethod: String, Sendable, CaseIterable, Hashable {
    case sum, eop, avg

    /// Flows add up (their year is the Q4 or December year-to-date value); stocks and ratios are
    /// read at the end of the period.
    public static func defaultMethod(for profile: SeriesProfile) -> AggregationMethod {
        profile.isYearToDateFlow ? .sum : .eop
    }
}
