import Glibc

/// Every tunable of the server. The defaults suit a small public API on a 2-core machine.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind: an IPv4 or IPv6 literal (`127.0.0.1`, `0.0.0.0`, `::1`).
    public var host: String = "127.0.0.1"
    /// 0 lets the kernel choose; read the result from `HTTPServer.localPort`.
    public var port: Int = 8080
    public var backlog: Int32 = 1024

    /// Event-loop threads; nil means one per online core.
    public var eventLoopThreads: Int? = nil
    /// Threads that run `.worker` handlers and streaming bodies.
    public var workerThreads: Int = 8
    /// Jobs waiting for a worker beyond which requests get 503.
    public var workerQueueLength: Int = 256

    /// Request line including the target; longer gets 414.
    public var maxRequestLineBytes: Int = 8 * 1024
    /// Header fields after the request line; more gets 431.
    public var maxHeaderBytes: Int = 16 * 1024
    public var maxHeaderCount: Int = 100
    /// Default request body limit; a route may set its own (`Router.add(maxBodyBytes:)`).
    public var maxBodyBytes: Int = 16 * 1024 * 1024
    /// Open connections beyond which new ones are accepted and closed at once.
    public var maxConnections: Int = 20_000

    /// From the first byte of a request (or the accept) to the end of its header section;
    /// a client slower than this gets 408 and is closed (slowloris).
    public var headerTimeout: Duration = .seconds(10)
    /// A keep-alive connection with no request in progress is closed after this.
    public var idleTimeout: Duration = .seconds(60)
    /// A body upload or a response write that makes no progress for this long is abandoned.
    public var ioTimeout: Duration = .seconds(30)
    /// After `shutdown()`, in-flight requests get this long before connections are cut.
    public var shutdownGracePeriod: Duration = .seconds(10)

    /// Sent in the `Server` header.
    public var serverName: String = "zhibiao"

    /// The access log, written when the server's logger is at `info` or below (as a
    /// `logger.info` line per request would be); nil for none.
    public var accessLog: AccessLogConfiguration? = AccessLogConfiguration()

    public init() {}

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    var resolvedEventLoopThreads: Int {
        if let eventLoopThreads { return max(1, eventLoopThreads) }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
