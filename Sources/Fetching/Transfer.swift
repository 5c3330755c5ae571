/// The state one fetch's callbacks share: the body received so far and the destination rule
/// for the hop in progress. Reached from C callbacks through an unretained pointer, on the
/// thread that runs the transfer only.
final class Transfer {
    let rule: DestinationRule
    let limit: Int
    private(set) var body: [UInt8] = []
    private(set) var exceededLimit = false
    /// Set by the first connection the rule refused; the transfer then fails to connect.
    private(set) var refusal: DestinationRefusal?
    /// An address family that is not IPv4 or IPv6 (a Unix socket): never connected to.
    private(set) var strangeFamily = false
    private var hop = (url: "", host: "", redirects: 0)

    init(rule: DestinationRule, limit: Int) {
        self.rule = rule
        self.limit = limit
    }

    func beginHop(url: String, host: String, redirects: Int) {
        hop = (url, host, redirects)
        body = []
        exceededLimit = false
    }

    /// False stops the transfer: the body would pass the limit. It counts decompressed bytes,
    /// since curl decodes gzip and br before handing them over.
    func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= limit else {
            exceededLimit = true
            body = []
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Whether a socket to `address` may be opened for the hop in progress.
    func mayConnect(to address: IPAddress) -> Bool {
        guard let range = rule.refusal(host: hop.host, address: address) else { return true }
        if refusal == nil {
            refusal = DestinationRefusal(url: hop.url, host: hop.host, address: address, range: range, redirects: hop.redirects)
        }
        return false
    }

    func refuseFamily() {
        strangeFamily = true
    }
}
