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
    /// The API, the dashboard, `/readyz` and `/metrics`; the metrics go into the server
    /// configuration's `requestObserver` and get the server's stats once it exists.
    static func service(store: Store, settings: ServiceSettings) -> (router: Router, metrics: RequestMetrics) {
        let origins = settings.string("cors.origins").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        // One limiter for every route that takes a token, so failures add up per address.
        let authFailures = AuthFailureLimiter()
        var router = APIRoutes.router(store: store, cors: CORSPolicy(allowedOrigins: origins),
                                      importBodyLimit: settings.int("server.import_max_body_bytes"),
                                      maxBodyBytes: settings.int("server.max_body_bytes"),
                                      attentionBelow: settings.double("loader.attention_below"),
                                      fetcher: ReportFetcher(destinations: DestinationRule(settings)),
                                      authFailures: authFailures)
        if settings.bool("auth.reads_need_token") {
            router = ReadTokenGate.guarded(router, store: store, authFailures: authFailures)
        }
        // The dashboard is outside APIRoutes, so the OpenAPI document stays about the API.
        DashboardRoutes.register(in: &router)
        // Also outside APIRoutes: operations endpoints, not part of the API's contract. Last, so
        // that the metrics know every route.
        let metrics = OperationsRoutes.register(in: &router, store: store, authFailures: authFailures)
        return (router, metrics)
    }

    static func serverConfiguration(_ settings: ServiceSettings) -> HTTPServerConfiguration {
        var c = HTTPServerConfiguration(host: settings.string("server.host"), port: settings.int("server.port"))
        let loops = settings.int("server.event_loop_threads")
        c.eventLoopThreads = loops > 0 ? loops : nil
        c.workerThreads = settings.int("server.worker_threads")
        c.workerQueueLength = settings.int("server.worker_queue_length")
        c.maxConnections = settings.int("server.max_connections")
        c.maxRequestLineBytes = settings.int("server.max_request_line_bytes")
        c.maxHeaderBytes = settings.int("server.max_header_bytes")
        c.maxHeaderCount = settings.int("server.max_header_count")
        c.maxBodyBytes = settings.int("server.max_body_bytes")
        c.headerTimeout = .seconds(settings.int("server.header_timeout_seconds"))
        c.idleTimeout = .seconds(settings.int("server.idle_timeout_seconds"))
        c.ioTimeout = .seconds(settings.int("server.io_timeout_seconds"))
        c.shutdownGracePeriod = .seconds(settings.int("server.shutdown_grace_seconds"))
        if settings.bool("log.access") {
            c.accessLog = AccessLogConfiguration(format: LogFormat(rawValue: settings.string("log.format")) ?? .logfmt,
                                                 flushInterval: .milliseconds(settings.int("log.flush_ms")))
        } else {
            c.accessLog = nil
        }
        return c
    }
}
