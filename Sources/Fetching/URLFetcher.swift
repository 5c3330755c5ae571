import CCurl
import Glibc
import Metrics

/// GET of an http or https URL through libcurl's easy API, within `FetchOptions`: what the
/// report loader uses for every URL, from the HTTP API and from the command line alike.
///
/// Every connection is judged before it is opened: curl's open-socket callback sees the address
/// it is about to connect to, and a refused one gets no socket at all, so a non-public address
/// never receives a packet. Redirects are followed here, one hop at a time, so that each hop's
/// scheme is checked and each hop's host decides what the allow-list opens: an allowed intranet
/// host redirecting to `127.0.0.1` does not carry its permission along.
///
/// Proxies from the environment are ignored: through a proxy, the address connected to would be
/// the proxy's, and the rule could not see the destination.
///
/// Blocking: call it from a worker thread or the command line, never an event loop.
public struct URLFetcher: Sendable {
    public var options: FetchOptions

    public init(options: FetchOptions = FetchOptions()) {
        self.options = options
    }

    public func get(_ url: String) throws(FetchError) -> FetchResponse {
        let start = MonotonicClock.now()
        let easy = try CurlEasy()
        let transfer = Transfer(rule: options.destinations, limit: options.maxBytes)
        // The handle holds the pointer for as long as it lives; `transfer` outlives it (below).
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        defer { withExtendedLifetime(transfer) {} }
        try configure(easy, context: context)
        var current = url
        var redirects = 0
        while true {
            let target = try Self.parse(current)
            let remaining = options.timeout - Double(MonotonicClock.now() &- start) / 1e9
            guard remaining > 0 else { throw .timedOut(seconds: options.timeout) }
            transfer.beginHop(url: current, host: target.host, redirects: redirects)
            try easy.set(CURLOPT_URL, current)
            try easy.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(remaining))
            try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(min(options.connectTimeout, remaining)))
            let code = easy.perform()
            if let refusal = transfer.refusal { throw .refused(refusal) }
            guard code == CURLE_OK else { throw error(code, easy: easy, transfer: transfer, host: target.host) }
            let status = easy.long(CURLINFO_RESPONSE_CODE) ?? 0
            if (300..<400).contains(status), let next = easy.string(CURLINFO_REDIRECT_URL) {
                redirects += 1
                guard redirects <= options.maxRedirects else { throw .tooManyRedirects(limit: options.maxRedirects) }
                current = next
                continue
            }
            return FetchResponse(url: current, status: status, contentType: easy.string(CURLINFO_CONTENT_TYPE),
                                 body: transfer.body, redirects: redirects)
        }
    }

    /// The options every hop shares.
    private func configure(_ easy: CurlEasy, context: UnsafeMutableRawPointer) throws(FetchError) {
        // Threads and signals: no SIGALRM-based timeouts in a multi-threaded server.
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        // Redirects are followed by `get`, hop by hop; curl would follow them under the first
        // hop's host.
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)
        try easy.set(CURLOPT_MAXREDIRS, options.maxRedirects)
        try easy.set(CURLOPT_PROXY, "")
        try easy.set(CURLOPT_SSL_VERIFYPEER, 1)
        try easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        try easy.set(CURLOPT_HTTPGET, 1)
        try easy.set(CURLOPT_USERAGENT, options.userAgent)
        try easy.set(CURLOPT_HTTPHEADER, list: ["Accept: \(options.accept)"])
        // "": every encoding this libcurl decodes (gzip, deflate, br, zstd); the write callback
        // then sees decoded bytes, so the size limit holds after decompression.
        try easy.set(CURLOPT_ACCEPT_ENCODING, "")
        // A declared length over the limit fails before the body is read.
        try easy.set(CURLOPT_MAXFILESIZE_LARGE, offset: Int64(options.maxBytes))
        try easy.set(CURLOPT_RESOLVE, list: options.hostOverrides.map(\.curlEntry))
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.setWriteFunction { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
            return transfer.receive(bytes) ? size * count : 0
        }
        try easy.set(CURLOPT_OPENSOCKETDATA, pointer: context)
        try easy.setOpenSocketFunction { context, _, address in
            guard let context, let address else { return zb_curl_socket_bad() }
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            var bytes = [UInt8](repeating: 0, count: 16)
            let count = Int(zb_curl_sockaddr_bytes(address, &bytes))
            guard count > 0, let ip = IPAddress(bytes: Array(bytes.prefix(count))) else {
                transfer.refuseFamily()
                return zb_curl_socket_bad()
            }
            guard transfer.mayConnect(to: ip) else { return zb_curl_socket_bad() }
            let socketType = address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue)
            return socket(address.pointee.family, socketType, address.pointee.protocol)
        }
    }

    private func error(_ code: CURLcode, easy: CurlEasy, transfer: Transfer, host: String) -> FetchError {
        switch code {
        case CURLE_WRITE_ERROR where transfer.exceededLimit, CURLE_FILESIZE_EXCEEDED:
            return .tooLarge(limit: options.maxBytes)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(seconds: options.timeout)
        case CURLE_COULDNT_RESOLVE_HOST:
            return .hostNotFound(host)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return .unsupportedScheme(easy.string(CURLINFO_EFFECTIVE_URL) ?? host)
        case CURLE_URL_MALFORMAT:
            return .invalidURL(easy.string(CURLINFO_EFFECTIVE_URL) ?? host)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return .tls(easy.message(code))
        case CURLE_COULDNT_CONNECT where transfer.strangeFamily:
            return .network("\(host) resolves to an address that is neither IPv4 nor IPv6")
        default:
            return .network(easy.message(code))
        }
    }

    /// Scheme and host as curl itself reads the URL, so that what is checked is what is fetched.
    static func parse(_ url: String) throws(FetchError) -> (scheme: String, host: String) {
        guard let handle = curl_url() else { throw .network("out of memory") }
        defer { curl_url_cleanup(handle) }
        // Unknown schemes parse too, so that they are refused by name rather than as malformed.
        guard curl_url_set(handle, CURLUPART_URL, url, zb_curlu_non_support_scheme()) == CURLUE_OK else {
            throw .invalidURL(url)
        }
        func part(_ which: CURLUPart) -> String? {
            var text: UnsafeMutablePointer<CChar>?
            guard curl_url_get(handle, which, &text, 0) == CURLUE_OK, let text else { return nil }
            defer { curl_free(text) }
            return String(cString: text)
        }
        guard let scheme = part(CURLUPART_SCHEME)?.lowercased() else { throw .invalidURL(url) }
        guard scheme == "http" || scheme == "https" else { throw .unsupportedScheme(url) }
        guard let host = part(CURLUPART_HOST), !host.isEmpty else { throw .invalidURL(url) }
        return (scheme, host)
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        max(1, Int((seconds * 1000).rounded(.up)))
    }
}
