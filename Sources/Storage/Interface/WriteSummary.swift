import Domain

/// What a write of observations did (or, in a dry run, would do).
public struct WriteSummary: Sendable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    /// Every year-to-date value below the one before it, in no particular order.
    public var warnings: [YearToDateWarning] = []
}
