import Fetching
import Foundation
import HTTPServer
import HTTPTestSupport
import Logging
import ReportLoader
import Storage
import Testing

/// `POST /documents {"url": …}` never reaches a non-public address: the refusal comes before
/// connecting, on every redirect hop, and is a 422 naming `url`. Every URL here is on loopback,
/// and each `SilentListener` proves that nothing connected to it.
@Suite struct DocumentURLRefusalTests {
    static func post(_ f: APIFixture, url: String, token: String) throws -> TestResponse {
        try f.send("POST", "/documents", body: #"{"url": "\#(url)"}"#, token: token)
    }

    static func expectRefusal(_ response: TestResponse, _ note: String = "") throws {
        #expect(response.status == 422, "\(note) \(response.text)")
        let problem = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
        #expect(problem["field"] as? String == "url")
        #expect(problem["reason"] as? String == "resolves to a private address")
        #expect(problem["type"] as? String == "/problems/url-refused")
        #expect(response.header("Content-Type") == "application/problem+json")
    }

    @Test func aLoopbackListenerSeesNoConnection() throws {
        let f = try APIFixture()
        let editor = try f.token("ed", .editor)
        let listener = try SilentListener()
        try Self.expectRefusal(try Self.post(f, url: "http://\(listener.authority)/admin", token: editor))
        #expect(listener.connectionsSoFar() == 0)
        // The issue's report: the server's own API through loopback.
        try Self.expectRefusal(try Self.post(f, url: "http://127.0.0.1:\(f.server.localPort)/openapi.json", token: editor))
        try Self.expectRefusal(try Self.post(f, url: "http://localhost:\(listener.port)/", token: editor))
        #expect(listener.connectionsSoFar() == 0)
        #expect(try f.store.documents(limit: 10).isEmpty)
    }

    @Test func ipv6LoopbackIsRefused() throws {
        let f = try APIFixture()
        let editor = try f.token("ed", .editor)
        let listener = try SilentListener(host: "::1")
        try Self.expectRefusal(try Self.post(f, url: "http://\(listener.authority)/", token: editor))
        try Self.expectRefusal(try Self.post(f, url: "http://[::ffff:127.0.0.1]:\(listener.port)/", token: editor))
        #expect(listener.connectionsSoFar() == 0)
    }

    @Test func aNameInAHostsOverridePointingAtLoopbackIsRefused() throws {
        let listener = try SilentListener()
        let loopback = try #require(IPAddress("127.0.0.1"))
        let fetcher = ReportFetcher(hostOverrides: [HostOverride(host: "reports.example.org", port: listener.port, address: loopback)])
        let f = try APIFixture(fetcher: fetcher)
        let editor = try f.token("ed", .editor)
        try Self.expectRefusal(try Self.post(f, url: "http://reports.example.org:\(listener.port)/r.html", token: editor))
        #expect(listener.connectionsSoFar() == 0)
    }

    /// The first hop is an allowed name (an intranet server on purpose); its redirect to
    /// 127.0.0.1 is a new hop under a host nobody allowed.
    @Test func aRedirectToLoopbackIsRefusedAtTheRedirect() throws {
        let listener = try SilentListener()
        var router = Router()
        router.get("/report") { _ in
            HTTPResponse(status: HTTPStatus(302, "Found"), headers: HTTPHeaders([("Location", "http://127.0.0.1:\(listener.port)/internal")]), body: .empty)
        }
        let origin = try HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), router: router,
                                    logger: Logger(label: "origin"))
        try origin.start()
        defer { origin.shutdown(); origin.wait() }
        let loopback = try #require(IPAddress("127.0.0.1"))
        let fetcher = ReportFetcher(destinations: DestinationRule(allowedHosts: ["docs.intranet.test"]),
                                    hostOverrides: [HostOverride(host: "docs.intranet.test", port: origin.localPort, address: loopback)])
        let f = try APIFixture(fetcher: fetcher)
        let editor = try f.token("ed", .editor)
        let response = try Self.post(f, url: "http://docs.intranet.test:\(origin.localPort)/report", token: editor)
        try Self.expectRefusal(response)
        #expect(response.text.contains("after 1 redirect"))
        #expect(listener.connectionsSoFar() == 0)
    }

    /// What the client is told leaves out the address; the audit log keeps it.
    @Test func theRefusalIsAuditedWithTheAddress() throws {
        let f = try APIFixture()
        let editor = try f.token("ed", .editor)
        let listener = try SilentListener()
        let url = "http://\(listener.authority)/metadata"
        let response = try Self.post(f, url: url, token: editor)
        try Self.expectRefusal(response)
        #expect(!response.text.contains("loopback"))
        let entry = try #require(try f.store.audit(since: nil, token: "ed", beforeID: nil, limit: 10)
            .first { $0.action == "document.fetch_refused" })
        let detail = try JSONSerialization.jsonObject(with: Data(entry.detailJSON.utf8)) as? [String: String] ?? [:]
        #expect(detail["url"] == url && detail["address"] == "127.0.0.1" && detail["host"] == "127.0.0.1")
        #expect(detail["range"] == "loopback 127.0.0.0/8" && detail["redirects"] == "0")
        #expect(entry.requestID?.isEmpty == false)
        #expect(listener.connectionsSoFar() == 0)
    }

    @Test func otherSchemesAndServerPathsAreNeverRead() throws {
        let f = try APIFixture()
        let editor = try f.token("ed", .editor)
        for url in ["file:///etc/passwd", "/etc/passwd", "ftp://127.0.0.1/r.txt", "gopher://127.0.0.1/"] {
            let response = try Self.post(f, url: url, token: editor)
            #expect(response.status == 422 && response.text.contains(#""field":"url""#), "\(url): \(response.text)")
        }
    }
}
