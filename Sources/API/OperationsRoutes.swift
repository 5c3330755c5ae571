import HTTPServer
import Metrics
import Storage

/// `/readyz` and `/metrics`: for orchestrators and Prometheus, not for API clients, so they are
/// registered beside the API (by the service composition) and are not in the OpenAPI document.
public enum OperationsRoutes {
    /// Registers `/readyz`, builds the request metrics over every route registered so far plus
    /// `/metrics` itself, and registers `/metrics`. Register every other route first; the
    /// returned metrics go into `HTTPServerConfiguration.requestObserver`.
    public static func register(in router: inout Router, store: Store, authFailures: AuthFailureLimiter? = nil) -> RequestMetrics {
        router.get("/readyz") { _ in try readiness(store) }
        let routes = router.routes.map { (method: $0.method.rawValue, pattern: $0.pattern) } + [(method: "GET", pattern: "/metrics")]
        let metrics = RequestMetrics(routes: routes, authFailures: authFailures)
        router.get("/metrics") { _ in
            HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", PrometheusText.contentType), ("Cache-Control", "no-store")]),
                         body: .bytes(Array(metrics.render(store: store).utf8)))
        }
        return metrics
    }

    /// 200 when the database takes writes and every migration is applied; otherwise 503 naming
    /// the check that failed, so that a load balancer stops sending writes here.
    static func readiness(_ store: Store) throws(ProblemDetails) -> HTTPResponse {
        do {
            try store.probeWritable()
        } catch {
            throw notReady("database_writable", "The database does not accept writes: \(error)")
        }
        let current: Bool
        do {
            current = try store.migrationsAreCurrent()
        } catch {
            throw notReady("migrations_current", "The migrations could not be checked: \(error)")
        }
        guard current else { throw notReady("migrations_current", "The database schema is not at the current migration.") }
        return HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "application/json"), ("Cache-Control", "no-store")]),
                            body: .bytes(Array(#"{"status":"ready"}"#.utf8)))
    }

    static func notReady(_ check: String, _ detail: String) -> ProblemDetails {
        ProblemDetails(status: .serviceUnavailable, title: "Not ready", detail: detail,
                       extensions: [("check", JSONString.quote(check))],
                       headers: HTTPHeaders([("Cache-Control", "no-store")]))
    }
}
