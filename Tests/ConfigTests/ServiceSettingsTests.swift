import Config
import Foundation
import Testing

@Suite struct ServiceSettingsTests {
    func folder(_ yaml: String?) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if let yaml { try yaml.write(to: url.appendingPathComponent("zhibiao.yaml"), atomically: true, encoding: .utf8) }
        return url
    }

    @Test func shippedFileLoads() throws {
        let settings = try ServiceSettings(directory: ConfigDirectory.url, environment: [:])
        #expect(settings.int("server.port") == 8080 && settings.values["server.port"]?.source == .file)
    }

    @Test func flagBeatsEnvironmentBeatsFileBeatsDefault() throws {
        let dir = try folder("server:\n  port: 9000\n  host: 0.0.0.0\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let fileOnly = try ServiceSettings(directory: dir, environment: [:])
        #expect(fileOnly.int("server.port") == 9000 && fileOnly.string("log.level") == "info")
        #expect(fileOnly.values["log.level"]?.source == .defaults)
        let env = try ServiceSettings(directory: dir, environment: ["ZHIBIAO_PORT": "9100", "ZHIBIAO_SERVER_HOST": "::1"])
        #expect(env.int("server.port") == 9100 && env.string("server.host") == "::1")
        #expect(env.values["server.port"]?.source == .environment)
        let flag = try ServiceSettings(directory: dir, environment: ["ZHIBIAO_PORT": "9100"], flags: ["server.port": "9200"])
        #expect(flag.int("server.port") == 9200 && flag.values["server.port"]?.source == .flag)
    }

    @Test func unknownKeyAndBadValuesAreNamed() throws {
        let typo = try folder("server:\n  prot: 9000\n")
        defer { try? FileManager.default.removeItem(at: typo) }
        #expect(throws: ConfigError(file: "zhibiao.yaml", key: "server.prot", message: "unknown key")) {
            try ServiceSettings(directory: typo, environment: [:])
        }
        do {
            _ = try ServiceSettings(directory: typo, environment: [:])
        } catch {
            #expect(error.description.contains("server.prot"))
        }
        let dir = try folder(nil)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ConfigError.self) { try ServiceSettings(directory: dir, environment: ["ZHIBIAO_PORT": "eighty"]) }
        #expect(throws: ConfigError.self) { try ServiceSettings(directory: dir, environment: ["ZHIBIAO_PORT": "70000"]) }
        #expect(throws: ConfigError.self) { try ServiceSettings(directory: dir, environment: ["ZHIBIAO_LOG_LEVEL": "loud"]) }
        #expect(throws: ConfigError.self) { try ServiceSettings(directory: dir, environment: ["ZHIBIAO_SERVER_WORKER_THREADS": "0"]) }
    }

    @Test func attentionThresholdIsAConfidence() throws {
        let shipped = try ServiceSettings(directory: ConfigDirectory.url, environment: [:])
        #expect(shipped.double("loader.attention_below") == 0.7 && shipped.values["loader.attention_below"]?.source == .file)
        let dir = try folder("loader:\n  attention_below: 0.85\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try ServiceSettings(directory: dir, environment: [:]).double("loader.attention_below") == 0.85)
        for bad in ["1.5", "-0.1", "high"] {
            #expect(throws: ConfigError.self) { try ServiceSettings(directory: dir, environment: ["ZHIBIAO_LOADER_ATTENTION_BELOW": bad]) }
        }
    }
}

@Suite struct LoaderDestinationSettingsTests {
    func folder(_ yaml: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try yaml.write(to: url.appendingPathComponent("zhibiao.yaml"), atomically: true, encoding: .utf8)
        return url
    }

    @Test func theShippedFileOpensNothing() throws {
        let shipped = try ServiceSettings(directory: ConfigDirectory.url, environment: [:])
        #expect(shipped.list("loader.allow_hosts").isEmpty && !shipped.bool("loader.allow_private_networks"))
        #expect(shipped.values["loader.allow_hosts"]?.source == .file)
    }

