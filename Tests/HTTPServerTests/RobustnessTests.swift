import HTTPTestSupport
import Dispatch
import Foundation
@testable import HTTPServer
import Testing

@Suite struct RobustnessTests {
    @Test func clientResetMidRequestCostsNothing() throws {
        try withServer(router: standardRouter()) { server, port in
            for _ in 0..<20 {
                let client = try TestClient(port: port)
                try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\npartial")
                client.reset()
            }
            let client = try TestClient(port: port)
            #expect(try client.get("/hello").status == 200)
            #expect(server.stats.snapshot.acceptedConnections == 21)
        }
    }

    @Test func clientResetMidResponseCostsNothing() throws {
        try withServer(router: standardRouter()) { _, port in
            for _ in 0..<5 {
                let client = try TestClient(port: port)
                try client.send("GET /big HTTP/1.1\r\nHost: t\r\n\r\n")
                // Read the head only, then vanish with 8 MiB still queued on the server side.
                var byte = [UInt8](repeating: 0, count: 1)
                #expect(recv(client.fd, &byte, 1, 0) == 1)
                client.reset()
            }
            let client = try TestClient(port: port)
            #expect(try client.get("/hello").status == 200)
            let big = try client.get("/big")
            #expect(big.body.count == 8 << 20)
        }
    }

    @Test func clientResetDuringStreamingCostsNothing() throws {
        var router = standardRouter()
        router.get("/endless") { _ in
            HTTPResponse(status: .ok, body: .stream { writer in
                let block = [UInt8](repeating: 0x62, count: 64 * 1024)
                while true { try writer.write(block) }
            })
        }
        try withServer(router: router, configure: { $0.ioTimeout = .seconds(2) }) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /endless HTTP/1.1\r\nHost: t\r\n\r\n")
            var chunk = [UInt8](repeating: 0, count: 1000)
            #expect(recv(client.fd, &chunk, chunk.count, 0) > 0)
            client.reset()
            let other = try TestClient(port: port)
            #expect(try other.get("/stream").status == 200)
        }
    }

    @Test func clientGoneWhileWorkerRunsCostsNothing() throws {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        var router = standardRouter()
        router.get("/block", placement: .worker) { _ in
            entered.signal()
            release.wait()
            return HTTPResponse(status: .ok, contentType: "text/plain", body: Array("done".utf8))
        }
        try withServer(router: router) { server, port in
            let halfClosed = try TestClient(port: port)
            try halfClosed.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n")
            halfClosed.finishSending()
            entered.wait()
            let vanished = try TestClient(port: port)
            try vanished.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n")
            entered.wait()
            vanished.reset()
            // The loops keep serving while both workers are blocked.
            let other = try TestClient(port: port)
            for _ in 0..<3 { #expect(try other.get("/hello").status == 200) }
            release.signal()
            release.signal()
            #expect(try halfClosed.readResponse().text == "done")
            #expect(try halfClosed.isClosedByServer())
            #expect(try other.get("/hello").status == 200)
            #expect(server.stats.snapshot.acceptedConnections == 3)
        }
    }
}
