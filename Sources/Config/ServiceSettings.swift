import Foundation
import Yams

/// The service's settings from `zhibiao.yaml`, the environment and flags, each value with
/// where it came from. Unknown keys and bad values are errors that name the key.
public struct ServiceSettings: Sendable {
    public enum Source: String, Sendable { case defaults = "default", file, environment, flag }

    public struct Value: Sendable {
        public var text: String
        public var source: Source
    }

    /// Every setting, its default and its short environment name if it has one.
    public static let definitions: [(key: String, defaultValue: String, shortEnvironment: String?)] = [
        ("server.host", "127.0.0.1", "ZHIBIAO_HOST"),
        ("server.port", "8080", "ZHIBIAO_PORT"),
        ("server.event_loop_threads", "0", nil),
        ("server.worker_threads", "8", nil),
        ("server.worker_queue_length", "256", nil),
        ("server.max_connections", "20000", nil),
        ("server.max_request_line_bytes", "8192", nil),
        ("server.max_header_bytes", "16384", nil),
        ("server.max_header_count", "100", nil),
        ("server.max_body_bytes", "16777216", nil),
        ("server.import_max_body_bytes", "536870912", nil),
        ("server.header_timeout_seconds", "10", nil),
        ("server.idle_timeout_seconds", "60", nil),
        ("server.io_timeout_seconds", "30", nil),
        ("server.shutdown_grace_seconds", "10", nil),
        ("database.path", "data/zhibiao.sqlite", "ZHIBIAO_DATABASE"),
        ("cors.origins", "*", nil),
        ("log.level", "info", "ZHIBIAO_LOG_LEVEL"),
        ("log.format", "logfmt", "ZHIBIAO_LOG_FORMAT"),
        ("log.access", "true", "ZHIBIAO_LOG_ACCESS"),
        ("log.flush_ms", "1000", nil),
        ("auth.reads_need_token", "false", nil),
        ("loader.attention_below", "0.7", nil),
        ("loader.allow_hosts", "", nil),
        ("loader.allow_private_networks", "false", nil),
    ]

    public private(set) var values: [String: Value]

    /// Reads `zhibiao.yaml` in `directory` (absent is fine: defaults), then the environment,
    /// then `flags` (key → value).
    public init(directory: URL, environment: [String: String], flags: [String: String] = [:]) throws(ConfigError) {
        var values: [String: Value] = [:]
        for definition in Self.definitions { values[definition.key] = Value(text: definition.defaultValue, source: .defaults) }
        let file = directory.appendingPathComponent("zhibiao.yaml")
        if FileManager.default.fileExists(atPath: file.path) {
            let root = try parseYAML(Catalogue.read(file), file: "zhibiao.yaml")
            var top = try YAMLMapping(root, file: "zhibiao.yaml", path: "")
            for section in top.keys {
                guard let node = top.node(section) else { continue }
                var mapping = try YAMLMapping(node, file: "zhibiao.yaml", path: section)
                for name in mapping.keys {
                    let key = section + "." + name
                    guard values[key] != nil else { throw mapping.error(name, "unknown key") }
                    guard let text = try mapping.textOrList(name) else { continue }
                    values[key] = Value(text: text, source: .file)
                }
            }
        }
        for definition in Self.definitions {
            let long = "ZHIBIAO_" + definition.key.uppercased().replacingOccurrences(of: ".", with: "_")
            if let text = environment[long] ?? definition.shortEnvironment.flatMap({ environment[$0] }) {
                values[definition.key] = Value(text: text, source: .environment)
            }
        }
        for (key, text) in flags {
            guard values[key] != nil else { throw ConfigError(file: "command line", key: key, message: "unknown setting") }
            values[key] = Value(text: text, source: .flag)
        }
        self.values = values
        try validate()
    }

    public func string(_ key: String) -> String { values[key]?.text ?? "" }

    public func int(_ key: String) -> Int { Int(string(key)) ?? 0 }

    public func bool(_ key: String) -> Bool { string(key) == "true" }

    public func double(_ key: String) -> Double { Double(string(key)) ?? 0 }

    /// A list setting: a YAML list in the file, comma-separated in the environment and flags.
    public func list(_ key: String) -> [String] {
        string(key).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A DNS name or an IP literal, as a URL's host would be written: what `loader.allow_hosts`
    /// compares exactly. A wildcard, port or scheme would suggest a match that never happens.
    static func isHostName(_ text: String) -> Bool {
        if text.hasPrefix("["), text.hasSuffix("]") {
            return text.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        return !text.hasPrefix(".") && !text.hasPrefix("-") && text.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "." || $0 == "_"
        }
    }

    private func validate() throws(ConfigError) {
        for (key, value) in values {
            let where_ = value.source == .file ? "zhibiao.yaml" : value.source.rawValue
            let numeric = key.hasPrefix("server.") && key != "server.host"
            if numeric {
                guard let n = Int(value.text), n >= 0 else {
                    throw ConfigError(file: where_, key: key, message: "'\(value.text)' is not a whole number ≥ 0")
                }
                if key == "server.port", n > 65535 {
                    throw ConfigError(file: where_, key: key, message: "'\(value.text)' is not a port (0–65535)")
                }
                let positive = ["server.worker_threads", "server.max_connections", "server.max_request_line_bytes",
                                "server.max_header_bytes", "server.max_header_count", "server.max_body_bytes", "server.import_max_body_bytes",
                                "server.header_timeout_seconds", "server.idle_timeout_seconds", "server.io_timeout_seconds"]
                if positive.contains(key), n == 0 {
                    throw ConfigError(file: where_, key: key, message: "must be at least 1")
                }
            }
            if key == "log.level",
               !["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(value.text.lowercased()) {
                throw ConfigError(file: where_, key: key, message: "'\(value.text)' is not one of: trace, debug, info, notice, warning, error, critical")
            }
            if ["auth.reads_need_token", "loader.allow_private_networks", "log.access"].contains(key), !["true", "false"].contains(value.text) {
                throw ConfigError(file: where_, key: key, message: "'\(value.text)' is not true or false")
            }
            if key == "log.format", !["logfmt", "json"].contains(value.text) {
                throw ConfigError(file: where_, key: key, message: "'\(value.text)' is not one of: logfmt, json")
            }
            if key == "log.flush_ms" {
                guard let n = Int(value.text), (1...60_000).contains(n) else {
                    throw ConfigError(file: where_, key: key, message: "'\(value.text)' is not a whole number of milliseconds from 1 to 60000")
                }
            }
            if key == "loader.attention_below" {
                guard let x = Double(value.text), (0...1).contains(x) else {
                    throw ConfigError(file: where_, key: key, message: "'\(value.text)' is not a confidence from 0 to 1")
                }
            }
            if key == "loader.allow_hosts", let bad = list(key).first(where: { !Self.isHostName($0) }) {
                throw ConfigError(file: where_, key: key, message: "'\(bad)' is not a host name: give exact names (docs.intranet.example), without scheme, port, path or wildcard")
            }
            if key == "server.host" || key == "database.path", value.text.isEmpty {
                throw ConfigError(file: where_, key: key, message: "is empty")
            }
        }
    }
}
