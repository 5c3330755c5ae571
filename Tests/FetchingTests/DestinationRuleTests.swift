@testable import Fetching
import Testing

@Suite struct DestinationRuleTests {
    let loopback = IPAddress("127.0.0.1")!
    let lan = IPAddress("10.1.2.3")!
    let metadata = IPAddress("169.254.169.254")!
    let ula = IPAddress("fd00::5")!
    let public_ = IPAddress("8.8.8.8")!

    @Test func byDefaultOnlyPublicAddresses() {
        let rule = DestinationRule()
        #expect(rule.refusal(host: "example.org", address: public_) == nil)
        for address in [loopback, lan, metadata, ula] {
            #expect(rule.refusal(host: "example.org", address: address) != nil, "\(address)")
        }
    }

    @Test func anAllowedHostOpensItsAddressesOnly() {
        let rule = DestinationRule(allowedHosts: ["Docs.Intranet.example", "10.9.9.9"])
        #expect(rule.refusal(host: "docs.intranet.example", address: lan) == nil)
        #expect(rule.refusal(host: "DOCS.intranet.example.", address: loopback) == nil)
        #expect(rule.refusal(host: "10.9.9.9", address: lan) == nil)
        // Exact names: no suffix matching, and another name resolving to the same address stays closed.
        #expect(rule.refusal(host: "evil.docs.intranet.example", address: lan)?.kind == .privateNetwork)
        #expect(rule.refusal(host: "other.example", address: lan)?.kind == .privateNetwork)
        // Never a destination, allowed or not.
        #expect(rule.refusal(host: "docs.intranet.example", address: IPAddress("0.0.0.0")!)?.kind == .unspecified)
        #expect(rule.refusal(host: "docs.intranet.example", address: IPAddress("224.0.0.1")!)?.kind == .multicast)
    }

    @Test func privateNetworksOpenRFC1918ButNotLoopbackOrLinkLocal() {
        let rule = DestinationRule(allowsPrivateNetworks: true)
        #expect(rule.refusal(host: "a", address: lan) == nil)
        #expect(rule.refusal(host: "a", address: ula) == nil)
        #expect(rule.refusal(host: "a", address: IPAddress("100.64.1.1")!) == nil)
        #expect(rule.refusal(host: "a", address: IPAddress("::ffff:192.168.1.1")!) == nil)
        #expect(rule.refusal(host: "a", address: loopback)?.kind == .loopback)
        #expect(rule.refusal(host: "a", address: metadata)?.kind == .linkLocal)
        #expect(rule.refusal(host: "a", address: IPAddress("::1")!)?.kind == .loopback)
    }

    @Test func ipv6LiteralsAreComparedWithoutBrackets() {
        let rule = DestinationRule(allowedHosts: ["[::1]"])
        #expect(rule.allows(host: "[::1]") && rule.allows(host: "::1"))
        #expect(rule.refusal(host: "[::1]", address: IPAddress("::1")!) == nil)
    }
}
