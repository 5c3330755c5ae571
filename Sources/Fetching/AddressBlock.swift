/// A CIDR block such as `10.0.0.0/8` or `fc00::/7`.
struct AddressBlock: Sendable {
    let network: IPAddress
    let prefixLength: Int
    /// As written in the table, for messages and the audit log.
    let text: String

    /// `text` must be a valid block: the table of blocks is ours, and a typo in it is a bug the
    /// classification tests catch at once.
    init(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let network = IPAddress(String(parts[0])), let length = Int(parts[1]),
              (0...network.bytes.count * 8).contains(length)
        else { preconditionFailure("not a CIDR block: \(text)") }
        self.network = network
        self.prefixLength = length
        self.text = text
    }

    func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == network.bytes.count else { return false }
        var remaining = prefixLength
        var i = 0
        while remaining > 0 {
            let bits = min(remaining, 8)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if address.bytes[i] & mask != network.bytes[i] & mask { return false }
            remaining -= bits
            i += 1
        }
        return true
    }
}
