import Domain

/// A flow's year-to-date value below that of the period before it in the same year (Q2 below
/// Q1): accepted, since revisions downwards do happen, but worth a second look.
public struct YearToDateWarning: Sendable {
    /// The row's `ObservationBatch.Row.position`.
    public var position: Int
    public var period: Period
    public var value: Double
    public var previousPeriod: Period
    public var previousValue: Double
}
