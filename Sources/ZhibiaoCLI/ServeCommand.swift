import API
import ArgumentParser
import Config
import Foundation
import Glibc
import HTTPServer
import Logging
import Storage

/// `zhibiao serve`: migrates and seeds the database, then serves the API until SIGTERM/SIGINT,
/// drains in-flight requests and exits 0. SIGHUP re-reads the catalogue files and re-seeds.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the HTTP API (applies pending migrations first).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Address to bind (env ZHIBIAO_HOST, server.host in zhibiao.yaml; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to bind; 0 picks a free one (env ZHIBIAO_PORT, server.port; default 8080).")
    var port: Int?

    @Option(help: "trace, debug, info, notice, warning, error or critical (env ZHIBIAO_LOG_LEVEL, log.level).")
    var logLevel: String?

    @Option(help: "logfmt or json (env ZHIBIAO_LOG_FORMAT, log.format).")
    var logFormat: String?

    @Option(help: "true or false: a line per request at info (env ZHIBIAO_LOG_ACCESS, log.access; default true).")
    var logAccess: String?

    func run() throws {
        // First, before the database's dispatch threads or the server's threads exist, so that
        // every thread inherits the blocked mask: a SIGHUP delivered to a thread that had not
        // blocked it would take the default action and kill the process.
        let signals = try SignalWatcher(signals: [SIGTERM, SIGINT, SIGHUP])
        var flags: [String: String] = [:]
        if let host { flags[ServiceSettings.name(of: \.server.host)] = host }
        if let port { flags[ServiceSettings.name(of: \.server.port)] = String(port) }
        if let logLevel { flags[ServiceSettings.name(of: \.log.level)] = logLevel }
        if let logFormat { flags[ServiceSettings.name(of: \.log.format)] = logFormat }
        if let logAccess { flags[ServiceSettings.name(of: \.log.access)] = logAccess }
        let settings = try global.settings(flags: flags)
        let format = LineLogHandler.Format(rawValue: settings.log.format.rawValue) ?? .logfmt
        // One stderr, one lock: the logger's lines and the access log's never cut each other.
        let stderr = FileDescriptorLogSink.standardError
        var logger = Logger(label: "zhibiao") { label in LineLogHandler(label: label, format: format, output: stderr) }
        logger.logLevel = Logger.Level(rawValue: settings.log.level.rawValue) ?? .info
        let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: logger) }
        // Built now rather than by the first request (3,600 regions: tens of milliseconds).
        _ = try CommandFailure.wrap { try store.catalogue() }
        let service = ServiceComposition.service(store: store, settings: settings)
        var configuration = ServiceComposition.serverConfiguration(settings)
        configuration.accessLog?.sink = stderr
        let server = try HTTPServer(configuration: configuration, router: service.router, logger: logger)
        service.metrics.attach(server.stats)
        try server.start()
        logger.notice("serving", metadata: ["address": "\(settings.server.host):\(server.localPort)",
                                            "database": "\(store.path)"])
        while true {
            let signal = signals.wait()
            guard signal == SIGHUP else {
                logger.notice("stopping", metadata: ["signal": "\(signal)"])
                break
            }
            reload(store, logger: logger)
        }
        server.shutdown()
        server.wait()
    }

    /// SIGHUP: re-read indicators.yaml and the region files and seed them (the store drops its cached
    /// catalogue). Only the catalogue: server settings (address, threads, limits) and the log
    /// level are fixed at start and need a restart. A bad file is logged and changes nothing.
    private func reload(_ store: SQLiteStore, logger: Logger) {
        do {
            let catalogue = try Catalogue.load(directory: global.configDirectory)
            StoreOpening.report(try store.seed(indicators: catalogue.indicators, regions: catalogue.regions), logger: logger)
            _ = try store.catalogue()
            logger.notice("reloaded the catalogue", metadata: ["indicators": "\(catalogue.indicators.count)",
                                                               "regions": "\(catalogue.regions.count)"])
        } catch {
            logger.error("reload failed; the catalogue in force is unchanged", metadata: ["error": "\(error)"])
        }
    }
}
