import HTTPServer
import Metrics
import Storage
import Synchronization

/// Per-route request counters and latency histograms, kept by a middleware (`middleware`) and
/// rendered by `/metrics` in the Prometheus text format. Keyed by the route's method and
/// pattern; requests that matched no route (404, 405, unreadable ones) count as `unmatched`.
///
/// Why not swift-metrics with swift-prometheus: both are NIO-free, but recording through them
/// means a registry lookup by name and label array per request (a lock and allocations), and
/// their histogram takes a lock per observation. Here a route's counters are found once, when
/// the server builds its middleware, and captured by it; a request costs a few relaxed atomic
/// adds and no allocation; labels are formatted only at scrape time.
public final class RequestMetrics: Sendable {
    /// Status codes the API and server answer with; anything else is counted under "other".
    static let statuses: [Int] = [200, 201, 202, 204, 206, 301, 302, 304, 400, 401, 403, 404, 405, 406, 408, 409,
                                  410, 411, 412, 413, 414, 415, 416, 422, 428, 429, 431, 500, 501, 503, 505]
    /// Status code → slot in `statuses`, or `statuses.count` for "other".
    private static let slotOfStatus: [Int] = {
        var table = [Int](repeating: statuses.count, count: 600)
        for (slot, code) in statuses.enumerated() { table[code] = slot }
        return table
    }()

    final class Series: Sendable {
        let method: String
        let route: String
        let counts: [MetricCell]
        let durations = DurationHistogram()

        init(method: String, route: String) {
            self.method = method
            self.route = route
            counts = (0...RequestMetrics.statuses.count).map { _ in MetricCell() }
        }

        func record(status: Int, since start: UInt64) {
            counts[status >= 0 && status < 600 ? RequestMetrics.slotOfStatus[status] : RequestMetrics.statuses.count].add(1)
            durations.record(nanoseconds: start == 0 ? 0 : MonotonicClock.now() &- start)
        }
    }

    /// Every route's series, in the order the server met them.
    private let series = Mutex<[Series]>([])
    private let serverStats = Mutex<HTTPServerStats?>(nil)
    private let authFailures: AuthFailureLimiter?

    public init(authFailures: AuthFailureLimiter? = nil) {
        self.authFailures = authFailures
    }

    /// The server's connection and byte counters, once the server exists.
    public func attach(_ stats: HTTPServerStats) {
        serverStats.withLock { $0 = stats }
    }

    /// The series of a route, made the first time it is asked for.
    func series(method: String, route: String) -> Series {
        series.withLock { all in
            if let found = all.first(where: { $0.method == method && $0.route == route }) { return found }
            let made = Series(method: method, route: route)
            all.append(made)
            return made
        }
    }

    /// Counts each answer by its route and status and times it from the request's head; an
    /// error the server turns into a 500 counts as one.
    public var middleware: Middleware {
        { [self] route, next in
            let series = route.pattern.map { self.series(method: route.method?.rawValue ?? "", route: $0) }
                ?? self.series(method: "", route: "unmatched")
            return { request in
                do {
                    let response = try next(request)
                    series.record(status: response.status.code, since: request.receivedAt)
                    return response
                } catch let problem as ProblemDetails {
                    series.record(status: problem.status.code, since: request.receivedAt)
                    throw problem
                } catch {
                    series.record(status: HTTPStatus.internalServerError.code, since: request.receivedAt)
                    throw error
                }
            }
        }
    }

    /// The whole exposition: HTTP, SQLite and content metrics.
    public func render(store: any DataStore) -> String {
        var out = PrometheusText()
        out.header("zhibiao_http_requests_total", type: "counter", help: "Requests answered, by route pattern, method and status.")
        // Routes in the order met, then the requests that matched none.
        let met = series.withLock { $0 }
        let all = met.filter { $0.route != "unmatched" } + met.filter { $0.route == "unmatched" }
        for s in all {
            for (slot, cell) in s.counts.enumerated() {
                let n = cell.load
                if n == 0 { continue }
                let status = slot < Self.statuses.count ? String(Self.statuses[slot]) : "other"
                out.sample("zhibiao_http_requests_total", [("method", s.method), ("route", s.route), ("status", status)], n)
            }
        }
        out.header("zhibiao_http_request_duration_seconds", type: "histogram",
                   help: "Time from the end of the request head to the response being made, by route.")
        for s in all where s.durations.snapshot.count > 0 {
            out.histogram("zhibiao_http_request_duration_seconds", [("method", s.method), ("route", s.route)], s.durations)
        }
        if let stats = serverStats.withLock({ $0 })?.snapshot {
            out.header("zhibiao_http_open_connections", type: "gauge", help: "Client connections open now.")
            out.sample("zhibiao_http_open_connections", [], stats.openConnections)
            out.header("zhibiao_http_accepted_connections_total", type: "counter", help: "Client connections accepted.")
            out.sample("zhibiao_http_accepted_connections_total", [], stats.acceptedConnections)
            out.header("zhibiao_http_rejected_connections_total", type: "counter", help: "Connections closed at once because of max_connections.")
            out.sample("zhibiao_http_rejected_connections_total", [], stats.rejectedConnections)
            out.header("zhibiao_http_worker_rejections_total", type: "counter", help: "Requests answered 503 because the worker queue was full.")
            out.sample("zhibiao_http_worker_rejections_total", [], stats.workerRejections)
            out.header("zhibiao_http_received_bytes_total", type: "counter", help: "Bytes read from clients.")
            out.sample("zhibiao_http_received_bytes_total", [], stats.bytesIn)
            out.header("zhibiao_http_sent_bytes_total", type: "counter", help: "Bytes sent to clients.")
            out.sample("zhibiao_http_sent_bytes_total", [], stats.bytesOut)
            out.header("zhibiao_log_dropped_records_total", type: "counter",
                       help: "Access-log records dropped because stderr took them slower than they came.")
            out.sample("zhibiao_log_dropped_records_total", [], stats.droppedLogRecords)
        }
        if let authFailures {
            out.header("zhibiao_auth_failures_total", type: "counter",
                       help: "Requests whose bearer token was malformed, unknown, revoked or expired.")
            out.sample("zhibiao_auth_failures_total", [], authFailures.failures.load)
            out.header("zhibiao_auth_rate_limited_total", type: "counter",
                       help: "Failed authentications answered 429: their address had failed too often within a minute.")
            out.sample("zhibiao_auth_rate_limited_total", [], authFailures.limited.load)
        }
        out.header("zhibiao_sqlite_write_transaction_seconds", type: "histogram",
                   help: "Write transactions, from asking for the writer to commit or rollback.")
        out.histogram("zhibiao_sqlite_write_transaction_seconds", [], store.writeDurations)
        out.header("zhibiao_sqlite_read_seconds", type: "histogram", help: "Read transactions.")
        out.histogram("zhibiao_sqlite_read_seconds", [], store.readDurations)
        if let totals = try? store.contentTotals() {
            out.header("zhibiao_documents", type: "gauge", help: "Report documents loaded and kept in the database.")
            out.sample("zhibiao_documents", [], totals.documents)
            out.header("zhibiao_facts", type: "gauge", help: "Facts extracted from the documents.")
            out.sample("zhibiao_facts", [], totals.facts)
            out.header("zhibiao_observation_revisions", type: "gauge", help: "Observation revisions written (every write, import and correction).")
            out.sample("zhibiao_observation_revisions", [], totals.revisions)
        }
        return out.text
    }
}
