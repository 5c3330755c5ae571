import Domain
/// The facts found in a document, in text order, and what the document says about itself.
public struct ExtractionResult: Sendable {
    /// Facts about catalogued indicators.
    public var facts: [Fact]
    /// Figures bound to indicator phrases the catalogue does not know, listed apart.
    public var unmapped: [UnmappedFact]
    public var metadata: DocumentMetadata

    public init(facts: [Fact], unmapped: [UnmappedFact] = [], metadata: DocumentMetadata) {
        self.facts = facts
        self.unmapped = unmapped
        self.metadata = metadata
    }
}
