/// A report document to keep: its text is what fact offsets point into.
public struct NewDocument: Sendable {
    public var source: String
    public var contentType: String
    public var text: String
    public var title: String?
    public var publisher: String?
    public var publishedOn: String?
    public var region: String?
    public var reportYear: Int?
    public var loadedBy: String?

    public init(source: String, contentType: String, text: String, title: String? = nil, publisher: String? = nil,
                publishedOn: String? = nil, region: String? = nil, reportYear: Int? = nil, loadedBy: String? = nil) {
        self.source = source
        self.contentType = contentType
        self.text = text
        self.title = title
        self.publisher = publisher
        self.publishedOn = publishedOn
        self.region = region
        self.reportYear = reportYear
        self.loadedBy = loadedBy
    }
}
