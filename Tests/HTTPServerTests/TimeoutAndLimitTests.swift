import HTTPTestSupport
import Foundation
@testable import HTTPServer
import Testing

@Suite struct TimeoutAndLimitTests {
    @Test func slowlorisGets408WhileOthersAreServed() throws {
        try withServer(router: standardRouter(), configure: {
            $0.headerTimeout = .milliseconds(300)
            $0.eventLoopThreads = 1
        }) { _, port in
            let slow = try TestClient(port: port)
            try slow.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Slow: ")
            // Same loop, same time: the trickling client must not hold anyone up.
            let other = try TestClient(port: port)
            for _ in 0..<5 { #expect(try other.get("/hello").status == 200) }
            try slow.send("a")
            let r = try slow.readResponse()
            #expect(r.status == 408)
            #expect(r.header("Content-Type") == "application/problem+json")
            #expect(try slow.isClosedByServer())
        }
    }

    @Test func idleKeepAliveConnectionIsClosed() throws {
        try withServer(router: standardRouter(), configure: { $0.idleTimeout = .milliseconds(200) }) { _, port in
            let client = try TestClient(port: port)
            #expect(try client.get("/hello").status == 200)
            #expect(try client.isClosedByServer())
        }
    }

    @Test func connectionsBeyondTheMaximumAreClosed() throws {
        try withServer(router: standardRouter(), configure: { $0.maxConnections = 2 }) { server, port in
            let a = try TestClient(port: port)
            let b = try TestClient(port: port)
            #expect(try a.get("/hello").status == 200)
            #expect(try b.get("/hello").status == 200)
            let c = try TestClient(port: port)
            #expect(try c.isClosedByServer())
            #expect(server.stats.snapshot.rejectedConnections == 1)
            #expect(try a.get("/hello").status == 200)
        }
    }

    @Test func routeBodyLimitOverridesServerDefault() throws {
        var router = Router()
        router.post("/import", maxBodyBytes: 2048) { request in
            HTTPResponse(status: .ok, contentType: "text/plain", body: Array(String(request.body.count).utf8))
        }
        router.post("/default") { request in
            HTTPResponse(status: .ok, contentType: "text/plain", body: Array(String(request.body.count).utf8))
        }
        try withServer(router: router, configure: { $0.maxBodyBytes = 1024 }) { _, port in
            let body = String(repeating: "x", count: 2000)
            let a = try TestClient(port: port)
            try a.send("POST /import HTTP/1.1\r\nHost: t\r\nContent-Length: 2000\r\n\r\n" + body)
            #expect(try a.readResponse().text == "2000")
            let b = try TestClient(port: port)
            try b.send("POST /default HTTP/1.1\r\nHost: t\r\nContent-Length: 2000\r\n\r\n")
            #expect(try b.readResponse().status == 413)
        }
    }

    @Test func largeBodyArrivesIntact() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            let body = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try client.send(Array("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
            let r = try client.readResponse()
            #expect(r.body == body)
        }
    }
}
