/// A loaded document as kept: its metadata, and its text when asked for.
public struct StoredDocument: Sendable, Hashable {
    public var id: Int64
    public var sha256: String
    public var source: String
    public var contentType: String
    public var title: String?
    public var publisher: String?
    public var publishedOn: String?
    public var region: String?
    public var reportYear: Int?
    public var loadedAt: Timestamp
    public var loadedBy: String?
    /// Empty in listings, which leave the text out.
    public var text: String
    /// How many of its facts are proposed, accepted and rejected.
    public var reviewCounts: [Fact.Review: Int]
    /// How many of its unmapped figures are proposed, mapped and rejected (apart from the facts).
    public var unmappedCounts: [UnmappedFact.Review: Int]

    public init(id: Int64, sha256: String, source: String, contentType: String, title: String?, publisher: String?,
                publishedOn: String?, region: String?, reportYear: Int?, loadedAt: Timestamp, loadedBy: String?, text: String,
                reviewCounts: [Fact.Review: Int], unmappedCounts: [UnmappedFact.Review: Int]) {
        self.id = id
        self.sha256 = sha256
        self.source = source
        self.contentType = contentType
        self.title = title
        self.publisher = publisher
        self.publishedOn = publishedOn
        self.region = region
        self.reportYear = reportYear
        self.loadedAt = loadedAt
        self.loadedBy = loadedBy
        self.text = text
        self.reviewCounts = reviewCounts
        self.unmappedCounts = unmappedCounts
    }
}
