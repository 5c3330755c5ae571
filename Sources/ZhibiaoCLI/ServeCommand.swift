import ArgumentParser
import Foundation
import HTTPServer
import Logging

/// `zhibiao serve`: runs the HTTP server until SIGTERM/SIGINT, then exits 0.
public struct Serve: ParsableCommand {
    public static let configuration = CommandConfiguration(abstract: "Serve the HTTP API.")

    @Option(help: "Address to bind (env ZHIBIAO_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to bind (env ZHIBIAO_PORT; default 8080).")
    var port: Int?

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    public init() {}

    public func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let level = Logger.Level(rawValue: logLevel.lowercased()) else {
            throw ValidationError("Unknown log level \(logLevel).")
        }
        var config = HTTPServerConfiguration()
        config.host = host ?? environment["ZHIBIAO_HOST"] ?? "127.0.0.1"
        if let port {
            config.port = port
        } else if let text = environment["ZHIBIAO_PORT"] {
            guard let envPort = Int(text) else { throw ValidationError("ZHIBIAO_PORT is not a number: \(text)") }
            config.port = envPort
        }
        var logger = Logger(label: "zhibiao")
        logger.logLevel = level
        let server = try HTTPServer(configuration: config, router: Self.makeRouter(), logger: logger)
        try server.runUntilSignalled()
    }

    /// The routes; kept apart so the API module can add its own here.
    static func makeRouter() -> Router {
        var router = Router()
        let ok = Array(#"{"status":"ok"}"#.utf8)
        router.get("/healthz") { _ in
            HTTPResponse(status: .ok, contentType: "application/json", body: ok)
        }
        return router
    }
}
