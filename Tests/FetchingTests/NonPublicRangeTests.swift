@testable import Fetching
import Testing

/// Every range the fetcher refuses, at its edges, and public neighbours just outside them.
@Suite struct NonPublicRangeTests {
    static let refused: [(String, NonPublicRange.Kind)] = [
        // IPv4
        ("0.0.0.0", .unspecified), ("0.255.255.255", .unspecified),
        ("10.0.0.0", .privateNetwork), ("10.255.255.255", .privateNetwork),
        ("100.64.0.0", .sharedAddressSpace), ("100.127.255.255", .sharedAddressSpace),
        ("127.0.0.1", .loopback), ("127.255.255.254", .loopback), ("127.1.2.3", .loopback),
        ("169.254.0.1", .linkLocal), ("169.254.169.254", .linkLocal), ("169.254.255.255", .linkLocal),
        ("172.16.0.0", .privateNetwork), ("172.31.255.255", .privateNetwork),
        ("192.0.0.8", .reserved),
        ("192.0.2.1", .documentation), ("198.51.100.7", .documentation), ("203.0.113.255", .documentation),
        ("192.88.99.1", .reserved),
        ("192.168.0.1", .privateNetwork), ("192.168.255.255", .privateNetwork),
        ("198.18.0.0", .benchmarking), ("198.19.255.255", .benchmarking),
        ("224.0.0.1", .multicast), ("239.255.255.250", .multicast),
        ("240.0.0.1", .reserved), ("255.255.255.254", .reserved),
        ("255.255.255.255", .broadcast),
        // IPv6
        ("::", .unspecified), ("::1", .loopback),
        ("::7f00:1", .reserved), ("::a00:1", .reserved),
        ("64:ff9b:1::1", .reserved), ("100::1", .reserved),
        ("2001:2::1", .benchmarking), ("2001:db8::1", .documentation), ("2001:db8:ffff::1", .documentation),
        ("2001::1", .reserved), ("3fff::1", .documentation),
        ("fc00::1", .uniqueLocal), ("fd00::2", .uniqueLocal), ("fdff:ffff::1", .uniqueLocal),
        ("fe80::1", .linkLocal), ("febf::1", .linkLocal), ("fec0::1", .uniqueLocal),
        ("ff02::1", .multicast), ("ff0e::1", .multicast),
        // IPv4-mapped IPv6: judged as the IPv4 address they carry.
        ("::ffff:127.0.0.1", .loopback), ("::ffff:0.0.0.0", .unspecified), ("::ffff:10.1.2.3", .privateNetwork),
        ("::ffff:172.16.0.1", .privateNetwork), ("::ffff:192.168.1.1", .privateNetwork),
        ("::ffff:100.64.0.1", .sharedAddressSpace), ("::ffff:169.254.169.254", .linkLocal),
        ("::ffff:224.0.0.1", .multicast), ("::ffff:255.255.255.255", .broadcast), ("::ffff:192.0.2.1", .documentation),
        ("::ffff:198.18.0.1", .benchmarking), ("::ffff:240.0.0.1", .reserved),
        // NAT64 and 6to4 carrying a non-public IPv4 address.
        ("64:ff9b::7f00:1", .loopback), ("64:ff9b::a9fe:a9fe", .linkLocal),
        ("2002:7f00:1::1", .loopback), ("2002:c0a8:101::", .privateNetwork),
    ]

    static let allowed = [
        "1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
        "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.255", "192.0.3.0",
        "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "198.51.99.255", "203.0.112.255",
        "203.0.114.0", "223.255.255.255", "114.114.114.114",
        "2400:3200::1", "2001:4860:4860::8888", "2606:4700:4700::1111", "2001:db7:ffff::1", "2001:db9::1",
        "fbff:ffff::1", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2001:200::1",
    ]

    @Test(arguments: refused)
    func refusesNonPublic(_ text: String, _ kind: NonPublicRange.Kind) throws {
        let address = try #require(IPAddress(text))
        #expect(NonPublicRange.of(address)?.kind == kind, "\(text)")
    }

    @Test(arguments: allowed)
    func allowsPublic(_ text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(NonPublicRange.of(address) == nil, "\(text): \(String(describing: NonPublicRange.of(address)))")
    }

    @Test func everyKindIsTested() {
        let tested = Set(Self.refused.map(\.1))
        #expect(tested == Set(NonPublicRange.Kind.allCases))
    }

    @Test func rangeNamesTheBlock() throws {
        #expect(NonPublicRange.of(try #require(IPAddress("10.2.3.4")))?.description == "private network 10.0.0.0/8")
        #expect(NonPublicRange.of(try #require(IPAddress("::ffff:127.0.0.1")))?.description
                == "loopback ::ffff:0:0/96 carrying 127.0.0.0/8")
    }

    @Test func addressesParseAndPrint() throws {
        #expect(IPAddress("127.0.0.1")?.bytes == [127, 0, 0, 1])
        #expect(IPAddress("[::1]")?.description == "::1")
        #expect(IPAddress("::ffff:7f00:1")?.description == "::ffff:127.0.0.1")
        #expect(IPAddress("localhost") == nil && IPAddress("127.1") == nil && IPAddress("1.2.3.4.5") == nil)
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
    }
}
