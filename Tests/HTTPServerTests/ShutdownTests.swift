import HTTPTestSupport
import Dispatch
import Foundation
@testable import HTTPServer
import Logging
import Testing

@Suite struct ShutdownTests {
    @Test func inFlightRequestCompletesAndNewConnectionsAreRefused() throws {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        var router = Router()
        router.get("/slow", placement: .worker) { _ in
            entered.signal()
            release.wait()
            return HTTPResponse(status: .ok, contentType: "text/plain", body: Array("finished".utf8))
        }
        router.get("/hello") { _ in HTTPResponse(status: .ok, contentType: "text/plain", body: Array("hello".utf8)) }
        var config = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        config.workerThreads = 1
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let server = try HTTPServer(configuration: config, router: router, logger: logger)
        try server.start()
        let port = server.localPort

        let idle = try TestClient(port: port)
        #expect(try idle.get("/hello").status == 200)
        let busy = try TestClient(port: port)
        try busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        entered.wait()

        server.shutdown()
        #expect(throws: TestClientError.self) { _ = try TestClient(port: port) }
        // The idle keep-alive connection is closed at once; the busy one is not.
        #expect(try idle.isClosedByServer())

        release.signal()
        let r = try busy.readResponse()
        #expect(r.status == 200)
        #expect(r.text == "finished")
        #expect(r.header("Connection") == "close")
        #expect(try busy.isClosedByServer())
        server.wait()
        #expect(server.stats.snapshot.openConnections == 0)
    }

    @Test func graceDeadlineCutsRequestsThatDoNotFinish() throws {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        var router = Router()
        router.get("/stuck", placement: .worker) { _ in
            entered.signal()
            release.wait()
            return HTTPResponse(status: .ok)
        }
        var config = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        config.shutdownGracePeriod = .milliseconds(200)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let server = try HTTPServer(configuration: config, router: router, logger: logger)
        try server.start()
        let client = try TestClient(port: server.localPort)
        try client.send("GET /stuck HTTP/1.1\r\nHost: t\r\n\r\n")
        entered.wait()
        server.shutdown()
        server.wait()
        #expect(try client.isClosedByServer())
        // The late response goes nowhere: its loop is gone.
        release.signal()
    }

    @Test func shutdownWithoutConnectionsReturnsPromptly() throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let server = try HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0),
                                    router: Router(), logger: logger)
        try server.start()
        #expect(server.localPort > 0)
        server.shutdown()
        server.wait()
        server.shutdown()
        server.wait()
    }
}
