import Config
import Domain
import Foundation
import HTTPServer
import HTTPTestSupport
import Storage
import Testing
@testable import ZhibiaoCLI

/// Tokens as `serve` composes the service: expiry, last use, and the limit on failed
/// authentications per address, shared by the read gate and the write routes and shown by
/// `/metrics`. Real server on a loopback port, real SQLite file.
@Suite struct TokenHygieneTests {
    final class Service {
        let db: LoadAndEvalTests.Database
        let server: HTTPServer

        init(yaml: String) throws {
            db = try LoadAndEvalTests.Database()
            let config = db.folder.appendingPathComponent("config")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try yaml.write(to: config.appendingPathComponent("zhibiao.yaml"), atomically: true, encoding: .utf8)
            let settings = try ServiceSettings(directory: config, environment: [:])
            let service = ServiceComposition.service(store: db.store, settings: settings)
            var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
            configuration.eventLoopThreads = 1
            configuration.workerThreads = 2
            configuration.requestObserver = service.metrics
            server = try HTTPServer(configuration: configuration, router: service.router, logger: quietLogger())
            service.metrics.attach(server.stats)
            try server.start()
        }

        deinit {
            server.shutdown()
            server.wait()
        }

        func request(_ target: String, method: String = "GET", token: String?, body: String = "") throws -> TestResponse {
            let client = try TestClient(port: server.localPort)
            var head = "\(method) \(target) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
            if let token { head += "Authorization: Bearer \(token)\r\n" }
            if !body.isEmpty { head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
            try client.send(head + "\r\n" + body)
            return try client.readResponse()
        }
    }

    @Test func aValidTokenPassesWhileItsAddressIsLimited() throws {
        let service = try Service(yaml: "auth:\n  reads_need_token: true\n")
        let reader = try service.db.store.createToken(name: "dashboard", role: .reader, region: nil)
        let editor = try service.db.store.createToken(name: "office", role: .editor, region: nil)
        for i in 0..<20 {
            #expect(try service.request("/indicators", token: "zb_wrong\(i)").status == 401, "failure \(i + 1)")
        }
        let limited = try service.request("/indicators", token: "zb_wrong")
        #expect(limited.status == 429)
        let retryAfter = try #require(Int(limited.header("Retry-After") ?? ""))
        #expect((1...60).contains(retryAfter))
        #expect(limited.header("Content-Type") == "application/problem+json")
        // The write routes share the limiter with the read gate.
        let write = try service.request("/observations", method: "POST", token: "zb_wrong",
                                        body: #"{"indicator":"tech_smes_new","region":"330112","period":"2022","value":1}"#)
        #expect(write.status == 429)
        // Good tokens from the same address are not slowed, and neither is a request without one.
        #expect(try service.request("/indicators", token: reader).status == 200)
        let written = try service.request("/observations", method: "POST", token: editor,
                                          body: #"{"indicator":"tech_smes_new","region":"330112","period":"2022","value":1}"#)
        #expect(written.status == 201 || written.status == 200, "\(written.text)")
        #expect(try service.request("/indicators", token: nil).status == 401)
        let metrics = try service.request("/metrics", token: nil).text
        #expect(metrics.contains("\nzhibiao_auth_failures_total 22\n"), "\(metrics)")
        #expect(metrics.contains("\nzhibiao_auth_rate_limited_total 2\n"))
        #expect(metrics.contains(#"zhibiao_http_requests_total{method="GET",route="/indicators",status="429"} 1"#))
    }

    @Test func anExpiredTokenIsRefusedAndAUsedOneShowsWhen() throws {
        let service = try Service(yaml: "auth:\n  reads_need_token: true\n")
        let store = service.db.store
        let soon = Timestamp(microseconds: Timestamp.now().microseconds + 3_600_000_000)
        let secret = try store.createToken(name: "temporary", role: .reader, region: nil, expiresAt: soon)
        #expect(try service.request("/indicators", token: secret).status == 200)
        // last_used_at is written behind the request; the writer runs in order, so a write now
        // comes after it.
        try store.write { _ in }
        let used = try #require(try store.tokens().first { $0.name == "temporary" })
        let lastUsed = try #require(used.lastUsedAt)
        #expect(try service.request("/indicators", token: secret).status == 200)
        try store.write { _ in }
        #expect(try store.tokens().first { $0.name == "temporary" }?.lastUsedAt == lastUsed)
        let table = Token.List.table(try store.tokens(), now: .now())
        #expect(table.contains("last_used_at") && table.contains(lastUsed.rfc3339) && table.contains(soon.rfc3339))
        // An hour later the same token is refused, and the listing says it expired.
        let later = Timestamp(microseconds: soon.microseconds + 1)
        #expect(Token.List.table(try store.tokens(), now: later).contains("\(soon.rfc3339) (expired)"))
        #expect(try store.lookUpToken(secret: secret, at: later) == .expired(used))
    }

    @Test func lifetimesAreWholeHoursDaysOrWeeks() {
        let day: Int64 = 86_400
        #expect(TokenLifetime(argument: "90d")?.seconds == 90 * day)
        #expect(TokenLifetime(argument: "12w")?.seconds == 12 * 7 * day)
        #expect(TokenLifetime(argument: "36h")?.seconds == 36 * 3_600 as Int64)
        for bad in ["", "d", "0d", "-1d", "1.5d", "90", "90m", "90D", "99999w"] {
            #expect(TokenLifetime(argument: bad) == nil, "\(bad)")
        }
        let start = Timestamp(microseconds: 1_000_000)
        #expect(TokenLifetime(argument: "1h")?.expiry(from: start) == Timestamp(microseconds: 3_601_000_000))
        #expect(throws: Never.self) { try Token.Create.parse(["--name", "x", "--role", "reader", "--expires", "90d"]) }
        #expect(throws: (any Error).self) { try Token.Create.parse(["--name", "x", "--role", "reader", "--expires", "soon"]) }
    }
}
