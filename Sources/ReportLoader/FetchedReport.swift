/// A report's bytes as read from a file or fetched from a URL, with what they claim to be.
public struct FetchedReport: Sendable {
    /// The path or URL it came from, as kept in `documents.source`.
    public var source: String
    public var bytes: [UInt8]
    /// The server's Content-Type, or one guessed from a file's extension; nil when unknown.
    public var contentType: String?

    public init(source: String, bytes: [UInt8], contentType: String?) {
        self.source = source
        self.bytes = bytes
        self.contentType = contentType
    }
}
