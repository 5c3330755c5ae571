import Logging

/// What every loop and worker shares: read-only after start, plus the atomic stats.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    /// What each connection's state decides by: routes, limits, timeouts.
    let rules: ConnectionState.Rules
    let logger: Logger
    let stats: HTTPServerStats
    let pool: WorkerPool
    /// nil when there is no access log.
    let accessLogWriter: AccessLogWriter?
    /// Distinguishes request ids of different server runs.
    let requestIDPrefix: [UInt8]
    let ioTimeoutMs: Int32
    /// How often loops look for expired deadlines.
    let tickMs: Int32

    init(configuration: HTTPServerConfiguration, router: Router, logger: Logger, stats: HTTPServerStats) {
        self.configuration = configuration
        self.logger = logger
        self.stats = stats
        self.pool = WorkerPool(threads: configuration.workerThreads, capacity: configuration.workerQueueLength)
        if let accessLog = configuration.accessLog, logger.logLevel <= .info {
            accessLogWriter = AccessLogWriter(configuration: accessLog, stats: stats)
        } else {
            accessLogWriter = nil
        }
        let hex = Array("0123456789abcdef".utf8)
        var prefix: [UInt8] = []
        for _ in 0..<4 { prefix.append(hex[Int.random(in: 0..<16)]) }
        self.requestIDPrefix = prefix
        rules = ConnectionState.Rules(
            routes: RouteTable(router),
            limits: RequestParser.Limits(maxRequestLineBytes: configuration.maxRequestLineBytes,
                                         maxHeaderBytes: configuration.maxHeaderBytes,
                                         maxHeaderCount: configuration.maxHeaderCount),
            maxBodyBytes: configuration.maxBodyBytes, headerTimeout: configuration.headerTimeout.totalNanoseconds,
            idleTimeout: configuration.idleTimeout.totalNanoseconds, ioTimeout: configuration.ioTimeout.totalNanoseconds,
            serverName: Array(configuration.serverName.utf8.filter { $0 >= 0x20 && $0 < 0x7F }))
        ioTimeoutMs = Int32(clamping: rules.ioTimeout / 1_000_000)
        let shortest = min(rules.headerTimeout, rules.idleTimeout, rules.ioTimeout) / 1_000_000
        tickMs = Int32(clamping: max(5, min(1000, shortest / 4)))
    }
}
