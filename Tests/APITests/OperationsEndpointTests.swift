import API
import Config
import Domain
import Foundation
import HTTPServer
import HTTPTestSupport
import Logging
import Metrics
import Storage
import Testing

/// `/readyz`, `/metrics` and the store's backup, on a real server and real SQLite files.
@Suite struct OperationsEndpointTests {
    /// The API plus the operations routes, with the request metrics in the middleware, the way
    /// `serve` composes them.
    final class Service {
        let server: HTTPServer
        init(store: SQLiteStore) throws {
            let metrics = RequestMetrics()
            var router = APIRoutes.router(store: store, cors: CORSPolicy(), metrics: metrics)
            OperationsRoutes.register(in: &router, store: store, metrics: metrics)
            var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
            configuration.eventLoopThreads = 2
            configuration.workerThreads = 2
            var logger = Logger(label: "test")
            logger.logLevel = .warning
            server = try HTTPServer(configuration: configuration, router: router, logger: logger)
            metrics.attach(server.stats)
            try server.start()
        }
        deinit {
            server.shutdown()
            server.wait()
        }
        func get(_ target: String) throws -> TestResponse {
            let client = try TestClient(port: server.localPort)
            try client.send("GET \(target) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
            return try client.readResponse(head: false)
        }
    }

    @Test func readyWhenTheDatabaseTakesWrites() throws {
        let f = try APIFixture()
        let service = try Service(store: f.store)
        let response = try service.get("/readyz")
        #expect(response.status == 200)
        #expect(response.text == #"{"status":"ready"}"#)
    }

    /// Tests run as root, where chmod does not stop writes, so the database is made read-only
    /// by opening the same file with the store's read-only option.
    @Test func notReadyWhenTheDatabaseIsReadOnly() throws {
        let f = try APIFixture()
        var options = SQLiteStore.Options()
        options.readOnly = true
        let readOnly = try SQLiteStore.open(path: f.store.path, migrations: [], options: options)
        let service = try Service(store: readOnly)
        let response = try service.get("/readyz")
        #expect(response.status == 503)
        #expect(response.header("Content-Type") == "application/problem+json")
        let problem = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
        #expect(problem["check"] as? String == "database_writable")
    }

    @Test func metricsCountRequestsAndParseAsPrometheusText() throws {
        let f = try APIFixture()
        try f.record("tech_smes_new", "330112", "2022-Q1", 20)
        let service = try Service(store: f.store)
        for _ in 0..<3 { #expect(try service.get("/indicators/tech_smes_new/observations?region=330112").status == 200) }
        #expect(try service.get("/no/such/path").status == 404)
        let response = try service.get("/metrics")
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let exposition = try Exposition(response.text)
        #expect(exposition.value("zhibiao_http_requests_total",
                                 ["method": "GET", "route": "/indicators/{code}/observations", "status": "200"]) == 3)
        #expect(exposition.value("zhibiao_http_requests_total", ["route": "unmatched", "status": "404"]) == 1)
        #expect(exposition.value("zhibiao_http_request_duration_seconds_count",
                                 ["method": "GET", "route": "/indicators/{code}/observations"]) == 3)
        #expect((exposition.value("zhibiao_http_accepted_connections_total", [:]) ?? 0) >= 5)
        #expect((exposition.value("zhibiao_http_sent_bytes_total", [:]) ?? 0) > 0)
        #expect((exposition.value("zhibiao_sqlite_write_transaction_seconds_count", [:]) ?? 0) >= 1)
        #expect(exposition.value("zhibiao_observation_revisions", [:]) == 1)
        #expect(exposition.types["zhibiao_http_request_duration_seconds"] == "histogram")
    }

    @Test func backupDuringWritesHoldsEveryAcknowledgedRow() throws {
        let f = try APIFixture()
        let acknowledged = Acknowledged()
        let store = f.store
        let writer = Thread {
            var quarter = 0
            while !acknowledged.stop {
                quarter += 1
                let period = "\(2000 + quarter / 4)-Q\(quarter % 4 + 1)"
                guard let p = Period(period) else { return }
                let key = ObservationKey(indicator: "tech_smes_new", region: "330112", period: p)
                guard (try? store.record(ObservationChange(key: key, value: Double(quarter), status: .final),
                                         source: .system("test"))) != nil else { return }
                acknowledged.add()
            }
            acknowledged.finish()
        }
        writer.start()
        acknowledged.waitFor(atLeast: 20)
        let before = acknowledged.count
        let path = f.folder.appendingPathComponent("backup.sqlite").path
        try store.backup(to: path)
        acknowledged.stopAndWait()
        #expect(throws: StorageError.self) { try store.backup(to: path) }
        let copy = try SQLiteStore.open(path: path, migrations: MigrationFile.load(
            directory: APIFixture.repository.appendingPathComponent("Migrations")))
        #expect(try copy.integrityCheck() == "ok")
        #expect(try copy.migrationsAreCurrent())
        #expect(try copy.contentTotals().revisions >= before)
    }
}

