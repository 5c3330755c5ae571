import Domain

/// The limits and rules of one fetch. TLS certificates and host names are always verified:
/// there is deliberately no option to turn that off.
public struct FetchOptions: Sendable {
    /// The most the body may be, counted after decompression, while it arrives.
    public var maxBytes: Int
    /// Seconds to establish each connection.
    public var connectTimeout: Double
    /// Seconds for the whole fetch, redirects included.
    public var timeout: Double
    /// Redirects followed before giving up; the ceiling is 5.
    public var maxRedirects: Int
    public var userAgent: String
    public var accept: String
    public var destinations: DestinationRule
    /// Names answered without DNS (curl's CURLOPT_RESOLVE): how the tests point a name at
    /// loopback, and how an operator pins one. The destination rule still judges the address.
    public var hostOverrides: [HostOverride]

    /// The types the report decoder reads, preferred in that order.
    public static let readableTypes = [
        "text/html", "application/xhtml+xml;q=0.9", "text/plain;q=0.9", "application/pdf;q=0.8",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.8",
    ].joined(separator: ", ")

    public init(maxBytes: Int = 20 * 1024 * 1024, connectTimeout: Double = 10, timeout: Double = 30, maxRedirects: Int = 5,
                userAgent: String = "zhibiao/\(ServiceVersion.current)", accept: String = FetchOptions.readableTypes,
                destinations: DestinationRule = DestinationRule(), hostOverrides: [HostOverride] = []) {
        self.maxBytes = maxBytes
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.maxRedirects = maxRedirects
        self.userAgent = userAgent
        self.accept = accept
        self.destinations = destinations
        self.hostOverrides = hostOverrides
    }
}

/// One name answered without DNS: `host` on `port` is `address`.
public struct HostOverride: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var address: IPAddress

    public init(host: String, port: Int, address: IPAddress) {
        self.host = host
        self.port = port
        self.address = address
    }

    /// The CURLOPT_RESOLVE form, `host:port:address`, IPv6 in brackets.
    var curlEntry: String {
        "\(host):\(port):" + (address.isIPv4 ? address.description : "[\(address)]")
    }
}
