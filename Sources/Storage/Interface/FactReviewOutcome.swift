import Domain

/// What accepting or rejecting one fact did.
public struct FactReviewOutcome: Sendable {
    /// For an accepted fact, what recording it did to its observation; `unchanged` when it was
    /// accepted before (nothing written twice) or the observation already had that value.
    public var outcome: WriteOutcome
    /// The fact as it now stands.
    public var fact: Fact
}
