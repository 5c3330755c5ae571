import Config
import Domain
import Fetching
import Foundation
import HTTPServer
import ReportLoader
import Storage
import Testing
@testable import ZhibiaoCLI

/// `zhibiao load` and `zhibiao eval` through their core functions, on real SQLite files.
@Suite struct LoadAndEvalTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/ExtractionTests/Fixtures")
    static let seed = fixtures.appendingPathComponent("linan-2021.txt").path

    /// A migrated, seeded database in its own temp folder.
    final class Database {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhibiao-cli-\(UUID().uuidString)")
        let store: Store

        init() throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            store = try Store.open(path: folder.appendingPathComponent("db.sqlite").path,
                                   migrations: MigrationFile.load(directory: LoadAndEvalTests.repository.appendingPathComponent("Migrations")),
                                   logger: quietLogger())
            let catalogue = try Catalogue.load(directory: LoadAndEvalTests.repository.appendingPathComponent("config"))
            try store.seed(indicators: catalogue.indicators, regions: catalogue.regions)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    @Test func loadTwiceThenAccept() throws {
        let db = try Database()
        let first = try ReportLoading().run([Self.seed], store: db.store)
        let report = try #require(first.first?.report)
        #expect(first.first?.error == nil && report.created && report.facts.count >= 20)
        #expect(report.metadata.publisher == "区科技局" && report.document.publishedOn == "2022-03-24")

        let accepted = try ReportLoading(accept: true).run([Self.seed], store: db.store)
        let again = try #require(accepted.first?.report)
        #expect(!again.created && again.documentID == report.documentID)
        #expect(accepted.first?.outcomes.count == report.facts.count)
        #expect(again.facts.allSatisfy { $0.review == .accepted })
        // The observations cite the document.
        let rd = try #require(again.facts.first { $0.indicator == "rd_expenditure" && $0.period == .year(2021) })
        let revisions = try db.store.revisions(of: try #require(rd.observationKey))
        #expect(revisions.last?.source == .document(id: try #require(report.documentID), start: rd.start, end: rd.end))
        // A third run finds everything accepted and writes nothing.
        let third = try ReportLoading(accept: true).run([Self.seed], store: db.store)
        #expect(third.first?.outcomes.isEmpty == true)

        let table = Load.table(accepted)
        #expect(table.contains("rd_expenditure") && table.contains("accepted (created)"))
        #expect(Load.summary(accepted).contains("already loaded"))
    }

    @Test func jsonIsExactlyAnArrayOfFacts() throws {
        let db = try Database()
        let items = try ReportLoading(dryRun: true).run([Self.seed], store: db.store)
        let json = try Load.json(items)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(array.count == items.first?.report?.facts.count)
        let keys = Set(array.first?.keys.map { $0 } ?? [])
        #expect(keys.isSuperset(of: ["indicator", "region", "period", "kind", "value", "unit", "status", "confidence", "quote", "start", "end"]))
        #expect(try db.store.documents(limit: 10).isEmpty)
    }

    @Test func directoryLoadsEveryFileAndNamesWhatItRefuses() throws {
        let db = try Database()
        let folder = db.folder.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.seed, toPath: folder.appendingPathComponent("a-linan.txt").path)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("fuyang-2022-h1.gbk.txt"),
                                         to: folder.appendingPathComponent("b-fuyang.txt"))
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("pdf/scanned.pdf"),
                                         to: folder.appendingPathComponent("c-scan.pdf"))
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("pdf/short.pdf"),
                                         to: folder.appendingPathComponent("d-printed.pdf"))
        try Data("[]".utf8).write(to: folder.appendingPathComponent("a-linan.expected.json"))
        var leftOut: [String] = []
        let reports = try ReportInputs.expand([folder.path]) { leftOut.append($0) }
        #expect(leftOut.map { URL(fileURLWithPath: $0).lastPathComponent } == ["a-linan.expected.json"])
        var progress: [String] = []
        let items = try ReportLoading().run(reports, store: db.store) { progress.append($0) }
        #expect(items.count == 4 && progress.count == 4)
        #expect(items[0].report?.created == true && items[1].report?.created == true)
        #expect(items[1].report?.document.contentType == "text/plain; charset=gb18030")
        #expect(items[2].error?.contains("no text layer") == true)
        #expect(Load.summary(items).contains("c-scan.pdf: error: the PDF has no text layer (1 page of images, as scanned)"))
        #expect(items[3].error == nil && items[3].report?.created == true && items[3].report?.facts.isEmpty == false)
    }

    /// `zhibiao load URL` from a loopback origin opened on purpose: `reports.test` is allowed
    /// and answered with 127.0.0.1 without DNS.
    @Test func urlsAreFetchedWithinLimits() throws {
        let db = try Database()
        let seed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.seed)))
        var router = Router()
        router.get("/linan.txt") { _ in HTTPResponse(status: .ok, contentType: "text/plain; charset=utf-8", body: seed) }
        let origin = try HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), router: router, logger: quietLogger())
        try origin.start()
        defer { origin.shutdown(); origin.wait() }
        let fetcher = try Self.allowing("reports.test", at: origin.localPort)
        let url = "http://reports.test:\(origin.localPort)/linan.txt"
        let items = try ReportLoading(fetcher: fetcher).run([url], store: db.store)
        #expect(items.first?.error == nil && items.first?.report?.document.source == url)
        var small = fetcher
        small.maxBytes = 1000
        #expect(throws: ReportFetchError.tooLarge(source: url, limit: 1000)) { try small.fetch(url) }
        #expect(throws: ReportFetchError.tooLarge(source: Self.seed, limit: 1000)) {
            try ReportFetcher(maxBytes: 1000).fetch(Self.seed)
        }
        #expect(throws: ReportFetchError.unsupportedScheme("ftp://example.org/r.txt")) {
            try ReportFetcher().fetch("ftp://example.org/r.txt")
        }
        #expect(throws: ReportFetchError.unsupportedScheme(Self.seed)) {
            try ReportFetcher(allowsFiles: false).fetch(Self.seed)
        }
    }

    /// A fetcher that may reach `host`, which names 127.0.0.1 on `port`.
    static func allowing(_ host: String, at port: Int, timeout: Double = 30) throws -> ReportFetcher {
        let loopback = try #require(IPAddress("127.0.0.1"))
        return ReportFetcher(timeout: timeout, destinations: DestinationRule(allowedHosts: [host]),
                             hostOverrides: [HostOverride(host: host, port: port, address: loopback)])
    }

    /// A server that does not answer in time: the fetch gives up at its limit. The handler is
    /// released by the test afterwards rather than by a timer.
    @Test func aSlowServerTimesOut() throws {
        let release = DispatchSemaphore(value: 0)
        var router = Router()
        router.get("/slow", placement: .worker) { _ in
            _ = release.wait(timeout: .now() + 30)
            return HTTPResponse(status: .ok, contentType: "text/plain", body: Array("late".utf8))
        }
        let origin = try HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), router: router, logger: quietLogger())
        try origin.start()
        defer { release.signal(); origin.shutdown(); origin.wait() }
        let fetcher = try Self.allowing("slow.test", at: origin.localPort, timeout: 1)
        do {
            _ = try fetcher.fetch("http://slow.test:\(origin.localPort)/slow")
            Issue.record("a fetch past its time limit returned")
        } catch {
            guard case .timedOut = error else { Issue.record("expected timedOut, got \(error)"); return }
        }
    }

    @Test func evalScoresTheSeed() throws {
        let score = try Eval.score(expected: Self.fixtures.appendingPathComponent("linan-2021.expected.json").path,
                                   document: Self.seed, config: Self.repository.appendingPathComponent("config"))
        #expect(score.recall == 1.0)
        #expect(score.precision > 0.8)
        #expect(score.report.hasPrefix("recall    100.0%"))
    }
}
