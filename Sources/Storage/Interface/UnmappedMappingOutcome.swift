import Domain

/// What mapping an unmapped figure did: the figure as it now stands, the fact it became, and
/// whether its phrase was new as an alias.
public struct UnmappedMappingOutcome: Sendable {
    public var unmapped: UnmappedFact
    /// The proposed fact of the indicator, appended to the document's facts.
    public var fact: Fact
    /// False when the phrase was an alias of the indicator already (mapped before, or named in
    /// indicators.yaml since the report was loaded).
    public var aliasAdded: Bool
    /// False when the figure had been mapped to the same indicator before: nothing was written.
    public var changed: Bool
}
