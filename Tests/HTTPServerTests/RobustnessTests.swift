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
}
