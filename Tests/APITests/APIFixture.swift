import API
import Config
import Domain
import Foundation
import HTTPServer
import HTTPTestSupport
import Logging
import ReportLoader
import Storage

/// A seeded database in a temp folder and a real server on a loopback port serving the API.
final class APIFixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    let folder: URL
    let store: Store
    let server: HTTPServer

    /// `fetcher`: the destination rules of `POST /documents {"url": …}` (by default public
    /// addresses only, so a test that fetches from loopback opens it on purpose).
    init(cors: CORSPolicy = CORSPolicy(), maxBodyBytes: Int = 16 * 1024 * 1024, attentionBelow: Double = 0.7,
         fetcher: ReportFetcher = ReportFetcher(), authFailures: AuthFailureLimiter = AuthFailureLimiter()) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhibiao-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        store = try Store.open(path: folder.appendingPathComponent("db.sqlite").path,
                               migrations: MigrationFile.load(directory: Self.repository.appendingPathComponent("Migrations")),
                               logger: logger)
        let catalogue = try Catalogue.load(directory: Self.repository.appendingPathComponent("config"))
        try store.seed(indicators: catalogue.indicators, regions: catalogue.regions)
        let router = APIRoutes.router(store: store, cors: cors, maxBodyBytes: maxBodyBytes, attentionBelow: attentionBelow,
                                      fetcher: fetcher, authFailures: authFailures)
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.eventLoopThreads = 2
        configuration.workerThreads = 2
        server = try HTTPServer(configuration: configuration, router: router, logger: logger)
        try server.start()
    }

    deinit {
        server.shutdown()
        server.wait()
        try? FileManager.default.removeItem(at: folder)
    }

    /// One request on a new connection; `Connection: close` keeps the framing simple.
    func get(_ target: String, headers: [String: String] = [:], method: String = "GET") throws -> TestResponse {
        let client = try TestClient(port: server.localPort)
        var request = "\(method) \(target) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request += "\(name): \(value)\r\n" }
        try client.send(request + "\r\n")
        return try client.readResponse(head: method == "HEAD")
    }

    func json(_ target: String) throws -> [String: Any] {
        let response = try get(target)
        guard response.status == 200 else { throw TestClientError("\(target): \(response.status) \(response.text)") }
        return try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }

    func data(_ target: String) throws -> [[String: Any]] {
        try json(target)["data"] as? [[String: Any]] ?? []
    }

    @discardableResult
    func record(_ indicator: String, _ region: String, _ period: String, _ value: Double?, kind: ObservationKind = .actual,
                status: ObservationStatus = .final, bound: Bound? = nil, scope: RankScope? = nil,
                source: RevisionSource = .user(token: "tester")) throws -> StoredObservation {
        guard let p = Period(period) else { throw TestClientError("bad period \(period)") }
        let key = ObservationKey(indicator: indicator, region: region, period: p, kind: kind, scope: scope)
        let change = value.map { ObservationChange(key: key, value: $0, status: status, bound: bound) }
            ?? .withdrawal(of: key)
        return try store.record(change, source: source).observation
    }
}

extension APIFixture {
    /// A new token's secret.
    func token(_ name: String, _ role: TokenRole, region: String? = nil) throws -> String {
        try store.createToken(name: name, role: role, region: region)
    }

    /// One request with a body and optional bearer token.
    func send(_ method: String, _ target: String, body: String, token: String?, contentType: String = "application/json",
              headers: [String: String] = [:]) throws -> TestResponse {
        let client = try TestClient(port: server.localPort)
        let bytes = Array(body.utf8)
        var request = "\(method) \(target) HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Type: \(contentType)\r\n"
        request += "Content-Length: \(bytes.count)\r\n"
        if let token { request += "Authorization: Bearer \(token)\r\n" }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request += "\(name): \(value)\r\n" }
        try client.send(Array((request + "\r\n").utf8) + bytes)
        return try client.readResponse()
    }

    func object(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }
}
