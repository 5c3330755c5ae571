import Metrics
import CHTTPServerSystem
import Glibc
import Logging
import Synchronization

/// The HTTP/1.1 server.
///
/// Design: a few event-loop threads (default one per core), each with its own epoll set, own
/// the non-blocking connections, so 10,000 idle keep-alive connections cost 10,000 small objects,
/// not 10,000 threads. Loop 0 accepts and deals connections round-robin; after that a
/// connection never changes loop and loops share no locks on the request path.
///
/// `.inline` handlers run on the loop that parsed the request: for work well under a
/// millisecond. `.worker` handlers run on a fixed pool of threads with a bounded queue (a full
/// queue answers 503 rather than queueing without limit); the response goes back to the
/// connection's loop through its eventfd, and is written there. A `.stream` body is produced on
/// a worker that owns the socket meanwhile and writes with poll()-bounded blocking sends: simple,
/// correct, and does not tie up a loop with a slow client.
///
/// ```swift
/// let server = try HTTPServer(configuration: config, router: router, logger: logger)
/// try server.start()          // binds, starts threads, returns
/// print(server.localPort)
/// server.shutdown()           // from any thread
/// server.wait()
/// ```
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    /// Counters for metrics, safe to read from any thread.
    public let stats = HTTPServerStats()
    private let context: ServerContext
    private let state = Mutex(State())
    private let finished = Latch()

    private struct State {
        var started = false
        var stopping = false
        var port = 0
        var listenFD: Int32 = -1
        var loops: [EventLoop] = []
    }

    public init(configuration: HTTPServerConfiguration = HTTPServerConfiguration(), router: Router,
                logger: Logger) throws(HTTPServerError) {
        for route in router.routes where !route.pattern.hasPrefix("/") {
            throw HTTPServerError(.invalidRoute, "Route pattern must start with '/': \(route.pattern)")
        }
        self.configuration = configuration
        self.context = ServerContext(configuration: configuration, router: router, logger: logger, stats: stats)
    }

    /// The bound port (useful with `port: 0`); 0 before `start()`.
    public var localPort: Int { state.withLock { $0.port } }

    /// Binds, starts the loops and workers, and returns.
    public func start() throws(HTTPServerError) {
        let alreadyStarted = state.withLock { s in
            defer { s.started = true }
            return s.started
        }
        if alreadyStarted { throw HTTPServerError(.alreadyStarted, "The server was already started.") }
        Socket.raiseDescriptorLimit()
        // Writes to a vanished client must fail with EPIPE, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        let (fd, port) = try Socket.listen(host: configuration.host, port: configuration.port,
                                           backlog: configuration.backlog)
        var loops: [EventLoop] = []
        let count = configuration.resolvedEventLoopThreads
        finished.set(count)
        let pool = context.pool
        let finished = self.finished
        do throws(HTTPServerError) {
            for i in 0..<count {
                loops.append(try EventLoop(index: i, context: context) {
                    if finished.countDown() { pool.stop() }
                })
            }
            for loop in loops { loop.peers = loops }
            loops[0].adoptListener(fd)
            try pool.start(name: "http")
            try context.accessLogWriter?.start()
            for loop in loops { try NativeThread.spawn(name: "http-loop\(loop.index)") { loop.run() } }
        } catch {
            close(fd)
            throw error
        }
        state.withLock { s in
            s.port = port
            s.listenFD = fd
            s.loops = loops
        }
        context.logger.info("listening", metadata: ["host": "\(configuration.host)", "port": "\(port)",
                                                    "loops": "\(count)", "workers": "\(configuration.workerThreads)"])
    }

    /// Stops accepting at once (new connections are refused when this returns), closes idle
    /// connections, and lets in-flight requests finish within the grace period. Non-blocking;
    /// follow with `wait()`.
    public func shutdown() {
        let (loops, listenFD) = state.withLock { s -> ([EventLoop], Int32) in
            if s.stopping || !s.started { return ([], -1) }
            s.stopping = true
            return (s.loops, s.listenFD)
        }
        guard !loops.isEmpty else { return }
        // shutdown(2) on a listening socket makes the kernel refuse new connections now, while the
        // descriptor stays valid until loop 0 closes it on its own thread.
        if listenFD >= 0 { Glibc.shutdown(listenFD, Int32(SHUT_RDWR)) }
        let deadline = MonotonicClock.now() + configuration.shutdownGracePeriod.totalNanoseconds
        for loop in loops { loop.execute { $0.beginShutdown(deadline: deadline) } }
    }

    /// Blocks until every loop has stopped (after `shutdown()`) and the access log is written;
    /// returns at once if never started. A stderr that takes nothing gets the grace period,
    /// not forever.
    public func wait() {
        finished.wait()
        context.accessLogWriter?.finish(timeout: configuration.shutdownGracePeriod)
    }
}
