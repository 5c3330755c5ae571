import Foundation
import API
import Config
import Dashboard
import Fetching
import HTTPServer
import ReportLoader
import Storage

/// Builds the service from its parts; `serve` and the tests call the same functions.
enum ServiceComposition {
    /// The API, the dashboard, `/readyz` and `/metrics`, with the service's middleware around
    /// every one of them; the metrics get the server's stats once it exists.
    static func service(store: SQLiteStore, settings: ServiceSettings) -> (router: Router, metrics: RequestMetrics) {
        // One limiter for every route that takes a token, so failures add up per address.
        let authFailures = AuthFailureLimiter()
        let metrics = RequestMetrics(authFailures: authFailures)
        var router = APIRoutes.router(store: store, cors: CORSPolicy(allowedOrigins: settings.cors.origins),
                                      importBodyLimit: settings.server.importMaxBodyBytes,
                                      maxBodyBytes: settings.server.maxBodyBytes,
                                      attentionBelow: settings.loader.attentionBelow,
                                      fetcher: ReportFetcher(destinations: DestinationRule(settings)),
                                      authFailures: authFailures, readsNeedToken: settings.auth.readsNeedToken,
                                      metrics: metrics)
        // The dashboard and the operations endpoints are outside APIRoutes, so the OpenAPI
        // document stays about the API.
        DashboardRoutes.register(in: &router)
        OperationsRoutes.register(in: &router, store: store, metrics: metrics)
        return (router, metrics)
    }

    static func serverConfiguration(_ settings: ServiceSettings) -> HTTPServerConfiguration {
        let server = settings.server
        var c = HTTPServerConfiguration(host: server.host, port: server.port)
        c.eventLoopThreads = server.eventLoopThreads > 0 ? server.eventLoopThreads : nil
        c.workerThreads = server.workerThreads
        c.workerQueueLength = server.workerQueueLength
        c.maxConnections = server.maxConnections
        c.maxRequestLineBytes = server.maxRequestLineBytes
        c.maxHeaderBytes = server.maxHeaderBytes
        c.maxHeaderCount = server.maxHeaderCount
        c.maxBodyBytes = server.maxBodyBytes
        c.headerTimeout = .seconds(server.headerTimeoutSeconds)
        c.idleTimeout = .seconds(server.idleTimeoutSeconds)
        c.ioTimeout = .seconds(server.ioTimeoutSeconds)
        c.shutdownGracePeriod = .seconds(server.shutdownGraceSeconds)
        c.accessLog = settings.log.access
            ? AccessLogConfiguration(format: LogFormat(rawValue: settings.log.format.rawValue) ?? .logfmt,
                                     flushInterval: .milliseconds(settings.log.flushMilliseconds))
            : nil
        return c
    }
}
