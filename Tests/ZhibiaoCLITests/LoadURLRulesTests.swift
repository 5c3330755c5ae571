import Config
import Fetching
import Foundation
import HTTPTestSupport
import ReportLoader
import Testing
@testable import ZhibiaoCLI

/// `zhibiao load URL` follows the server's rules: public addresses only, unless zhibiao.yaml
/// opens a host. Loopback only; the listener shows that a refused URL was never connected to.
@Suite struct LoadURLRulesTests {
    static func config(_ yaml: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhibiao-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try yaml.write(to: folder.appendingPathComponent("zhibiao.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func aLoopbackURLIsRefusedBeforeConnecting() throws {
        let db = try LoadAndEvalTests.Database()
        let listener = try SilentListener()
        let items = try ReportLoading().run(["http://\(listener.authority)/report.html"], store: db.store)
        #expect(items.first?.error?.contains("resolves to a private address (127.0.0.1, loopback 127.0.0.0/8)") == true,
                "\(items.first?.error ?? "no error")")
        #expect(listener.connectionsSoFar() == 0)
        #expect(try db.store.documents(limit: 10).isEmpty)
    }

    @Test func theCommandTakesItsRulesFromZhibiaoYAML() throws {
        let folder = try Self.config("loader:\n  allow_hosts: [docs.intranet.test, Reports.Test]\n  allow_private_networks: true\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let settings = try ServiceSettings(directory: folder, environment: [:])
        let load = try Load.parse(["http://reports.test/r.txt", "--max-bytes", "4096", "--timeout", "7"])
        let fetcher = load.fetcher(settings)
        #expect(fetcher.destinations == DestinationRule(allowedHosts: ["docs.intranet.test", "reports.test"], allowsPrivateNetworks: true))
        #expect(fetcher.maxBytes == 4096 && fetcher.timeout == 7 && fetcher.allowsFiles)
        // The defaults open nothing.
        let none = try Self.config("loader:\n  attention_below: 0.7\n")
        defer { try? FileManager.default.removeItem(at: none) }
        #expect(load.fetcher(try ServiceSettings(directory: none, environment: [:])).destinations == DestinationRule())
    }
}
