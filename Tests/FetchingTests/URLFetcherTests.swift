import CZlib
@testable import Fetching
import HTTPServer
import HTTPTestSupport
import Logging
import Synchronization
import Testing

/// The fetcher against servers on loopback, the only address these tests ever send to. A
/// refusal must come before connecting: `SilentListener` shows that nothing connected.
@Suite struct URLFetcherTests {
    /// Request headers the origin saw, for the User-Agent and Accept checks.
    final class Seen: Sendable {
        let headers = Mutex<[String: String]>([:])
    }

    /// An origin on 127.0.0.1 with pages, redirects and a compressed bomb, and a silent listener
    /// standing for an internal service that must never be reached.
    final class Origin {
        let listener: SilentListener
        let server: HTTPServer
        let seen = Seen()
        static let allowedName = "docs.test"

        init(body: [UInt8] = Array("季度报告".utf8)) throws {
            listener = try SilentListener()
            let port = listener.port
            let seen = self.seen
            let bomb = try Self.deflate([UInt8](repeating: 0x20, count: 1 << 20))
            var router = Router()
            router.get("/report") { request in
                seen.headers.withLock { headers in
                    for name in ["User-Agent", "Accept", "Accept-Encoding"] { headers[name] = request.headers[name] }
                }
                return HTTPResponse(status: .ok, contentType: "text/plain; charset=utf-8", body: body)
            }
            router.get("/bomb") { _ in
                HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "text/plain"), ("Content-Encoding", "deflate")]),
                             body: .bytes(bomb))
            }
            router.get("/hop/{n}") { request in
                let n = Int(request.parameters["n"] ?? "") ?? 0
                return n == 0 ? HTTPResponse(status: .ok, contentType: "text/plain", body: Array("arrived".utf8))
                    : Self.redirect(to: "/hop/\(n - 1)")
            }
            router.get("/to-loopback") { _ in Self.redirect(to: "http://127.0.0.1:\(port)/secret") }
            router.get("/to-file") { _ in Self.redirect(to: "file:///etc/passwd") }
            router.get("/to-ftp") { _ in Self.redirect(to: "ftp://127.0.0.1:\(port)/x") }
            var logger = Logger(label: "origin")
            logger.logLevel = .warning
            server = try HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), router: router, logger: logger)
            try server.start()
        }

        deinit {
            server.shutdown()
            server.wait()
        }

        /// `docs.test` on the origin's port is 127.0.0.1, without DNS.
        var override: HostOverride {
            HostOverride(host: Self.allowedName, port: server.localPort, address: IPAddress(bytes: [127, 0, 0, 1])!)
        }

        /// A base URL through the allow-listed name.
        var allowedBase: String { "http://\(Self.allowedName):\(server.localPort)" }

        func fetcher(maxBytes: Int = 1 << 20, allowed: Bool = true) -> URLFetcher {
            URLFetcher(options: FetchOptions(maxBytes: maxBytes, timeout: 10,
                                             destinations: DestinationRule(allowedHosts: allowed ? [Self.allowedName] : []),
                                             hostOverrides: [override]))
        }

        static func redirect(to location: String) -> HTTPResponse {
            HTTPResponse(status: HTTPStatus(302, "Found"), headers: HTTPHeaders([("Location", location)]), body: .empty)
        }

        static func deflate(_ bytes: [UInt8]) throws -> [UInt8] {
            var size = compressBound(uLong(bytes.count))
            var out = [UInt8](repeating: 0, count: Int(size))
            guard compress2(&out, &size, bytes, uLong(bytes.count), 9) == Z_OK else { throw TestClientError("compress2 failed") }
            return Array(out.prefix(Int(size)))
        }
    }

    static func refusal(_ body: () throws(FetchError) -> FetchResponse) -> DestinationRefusal? {
        do {
            let response = try body()
            Issue.record("fetched \(response.url) (\(response.status)) instead of refusing")
        } catch {
            guard case .refused(let refusal) = error else {
                Issue.record("expected a refusal, got \(error)")
                return nil
            }
            return refusal
        }
        return nil
    }

    @Test func theListenerSeesAConnectionWhenThereIsOne() throws {
        for host in ["127.0.0.1", "::1"] {
            let listener = try SilentListener(host: host)
            try listener.connectOnce()
            #expect(listener.connectionsSoFar() == 1)
            #expect(listener.connectionsSoFar() == 0)
        }
    }

    @Test func loopbackIsRefusedBeforeConnecting() throws {
        let listener = try SilentListener()
        let refusal = Self.refusal { () throws(FetchError) in try URLFetcher().get("http://\(listener.authority)/admin") }
        #expect(refusal?.range.kind == .loopback && refusal?.host == "127.0.0.1" && refusal?.redirects == 0)
        #expect(refusal?.address.description == "127.0.0.1")
        #expect(listener.connectionsSoFar() == 0)
    }

    @Test func ipv6LoopbackIsRefusedBeforeConnecting() throws {
        let listener = try SilentListener(host: "::1")
        let refusal = Self.refusal { () throws(FetchError) in try URLFetcher().get("http://\(listener.authority)/") }
        #expect(refusal?.range.kind == .loopback && refusal?.address.description == "::1")
        #expect(listener.connectionsSoFar() == 0)
    }

    @Test func aNameOverriddenToLoopbackIsRefused() throws {
        let listener = try SilentListener()
        let options = FetchOptions(timeout: 10, hostOverrides: [
            HostOverride(host: "reports.example.org", port: listener.port, address: IPAddress(bytes: [127, 0, 0, 1])!),
        ])
        let refusal = Self.refusal { () throws(FetchError) in
            try URLFetcher(options: options).get("http://reports.example.org:\(listener.port)/r.html")
        }
        #expect(refusal?.host == "reports.example.org" && refusal?.range.kind == .loopback)
        #expect(listener.connectionsSoFar() == 0)
    }

    @Test func anIPv4MappedLiteralIsRefused() throws {
        let listener = try SilentListener(host: "::1")
        let refusal = Self.refusal { () throws(FetchError) in try URLFetcher().get("http://[::ffff:127.0.0.1]:\(listener.port)/") }
        #expect(refusal?.range.kind == .loopback)
        #expect(listener.connectionsSoFar() == 0)
    }

    /// Other spellings of loopback and of 0.0.0.0 (which reaches the local host on Linux): the
    /// address they resolve to is what is judged, however the URL writes it.
    @Test func numericSpellingsOfLocalAddressesAreRefused() throws {
        let listener = try SilentListener()
        let port = listener.port
        for host in ["2130706433", "0x7f000001", "127.1", "0177.0.0.1", "0", "0.0.0.0", "localhost", "[::]"] {
            let refusal = Self.refusal { () throws(FetchError) in try URLFetcher().get("http://\(host):\(port)/") }
            #expect(refusal?.range.kind == .loopback || refusal?.range.kind == .unspecified, "\(host): \(String(describing: refusal))")
        }
        #expect(listener.connectionsSoFar() == 0)
    }

    @Test func anAllowedHostIsFetchedWithOurHeaders() throws {
        let origin = try Origin()
        let response = try origin.fetcher().get("\(origin.allowedBase)/report")
        #expect(response.status == 200 && response.body == Array("季度报告".utf8) && response.redirects == 0)
        #expect(response.contentType == "text/plain; charset=utf-8")
        let headers = origin.seen.headers.withLock { $0 }
        #expect(headers["User-Agent"] == "zhibiao/0.1.0")
        let accept = headers["Accept"] ?? ""
        for type in ["text/html", "text/plain", "application/pdf", "wordprocessingml"] { #expect(accept.contains(type)) }
        #expect(headers["Accept-Encoding"]?.contains("gzip") == true)
        // The same origin through its address is not allowed: only the name is.
        #expect(Self.refusal { () throws(FetchError) in try origin.fetcher().get("http://127.0.0.1:\(origin.server.localPort)/report") } != nil)
    }

    @Test func aRedirectToLoopbackIsRefusedAtItsHop() throws {
        let origin = try Origin()
        let refusal = Self.refusal { () throws(FetchError) in try origin.fetcher().get("\(origin.allowedBase)/to-loopback") }
        #expect(refusal?.redirects == 1 && refusal?.host == "127.0.0.1" && refusal?.range.kind == .loopback)
        #expect(refusal?.url == "http://127.0.0.1:\(origin.listener.port)/secret")
        #expect(origin.listener.connectionsSoFar() == 0)
    }

    @Test func redirectsAreFollowedUpToFive() throws {
        let origin = try Origin()
        let five = try origin.fetcher().get("\(origin.allowedBase)/hop/5")
        #expect(five.status == 200 && five.redirects == 5 && five.url == "\(origin.allowedBase)/hop/0")
        #expect(throws: FetchError.tooManyRedirects(limit: 5)) { try origin.fetcher().get("\(origin.allowedBase)/hop/6") }
    }

    @Test func onlyHTTPAndHTTPSOnEveryHop() throws {
        let origin = try Origin()
        for url in ["ftp://127.0.0.1:\(origin.listener.port)/x", "file:///etc/passwd", "gopher://127.0.0.1:\(origin.listener.port)/",
                    "dict://127.0.0.1:\(origin.listener.port)/"] {
            #expect(throws: FetchError.unsupportedScheme(url)) { try URLFetcher().get(url) }
        }
        #expect(throws: FetchError.unsupportedScheme("file:///etc/passwd")) { try origin.fetcher().get("\(origin.allowedBase)/to-file") }
        #expect(throws: FetchError.unsupportedScheme("ftp://127.0.0.1:\(origin.listener.port)/x")) {
            try origin.fetcher().get("\(origin.allowedBase)/to-ftp")
        }
        #expect(throws: FetchError.invalidURL("http://")) { try URLFetcher().get("http://") }
        #expect(origin.listener.connectionsSoFar() == 0)
    }

    @Test func theSizeLimitHoldsWhileReceivingAndAfterDecompression() throws {
        let origin = try Origin(body: [UInt8](repeating: 0x41, count: 5000))
        #expect(throws: FetchError.tooLarge(limit: 4999)) { try origin.fetcher(maxBytes: 4999).get("\(origin.allowedBase)/report") }
        #expect(try origin.fetcher(maxBytes: 5000).get("\(origin.allowedBase)/report").body.count == 5000)
        // About a kilobyte on the wire, a megabyte decoded.
        #expect(throws: FetchError.tooLarge(limit: 100_000)) { try origin.fetcher(maxBytes: 100_000).get("\(origin.allowedBase)/bomb") }
        #expect(try origin.fetcher(maxBytes: 2 << 20).get("\(origin.allowedBase)/bomb").body.count == 1 << 20)
    }
}
