/// What seeding the catalogue files changed among the regions.
public struct CatalogueSeedSummary: Sendable, Equatable {
    public var regionsAdded = 0
    public var regionsUpdated = 0
    /// Regions whose entry in the files differs from the database, left alone because an admin
    /// created or changed them through `POST /regions` (`regions.managed_by = 'admin'`).
    public var regionsHeld: [String] = []

    public init() {}
}
