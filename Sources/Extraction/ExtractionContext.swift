/// What the caller knows about a document, overriding what the extractor would infer.
public struct ExtractionContext: Sendable, Hashable {
    /// Region code (330112) the document reports on.
    public var region: String?
    /// The year the report's actual figures are for.
    public var year: Int?
    /// A title known from elsewhere, such as an HTML page's <title>.
    public var title: String?
    /// The URL the document was fetched from: its host and path may name the place and date.
    public var source: String?

    public init(region: String? = nil, year: Int? = nil, title: String? = nil, source: String? = nil) {
        self.region = region
        self.year = year
        self.title = title
        self.source = source
    }
}
