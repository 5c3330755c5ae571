/// The facts found in a document, in text order, and what the document says about itself.
public struct ExtractionResult: Sendable {
    public var facts: [ExtractedFact]
    public var metadata: DocumentMetadata

    public init(facts: [ExtractedFact], metadata: DocumentMetadata) {
        self.facts = facts
        self.metadata = metadata
    }
}
