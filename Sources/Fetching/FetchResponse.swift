/// What the last hop of a fetch answered.
public struct FetchResponse: Sendable {
    /// The URL that answered: the one asked for, or the last redirect's.
    public var url: String
    public var status: Int
    public var contentType: String?
    /// Decompressed.
    public var body: [UInt8]
    public var redirects: Int
}
