/// A document's text, ready for `ReportExtractor.extract`, and what it was decoded from.
public struct DecodedDocument: Sendable {
    public var text: String
    public var format: DocumentFormat
    public var encoding: TextEncoding
    /// An HTML page's <title>, to pass on as `ExtractionContext.title`.
    public var title: String?

    public init(text: String, format: DocumentFormat, encoding: TextEncoding, title: String? = nil) {
        self.text = text
        self.format = format
        self.encoding = encoding
        self.title = title
    }
}
