import Extraction
import Storage

/// What loading one report did: the document kept (or found already kept), its facts with
/// their review state, and the facts that could not be kept.
public struct LoadReport: Sendable {
    /// nil for a dry run, which stores nothing.
    public var documentID: Int64?
    /// False when the same text was loaded before: then `facts` are the stored ones.
    public var created: Bool
    public var dryRun: Bool
    public var document: NewDocument
    public var metadata: DocumentMetadata
    public var facts: [DocumentFact]
    public var skipped: [SkippedFact]
}
