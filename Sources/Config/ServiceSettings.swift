/// The service's settings, typed: what `zhibiao.yaml`, the environment and flags say, over the
/// defaults written here. Each key is declared once, in `ServiceSettings.keys` (its name, where
/// it lives in this struct and what it accepts), so that code reads `settings.server.port` (a
/// typo does not compile) and the file's unknown keys and bad values stop start-up naming the
/// key. `sources` says where each value came from, for `zhibiao config`.
public struct ServiceSettings: Sendable {
    public enum Source: String, Sendable { case defaults = "default", file, environment, flag }

    public struct Server: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// 0: one per core.
        public var eventLoopThreads = 0
        public var workerThreads = 8
        public var workerQueueLength = 256
        public var maxConnections = 20_000
        public var maxRequestLineBytes = 8192
        public var maxHeaderBytes = 16_384
        public var maxHeaderCount = 100
        public var maxBodyBytes = 16_777_216
        /// `POST /observations` (CSV imports).
        public var importMaxBodyBytes = 536_870_912
        public var headerTimeoutSeconds = 10
        public var idleTimeoutSeconds = 60
        public var ioTimeoutSeconds = 30
        public var shutdownGraceSeconds = 10
    }

    public struct Database: Sendable {
        public var path = "data/zhibiao.sqlite"
    }

    public struct CORS: Sendable {
        /// Origins allowed to read the API from a browser; `*` for any.
        public var origins = ["*"]
    }

    public struct Log: Sendable {
        public enum Level: String, Sendable, CaseIterable { case trace, debug, info, notice, warning, error, critical }
        public enum Format: String, Sendable, CaseIterable { case logfmt, json }

        public var level = Level.info
        public var format = Format.logfmt
        public var access = true
        public var flushMilliseconds = 1000
    }

    public struct Auth: Sendable {
        public var readsNeedToken = false
    }

    public struct Loader: Sendable {
        public var attentionBelow = 0.7
        public var allowHosts: [String] = []
        public var allowPrivateNetworks = false
    }

    public var server = Server()
    public var database = Database()
    public var cors = CORS()
    public var log = Log()
    public var auth = Auth()
    public var loader = Loader()
    /// Where each key's value came from; a key not listed has its default.
    public internal(set) var sources: [String: Source] = [:]

    public init() {}
}
