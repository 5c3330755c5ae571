import HTTPServer
import Metrics
import Storage
import Synchronization

/// Per-route request counters and latency histograms, fed by the server's `RequestObserver`
/// hook and rendered by `/metrics` in the Prometheus text format.
///
/// Why not swift-metrics with swift-prometheus: both are NIO-free, but recording through them
/// means a registry lookup by name and label array per request (a lock and allocations), and
/// their histogram takes a lock per observation. Here every counter a request can touch exists
/// from start-up in arrays indexed by route position and status slot, so a request costs a few
/// relaxed atomic adds and no allocation; labels are formatted only at scrape time.
public final class RequestMetrics: RequestObserver, Sendable {
    /// Status codes the API and server answer with; anything else is counted under "other".
    static let statuses: [Int] = [200, 201, 202, 204, 206, 301, 302, 304, 400, 401, 403, 404, 405, 406, 408, 409,
                                  410, 411, 412, 413, 414, 415, 416, 422, 428, 429, 431, 500, 501, 503, 505]
    /// Status code → slot in `statuses`, or `statuses.count` for "other".
    private static let slotOfStatus: [Int] = {
        var table = [Int](repeating: statuses.count, count: 600)
        for (slot, code) in statuses.enumerated() { table[code] = slot }
        return table
    }()

    private struct Series: Sendable {
        let method: String
        let route: String
        let counts: [MetricCell]
        let durations: DurationHistogram
    }

    /// One per route in router order, then one for requests that matched no route.
    private let series: [Series]
    private let serverStats = Mutex<HTTPServerStats?>(nil)
    private let authFailures: AuthFailureLimiter?

    /// `routes`: method and pattern of every route, in `Router.routes` order.
    public init(routes: [(method: String, pattern: String)], authFailures: AuthFailureLimiter? = nil) {
        self.authFailures = authFailures
        series = (routes + [(method: "", pattern: "unmatched")]).map { route in
            Series(method: route.method, route: route.pattern,
                   counts: (0...Self.statuses.count).map { _ in MetricCell() }, durations: DurationHistogram())
        }
    }

    /// The server's connection and byte counters, once the server exists.
    public func attach(_ stats: HTTPServerStats) {
        serverStats.withLock { $0 = stats }
    }

    public func requestFinished(routeIndex: Int?, status: Int, nanoseconds: UInt64) {
        var index = series.count - 1
        if let routeIndex, routeIndex >= 0, routeIndex < index { index = routeIndex }
        let slot = status >= 0 && status < 600 ? Self.slotOfStatus[status] : Self.statuses.count
        let s = series[index]
        s.counts[slot].add(1)
        s.durations.record(nanoseconds: nanoseconds)
    }

    /// The whole exposition: HTTP, SQLite and content metrics.
    public func render(store: Store) -> String {
        var out = PrometheusText()
        out.header("zhibiao_http_requests_total", type: "counter", help: "Requests answered, by route pattern, method and status.")
        for s in series {
            for (slot, cell) in s.counts.enumerated() {
                let n = cell.load
                if n == 0 { continue }
                let status = slot < Self.statuses.count ? String(Self.statuses[slot]) : "other"
                out.sample("zhibiao_http_requests_total", [("method", s.method), ("route", s.route), ("status", status)], n)
            }
        }
        out.header("zhibiao_http_request_duration_seconds", type: "histogram",
                   help: "Time from the end of the request head to the response being queued, by route.")
        for s in series where s.durations.snapshot.count > 0 {
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
