import Domain
import Extraction
import Storage

/// What loading one report did: the document kept (or found already kept), its facts with
/// their review state, the figures of phrases the catalogue lacks (apart: never counted as
/// facts), and what could not be kept.
public struct LoadReport: Sendable {
    /// nil for a dry run, which stores nothing.
    public var documentID: Int64?
    /// False when the same text was loaded before: then `facts` and `unmapped` are the stored ones.
    public var created: Bool
    public var dryRun: Bool
    public var document: NewDocument
    public var metadata: DocumentMetadata
    public var facts: [Fact]
    public var unmapped: [UnmappedFact]
    public var skipped: [SkippedFact]
    /// Facts and unmapped figures below the caller's `minConfidence`, left out of this load.
    public var belowConfidence: Int

    public init(documentID: Int64?, created: Bool, dryRun: Bool, document: NewDocument, metadata: DocumentMetadata,
                facts: [Fact], unmapped: [UnmappedFact], skipped: [SkippedFact], belowConfidence: Int = 0) {
        self.documentID = documentID
        self.created = created
        self.dryRun = dryRun
        self.document = document
        self.metadata = metadata
        self.facts = facts
        self.unmapped = unmapped
        self.skipped = skipped
        self.belowConfidence = belowConfidence
    }
}
