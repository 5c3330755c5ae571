import API
import ArgumentParser
import Config
import Foundation
import HTTPServer
import Logging

/// `zhibiao serve`: migrates and seeds the database, then serves the API until SIGTERM/SIGINT,
/// drains in-flight requests and exits 0.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the HTTP API (applies pending migrations first).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Address to bind (env ZHIBIAO_HOST, server.host in zhibiao.yaml; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to bind; 0 picks a free one (env ZHIBIAO_PORT, server.port; default 8080).")
    var port: Int?

    @Option(help: "trace, debug, info, notice, warning, error or critical (env ZHIBIAO_LOG_LEVEL, log.level).")
    var logLevel: String?

    func run() throws {
        var flags: [String: String] = [:]
        if let host { flags["server.host"] = host }
        if let port { flags["server.port"] = String(port) }
        if let logLevel { flags["log.level"] = logLevel }
        let settings = try global.settings(flags: flags)
        var logger = Logger(label: "zhibiao")
        logger.logLevel = Logger.Level(rawValue: settings.string("log.level").lowercased()) ?? .info
        let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: logger) }
        let server = try HTTPServer(configuration: ServiceComposition.serverConfiguration(settings),
                                    router: ServiceComposition.router(store: store, settings: settings), logger: logger)
        try server.start()
        logger.notice("serving", metadata: ["address": "\(settings.string("server.host")):\(server.localPort)",
                                            "database": "\(store.path)"])
        let signals = try SignalWatcher()
        let signal = signals.wait()
        logger.notice("stopping", metadata: ["signal": "\(signal)"])
        server.shutdown()
        server.wait()
    }
}
