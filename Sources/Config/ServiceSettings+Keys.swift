extension ServiceSettings {
    /// Every key, once, in the order `zhibiao config` prints them: its name, where it lives, what
    /// it accepts. The defaults are the struct's.
    public static let keys: [SettingKey] = [
        .text("server.host", \.server.host, empty: false, shortEnvironment: "ZHIBIAO_HOST"),
        .integer("server.port", \.server.port, 0...65535, shortEnvironment: "ZHIBIAO_PORT", what: "a port (0–65535)"),
        .integer("server.event_loop_threads", \.server.eventLoopThreads, 0...Int.max),
        .integer("server.worker_threads", \.server.workerThreads, 1...Int.max),
        .integer("server.worker_queue_length", \.server.workerQueueLength, 0...Int.max),
        .integer("server.max_connections", \.server.maxConnections, 1...Int.max),
        .integer("server.max_request_line_bytes", \.server.maxRequestLineBytes, 1...Int.max),
        .integer("server.max_header_bytes", \.server.maxHeaderBytes, 1...Int.max),
        .integer("server.max_header_count", \.server.maxHeaderCount, 1...Int.max),
        .integer("server.max_body_bytes", \.server.maxBodyBytes, 1...Int.max),
        .integer("server.import_max_body_bytes", \.server.importMaxBodyBytes, 1...Int.max),
        .integer("server.header_timeout_seconds", \.server.headerTimeoutSeconds, 1...Int.max),
        .integer("server.idle_timeout_seconds", \.server.idleTimeoutSeconds, 1...Int.max),
        .integer("server.io_timeout_seconds", \.server.ioTimeoutSeconds, 1...Int.max),
        .integer("server.shutdown_grace_seconds", \.server.shutdownGraceSeconds, 0...Int.max),
        .text("database.path", \.database.path, empty: false, shortEnvironment: "ZHIBIAO_DATABASE"),
        .list("cors.origins", \.cors.origins),
        .choice("log.level", \.log.level, folding: true, shortEnvironment: "ZHIBIAO_LOG_LEVEL"),
        .choice("log.format", \.log.format, shortEnvironment: "ZHIBIAO_LOG_FORMAT"),
        .flag("log.access", \.log.access, shortEnvironment: "ZHIBIAO_LOG_ACCESS"),
        .integer("log.flush_ms", \.log.flushMilliseconds, 1...60_000, what: "a whole number of milliseconds from 1 to 60000"),
        .flag("auth.reads_need_token", \.auth.readsNeedToken),
        .number("loader.attention_below", \.loader.attentionBelow, 0...1, what: "a confidence from 0 to 1"),
        .list("loader.allow_hosts", \.loader.allowHosts) { host in
            isHostName(host) ? nil
                : "'\(host)' is not a host name: give exact names (docs.intranet.example), without scheme, port, path or wildcard"
        },
        .flag("loader.allow_private_networks", \.loader.allowPrivateNetworks),
    ]

    /// The key named so; nil for none.
    public static func key(_ name: String) -> SettingKey? { keys.first { $0.name == name } }

    /// The name of the key whose value lives at `path`, for a flag to set it.
    public static func name(of path: PartialKeyPath<ServiceSettings> & Sendable) -> String {
        guard let key = keys.first(where: { $0.path == path }) else { preconditionFailure("no setting lives at \(path)") }
        return key.name
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
}
