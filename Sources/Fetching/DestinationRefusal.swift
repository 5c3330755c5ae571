/// A connection the fetcher refused to open: to whom, and why.
public struct DestinationRefusal: Sendable, Equatable, CustomStringConvertible {
    /// The URL of the request that would have connected: the one asked for, or a redirect's.
    public var url: String
    public var host: String
    public var address: IPAddress
    public var range: NonPublicRange
    /// How many redirects led to `url` (0: the URL asked for).
    public var redirects: Int

    /// What a client is told. The address and its range stay in the audit log and the server's
    /// log: a caller who can name hosts should not learn what an internal name resolves to.
    public static let reason = "resolves to a private address"

    public var description: String {
        let hop = redirects == 0 ? "" : " (after \(redirects) redirect\(redirects == 1 ? "" : "s"))"
        return "\(url)\(hop): \(host) \(Self.reason) (\(address), \(range))"
    }
}
