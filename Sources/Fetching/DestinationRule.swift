/// Which addresses a fetch may connect to: public ones, and non-public ones only where the
/// configuration opens them on purpose (`loader.allow_hosts`, `loader.allow_private_networks`).
///
/// The rule judges the address a host name resolved to, at the moment of connecting: a name
/// alone says nothing, since DNS can point anywhere, and it can point elsewhere a second later.
public struct DestinationRule: Sendable, Equatable {
    /// Exact host names (compared without case and without a trailing dot) whose every address
    /// may be fetched from: an intranet document server, named one by one.
    public private(set) var allowedHosts: Set<String>
    /// Whether RFC 1918, shared (CGNAT) and unique-local addresses are open to every host.
    /// Loopback, link-local (cloud metadata services live there) and the rest stay closed.
    public var allowsPrivateNetworks: Bool

    public init(allowedHosts: [String] = [], allowsPrivateNetworks: Bool = false) {
        self.allowedHosts = Set(allowedHosts.map(Self.normalized))
        self.allowsPrivateNetworks = allowsPrivateNetworks
    }

    /// The range that forbids connecting to `address` for a URL naming `host`, or nil when the
    /// connection may go ahead.
    public func refusal(host: String, address: IPAddress) -> NonPublicRange? {
        guard let range = NonPublicRange.of(address) else { return nil }
        if range.kind.isNeverADestination { return range }
        if allowedHosts.contains(Self.normalized(host)) { return nil }
        if allowsPrivateNetworks && range.kind.isPrivateNetwork { return nil }
        return range
    }

    public func allows(host: String) -> Bool { allowedHosts.contains(Self.normalized(host)) }

    /// Host names are case-insensitive and `example.org.` is `example.org`; an IPv6 literal is
    /// compared without its brackets.
    static func normalized(_ host: String) -> String {
        var host = Substring(host.lowercased())
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        while host.hasSuffix(".") { host = host.dropLast() }
        return String(host)
    }
}