/// Counts the writer thread's acknowledged writes; the test waits on a condition, not a sleep.
final class Acknowledged: @unchecked Sendable {
    private let condition = NSCondition()
    private var acknowledged = 0
    private var stopping = false
    private var finished = false

    var count: Int { condition.withLock { acknowledged } }
    var stop: Bool { condition.withLock { stopping } }

    func add() {
        condition.withLock { acknowledged += 1; condition.broadcast() }
    }

    func finish() {
        condition.withLock { finished = true; condition.broadcast() }
    }

    func waitFor(atLeast n: Int) {
        condition.withLock { while acknowledged < n && !finished { condition.wait() } }
    }

    func stopAndWait() {
        condition.withLock {
            stopping = true
            while !finished { condition.wait() }
        }
    }
}

/// A strict reader of the Prometheus text format: every metric has HELP and TYPE before its
/// samples, sample lines are `name{labels} value`, histogram buckets rise with `le` and end
/// with `+Inf` equal to `_count`.
struct Exposition {
    struct Sample { let name: String; let labels: [String: String]; let value: Double }
    var samples: [Sample] = []
    var types: [String: String] = [:]

    init(_ text: String) throws {
        var helped: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            if line.hasPrefix("# HELP ") {
                let parts = line.split(separator: " ", maxSplits: 3)
                guard parts.count == 4 else { throw TestClientError("bad HELP: \(line)") }
                helped.insert(String(parts[2]))
                continue
            }
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(String(parts[3]))
                else { throw TestClientError("bad TYPE: \(line)") }
                types[String(parts[2])] = String(parts[3])
                continue
            }
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...])
            else { throw TestClientError("bad sample: \(line)") }
            let series = line[..<space]
            var name = String(series)
            var labels: [String: String] = [:]
            if let brace = series.firstIndex(of: "{") {
                guard series.hasSuffix("}") else { throw TestClientError("bad labels: \(line)") }
                name = String(series[..<brace])
                let body = series[series.index(after: brace)..<series.index(before: series.endIndex)]
                for pair in body.split(separator: ",") {
                    guard let eq = pair.firstIndex(of: "="), pair[pair.index(after: eq)...].hasPrefix("\""),
                          pair.hasSuffix("\"") else { throw TestClientError("bad label: \(pair)") }
                    labels[String(pair[..<eq])] = String(pair[pair.index(eq, offsetBy: 2)..<pair.index(before: pair.endIndex)])
                }
            }
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }) else {
                throw TestClientError("bad metric name: \(name)")
            }
            let family = ["_bucket", "_sum", "_count"].reduce(name) { n, suffix in
                types[n] == nil && n.hasSuffix(suffix) ? String(n.dropLast(suffix.count)) : n
            }
            guard types[family] != nil, helped.contains(family) else { throw TestClientError("no HELP/TYPE before \(name)") }
            samples.append(Sample(name: name, labels: labels, value: value))
        }
        try checkHistograms()
    }

    private func checkHistograms() throws {
        for (family, type) in types where type == "histogram" {
            var buckets: [String: [(le: Double, count: Double)]] = [:]
            for s in samples where s.name == family + "_bucket" {
                guard let le = s.labels["le"].flatMap({ $0 == "+Inf" ? Double.infinity : Double($0) }) else {
                    throw TestClientError("bucket without le in \(family)")
                }
                buckets[Self.key(s.labels.filter { $0.key != "le" }), default: []].append((le, s.value))
            }
            for (labels, series) in buckets {
                guard series.last?.le == .infinity else { throw TestClientError("\(family){\(labels)} lacks +Inf") }
                for (a, b) in zip(series, series.dropFirst()) where !(a.le < b.le && a.count <= b.count) {
                    throw TestClientError("\(family){\(labels)} buckets not monotonic")
                }
                let count = samples.first { $0.name == family + "_count" && Self.key($0.labels) == labels }
                let sum = samples.first { $0.name == family + "_sum" && Self.key($0.labels) == labels }
                guard let count, sum != nil, count.value == series.last?.count else {
                    throw TestClientError("\(family){\(labels)}: _count/_sum missing or not the +Inf bucket")
                }
            }
        }
    }

    static func key(_ labels: [String: String]) -> String {
        labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// The value of the one sample of `name` whose labels include `labels`.
    func value(_ name: String, _ labels: [String: String]) -> Double? {
        samples.first { s in s.name == name && labels.allSatisfy { s.labels[$0.key] == $0.value } }?.value
    }
}

