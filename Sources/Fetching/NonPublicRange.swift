/// The range that makes an address no public destination, or none: what the fetcher checks
/// every address against before it connects.
///
/// The table follows the IANA special-purpose address registries (RFC 6890 and successors). An
/// IPv6 address that carries an IPv4 one (IPv4-mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`,
/// 6to4 `2002::/16`) is judged by the IPv4 address it carries, so `::ffff:127.0.0.1` is loopback.
public struct NonPublicRange: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case loopback
        case unspecified
        /// RFC 1918.
        case privateNetwork = "private network"
        /// RFC 6598, carrier-grade NAT.
        case sharedAddressSpace = "shared address space"
        case linkLocal = "link-local"
        /// RFC 4193, fc00::/7.
        case uniqueLocal = "unique-local"
        case multicast
        case broadcast
        case documentation
        case benchmarking
        /// Reserved or special-purpose: not a destination on the internet either.
        case reserved

        /// Networks an organisation numbers its own hosts in: what `allow_private_networks` opens.
        public var isPrivateNetwork: Bool {
            self == .privateNetwork || self == .sharedAddressSpace || self == .uniqueLocal
        }

        /// Never a host to fetch from, whatever the configuration says. (Connecting to 0.0.0.0
        /// reaches the local host on Linux.)
        public var isNeverADestination: Bool {
            self == .unspecified || self == .multicast || self == .broadcast
        }
    }

    public var kind: Kind
    /// The block as written, e.g. `127.0.0.0/8`.
    public var block: String

    public var description: String { "\(kind.rawValue) \(block)" }

    /// The range `address` falls in, or nil for a public address.
    public static func of(_ address: IPAddress) -> NonPublicRange? {
        if address.isIPv4 {
            return ipv4.first { $0.block.contains(address) }.map { NonPublicRange(kind: $0.kind, block: $0.block.text) }
        }
        for carrier in ipv4Carriers where carrier.contains(address) {
            guard let embedded = carrier == sixToFour ? sixToFourAddress(address) : address.lastFourBytes else { continue }
            return of(embedded).map { NonPublicRange(kind: $0.kind, block: "\(carrier.text) carrying \($0.block)") }
        }
        return ipv6.first { $0.block.contains(address) }.map { NonPublicRange(kind: $0.kind, block: $0.block.text) }
    }

    /// In table order: the first block that contains an address names its range, so a narrower
    /// block comes before one that contains it.
    static let ipv4: [(block: AddressBlock, kind: Kind)] = [
        (AddressBlock("0.0.0.0/8"), .unspecified),
        (AddressBlock("10.0.0.0/8"), .privateNetwork),
        (AddressBlock("100.64.0.0/10"), .sharedAddressSpace),
        (AddressBlock("127.0.0.0/8"), .loopback),
        (AddressBlock("169.254.0.0/16"), .linkLocal),
        (AddressBlock("172.16.0.0/12"), .privateNetwork),
        (AddressBlock("192.0.0.0/24"), .reserved),
        (AddressBlock("192.0.2.0/24"), .documentation),
        (AddressBlock("192.88.99.0/24"), .reserved),
        (AddressBlock("192.168.0.0/16"), .privateNetwork),
        (AddressBlock("198.18.0.0/15"), .benchmarking),
        (AddressBlock("198.51.100.0/24"), .documentation),
        (AddressBlock("203.0.113.0/24"), .documentation),
        (AddressBlock("224.0.0.0/4"), .multicast),
        (AddressBlock("255.255.255.255/32"), .broadcast),
        (AddressBlock("240.0.0.0/4"), .reserved),
    ]

    static let ipv6: [(block: AddressBlock, kind: Kind)] = [
        (AddressBlock("::/128"), .unspecified),
        (AddressBlock("::1/128"), .loopback),
        // The rest of ::/8: IPv4-compatible addresses (deprecated) and other reserved forms.
        (AddressBlock("::/8"), .reserved),
        (AddressBlock("64:ff9b:1::/48"), .reserved),
        (AddressBlock("100::/64"), .reserved),
        (AddressBlock("2001:2::/48"), .benchmarking),
        (AddressBlock("2001:db8::/32"), .documentation),
        // IETF protocol assignments, Teredo among them: tunnels to addresses we cannot see.
        (AddressBlock("2001::/23"), .reserved),
        (AddressBlock("3fff::/20"), .documentation),
        (AddressBlock("fc00::/7"), .uniqueLocal),
        (AddressBlock("fe80::/10"), .linkLocal),
        // Site-local, deprecated by RFC 3879 but still routed inside some networks.
        (AddressBlock("fec0::/10"), .uniqueLocal),
        (AddressBlock("ff00::/8"), .multicast),
    ]

    static let mapped = AddressBlock("::ffff:0:0/96")
    static let nat64 = AddressBlock("64:ff9b::/96")
    static let sixToFour = AddressBlock("2002::/16")
    static let ipv4Carriers = [mapped, nat64, sixToFour]

    /// 6to4 puts the IPv4 address in bytes 2–5.
    static func sixToFourAddress(_ address: IPAddress) -> IPAddress? {
        IPAddress(bytes: Array(address.bytes[2..<6]))
    }
}

extension AddressBlock: Equatable {
    static func == (a: AddressBlock, b: AddressBlock) -> Bool { a.text == b.text }
}
