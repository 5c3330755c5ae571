import Extraction

/// A fact the extractor found that cannot be stored: its indicator or region is not a
/// catalogue code (an uncatalogued county, or no region known for the document).
public struct SkippedFact: Sendable {
    public var fact: ExtractedFact
    public var reason: String

    public init(fact: ExtractedFact, reason: String) {
        self.fact = fact
        self.reason = reason
    }
}
