import HTTPServer
import Metrics
import Storage

/// `/readyz` and `/metrics`: for orchestrators and Prometheus, not for API clients, so they are
/// registered beside the API (by the service composition) and are not in the OpenAPI document.
public enum OperationsRoutes {
    /// Registers `/readyz` and `/metrics`, which shows `metrics` with the store's figures.
    public static func register(in router: inout Router, store: any DataStore, metrics: RequestMetrics) {
        router.get("/readyz") { _ in try readiness(store) }
        router.get("/metrics") { _ in
            HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", PrometheusText.contentType), ("Cache-Control", "no-store")]),
                         body: .bytes(Array(metrics.render(store: store).utf8)))
        }
    }

    /// 200 when the database takes writes and every migration is applied; otherwise 503 naming
    /// the check that failed, so that a load balancer stops sending writes here.
    static func readiness(_ store: any DataStore) throws(ProblemDetails) -> HTTPResponse {
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
