import HTTPTestSupport
import Foundation
@testable import HTTPServer
import Logging

/// Starts a server on a kernel-chosen port for one test and always shuts it down.
func withServer<T>(router: Router, configure: (inout HTTPServerConfiguration) -> Void = { _ in },
                   _ body: (HTTPServer, Int) throws -> T) throws -> T {
    var config = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
    config.workerThreads = 2
    config.eventLoopThreads = 2
    configure(&config)
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    let server = try HTTPServer(configuration: config, router: router, logger: logger)
    try server.start()
    defer {
        server.shutdown()
        server.wait()
    }
    return try body(server, server.localPort)
}

/// A router with the handlers most tests use.
func standardRouter() -> Router {
    var router = Router()
    router.get("/hello") { _ in HTTPResponse(status: .ok, contentType: "text/plain", body: Array("hello".utf8)) }
    router.post("/echo") { request in
        HTTPResponse(status: .ok, contentType: "application/octet-stream", body: request.body)
    }
    router.get("/echo-query") { request in
        let text = request.path + "|" + request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        return HTTPResponse(status: .ok, contentType: "text/plain", body: Array(text.utf8))
    }
    router.get("/indicators/{code}/observations/{region}/{period}") { request in
        let p = request.parameters
        let text = "\(p["code"] ?? "")|\(p["region"] ?? "")|\(p["period"] ?? "")"
        return HTTPResponse(status: .ok, contentType: "text/plain", body: Array(text.utf8))
    }
    router.get("/indicators/special/observations/x/y") { _ in
        HTTPResponse(status: .ok, contentType: "text/plain", body: Array("literal".utf8))
    }
    router.delete("/indicators/{code}/observations/{region}/{period}") { _ in HTTPResponse(status: .noContent) }
    router.get("/empty") { _ in HTTPResponse(status: .noContent) }
    router.get("/not-modified") { _ in HTTPResponse(status: .notModified, headers: HTTPHeaders([("ETag", "\"x\"")])) }
    router.get("/fail") { _ in throw TestClientError("boom") }
    router.get("/teapot") { _ in throw ProblemDetails(status: HTTPStatus(418, "I'm a teapot"), detail: "short and stout") }
    router.get("/big") { _ in
        HTTPResponse(status: .ok, contentType: "application/octet-stream", body: [UInt8](repeating: 0x61, count: 8 << 20))
    }
    router.post("/small", maxBodyBytes: 10) { request in
        HTTPResponse(status: .ok, contentType: "text/plain", body: request.body)
    }
    router.get("/worker", placement: .worker) { _ in
        HTTPResponse(status: .ok, contentType: "text/plain", body: Array("from worker".utf8))
    }
    router.get("/stream") { _ in
        HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "text/plain")]), body: .stream { writer in
            for i in 0..<100 { try writer.write(Array("line \(i)\n".utf8)) }
        })
    }
    return router
}

/// A worker route (`GET /block`) that holds its worker until released: for the tests of a
/// busy worker pool.
struct BlockingRoute {
    private let entered = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)

    func add(to router: inout Router) {
        let entered = entered, released = released
        router.get("/block", placement: .worker) { _ in
            entered.signal()
            released.wait()
            return HTTPResponse(status: .ok, contentType: "text/plain", body: Array("done".utf8))
        }
    }

    /// Whether a request reached the handler within 30 s (false rather than a hung test).
    func waitUntilEntered() -> Bool { entered.wait(timeout: .now() + 30) == .success }

    /// Lets `count` held requests finish.
    func release(_ count: Int = 1) { for _ in 0..<count { released.signal() } }
}