    @Test func allowHostsIsAYAMLListOrCommaSeparated() throws {
        let dir = try folder("loader:\n  allow_hosts: [docs.intranet.example, 10.2.3.4, \"[fd00::5]\"]\n  allow_private_networks: true\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let settings = try ServiceSettings(directory: dir, environment: [:])
        #expect(settings.list("loader.allow_hosts") == ["docs.intranet.example", "10.2.3.4", "[fd00::5]"])
        #expect(settings.bool("loader.allow_private_networks"))
        let block = try folder("loader:\n  allow_hosts:\n    - a.example\n    - b.example\n")
        defer { try? FileManager.default.removeItem(at: block) }
        #expect(try ServiceSettings(directory: block, environment: [:]).list("loader.allow_hosts") == ["a.example", "b.example"])
        let env = try ServiceSettings(directory: dir, environment: ["ZHIBIAO_LOADER_ALLOW_HOSTS": "x.example, y.example"])
        #expect(env.list("loader.allow_hosts") == ["x.example", "y.example"])
    }

    @Test func aHostThatIsNotAnExactNameStopsStartUp() throws {
        for bad in ["*.intranet.example", "http://docs.example", "docs.example:8080", "docs.example/reports", ".example", "a b"] {
            let dir = try folder("loader:\n  allow_hosts: [\"\(bad)\"]\n")
            defer { try? FileManager.default.removeItem(at: dir) }
            #expect(throws: ConfigError.self, "\(bad)") { try ServiceSettings(directory: dir, environment: [:]) }
        }
        let dir = try folder("loader:\n  allow_private_networks: sometimes\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ConfigError(file: "zhibiao.yaml", key: "loader.allow_private_networks", message: "'sometimes' is not true or false")) {
            try ServiceSettings(directory: dir, environment: [:])
        }
        // A misspelt key still stops start-up rather than leaving the loader open or shut by surprise.
        let typo = try folder("loader:\n  allow_host: [docs.example]\n")
        defer { try? FileManager.default.removeItem(at: typo) }
        #expect(throws: ConfigError(file: "zhibiao.yaml", key: "loader.allow_host", message: "unknown key")) {
            try ServiceSettings(directory: typo, environment: [:])
        }
    }
}

@Suite struct ServiceSettingsReportTests {
    @Test func reportNamesEachSourceAndMasksSecrets() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "server:\n  port: 9000\n".write(to: dir.appendingPathComponent("zhibiao.yaml"), atomically: true, encoding: .utf8)
        let settings = try ServiceSettings(directory: dir, environment: ["ZHIBIAO_HOST": "0.0.0.0"],
                                           flags: ["log.level": "debug"])
        let report = settings.report
        #expect(report.count == ServiceSettings.definitions.count)
        #expect(report.contains { $0.hasPrefix("server.port ") && $0.hasSuffix("= 9000  # zhibiao.yaml") })
        #expect(report.contains { $0.hasPrefix("server.host ") && $0.hasSuffix("= 0.0.0.0  # environment") })
        #expect(report.contains { $0.hasPrefix("log.level ") && $0.hasSuffix("= debug  # flag") })
        #expect(report.contains { $0.hasPrefix("cors.origins ") && $0.hasSuffix("# default") })
        #expect(ServiceSettings.isSecret("auth.reader_token") && ServiceSettings.isSecret("s3.secret_key"))
        #expect(!ServiceSettings.isSecret("server.port"))
    }
}

@Suite struct LogFormatSettingTests {
    @Test func logFormatDefaultsToLogfmtAndRejectsOtherValues() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let defaults = try ServiceSettings(directory: dir, environment: [:])
        #expect(defaults.string("log.format") == "logfmt" && defaults.values["log.format"]?.source == .defaults)
        let env = try ServiceSettings(directory: dir, environment: ["ZHIBIAO_LOG_FORMAT": "json"])
        #expect(env.string("log.format") == "json" && env.values["log.format"]?.source == .environment)
        #expect(throws: ConfigError(file: "flag", key: "log.format", message: "'xml' is not one of: logfmt, json")) {
            try ServiceSettings(directory: dir, environment: [:], flags: ["log.format": "xml"])
        }
    }
}

@Suite struct AccessLogSettingTests {
    @Test func accessLogIsOnAndFlushedEverySecondByDefault() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let defaults = try ServiceSettings(directory: dir, environment: [:])
        #expect(defaults.bool("log.access") && defaults.int("log.flush_ms") == 1000)
        let off = try ServiceSettings(directory: dir, environment: ["ZHIBIAO_LOG_ACCESS": "false"])
        #expect(!off.bool("log.access") && off.values["log.access"]?.source == .environment)
        let shipped = try ServiceSettings(directory: ConfigDirectory.url, environment: [:])
        #expect(shipped.bool("log.access") && shipped.values["log.flush_ms"]?.source == .file)
    }

    @Test func badValuesStopStartUpNamingTheKey() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ConfigError(file: "flag", key: "log.access", message: "'yes' is not true or false")) {
            try ServiceSettings(directory: dir, environment: [:], flags: ["log.access": "yes"])
        }
        for bad in ["0", "-5", "1s", "60001"] {
            #expect(throws: ConfigError(file: "flag", key: "log.flush_ms",
                                        message: "'\(bad)' is not a whole number of milliseconds from 1 to 60000")) {
                try ServiceSettings(directory: dir, environment: [:], flags: ["log.flush_ms": bad])
            }
        }
        try "log:\n  acces: true\n".write(to: dir.appendingPathComponent("zhibiao.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: ConfigError(file: "zhibiao.yaml", key: "log.acces", message: "unknown key")) {
            try ServiceSettings(directory: dir, environment: [:])
        }
    }
}