@Suite struct ObservationTransferTests {
    @Test func exportThenImportIntoAFreshDatabaseRoundTrips() throws {
        let source = try APIFixture()
        try source.record("tech_smes_new", "330112", "2022", 100, kind: .target, bound: .min)
        try source.record("tech_smes_new", "330112", "2022-Q1", 20, status: .provisional)
        try source.record("tech_smes_new", "330112", "2022-Q2", 60, status: .estimated)
        try source.record("tech_smes_new", "330112", "2022-Q3", nil)
        let csv = try ObservationTransfer.export(store: source.store, indicators: nil, format: .csv)
        let text = String(decoding: csv, as: UTF8.self)
        #expect(text.hasPrefix("indicator,region,period,kind,value,status,bound,scope,note\r\n"))
        let target = try APIFixture()
        let result = try ObservationTransfer.importCSV(store: target.store, bytes: csv)
        #expect(result.created == 3 && result.updated == 0)
        #expect(try ObservationTransfer.export(store: target.store, indicators: nil, format: .csv) == csv)
        let again = try ObservationTransfer.importCSV(store: target.store, bytes: csv)
        #expect(again.created == 0 && again.unchanged == 3)
        let json = try ObservationTransfer.export(store: source.store, indicators: ["tech_smes_new"], format: .json)
        let rows = try JSONSerialization.jsonObject(with: Data(json)) as? [[String: Any]] ?? []
        #expect(rows.count == 3)
        #expect(rows.contains { $0["bound"] as? String == "min" && $0["value"] as? Double == 100 && $0["kind"] as? String == "target" })
    }

    @Test func anInvalidRowImportsNothing() throws {
        let f = try APIFixture()
        let csv = "indicator,region,period,value\ntech_smes_new,330112,2022-Q1,5\nno_such,330112,2022-Q1,5\n"
        #expect(throws: ObservationTransfer.Failure.self) {
            try ObservationTransfer.importCSV(store: f.store, bytes: Array(csv.utf8))
        }
        #expect(try f.store.contentTotals().revisions == 0)
    }
}

@Suite struct ReadTokenTests {
    @Test func readsNeedAReaderTokenExceptHealth() throws {
        let f = try APIFixture()
        let reader = try f.token("dashboard", .reader)
        let router = APIRoutes.router(store: f.store, readsNeedToken: true)
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.eventLoopThreads = 1
        configuration.workerThreads = 1
        let server = try HTTPServer(configuration: configuration, router: router, logger: Logger(label: "test"))
        try server.start()
        defer { server.shutdown(); server.wait() }
        func get(_ target: String, token: String?) throws -> Int {
            let client = try TestClient(port: server.localPort)
            let auth = token.map { "Authorization: Bearer \($0)\r\n" } ?? ""
            try client.send("GET \(target) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\(auth)\r\n")
            return try client.readResponse(head: false).status
        }
        #expect(try get("/indicators", token: nil) == 401)
        #expect(try get("/indicators", token: "wrong") == 401)
        #expect(try get("/indicators", token: reader) == 200)
        #expect(try get("/healthz", token: nil) == 200)
    }
}
