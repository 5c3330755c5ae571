/// The year-to-date rule of flows (`Aggregation.sum`): a quarter's or a month's value is the
/// total since January (累计), so within a year it should not fall. A value below the period
/// before it is accepted all the same, with a warning, since revisions downwards do happen.
/// `ObservationValidator` checks one input alone; this rule needs its neighbour, so the writer
/// applies it once it knows what the batch and the database hold.
public enum YearToDate {
    /// The `Period.sortKey` of the period before this one in the same year, of the same
    /// frequency (Q1 before Q2, September before October); nil for a year, a first quarter and
    /// January. A key rather than a `Period`: a bulk import asks this once a row.
    public static func previousKey(_ key: Int) -> Int? {
        let endMonth = (key / 4 - 1) % 12 + 1
        switch key % 4 {
        case Frequency.month.sortKeyRank: return endMonth > 1 ? key - 4 : nil
        case Frequency.quarter.sortKeyRank: return endMonth > 3 ? key - 12 : nil
        default: return nil
        }
    }

    /// The period before `period` in the same year, as `previousKey` finds it.
    public static func previous(of period: Period) -> Period? {
        previousKey(period.sortKey).flatMap { Period(sortKey: $0) }
    }

    /// Whether a year-to-date `value` falls below `previous`, that of the period before it.
    public static func falls(_ value: Double, below previous: Double) -> Bool { previous > value }
}

/// A flow's year-to-date value below that of the period before it in the same year (Q2 below
/// Q1): accepted, but worth a second look.
public struct YearToDateWarning: Sendable, Hashable {
    /// Where the row came from: its line in a CSV file, its index in a JSON array.
    public var position: Int
    public var period: Period
    public var value: Double
    public var previousPeriod: Period
    public var previousValue: Double

    public init(position: Int, period: Period, value: Double, previousPeriod: Period, previousValue: Double) {
        self.position = position
        self.period = period
        self.value = value
        self.previousPeriod = previousPeriod
        self.previousValue = previousValue
    }
}
