import Metrics
import CHTTPServerSystem
import Glibc
import Logging
import Synchronization

/// One thread, one epoll set, the connections assigned to it. Level-triggered: a connection is
/// read once per wakeup and written directly after its requests are handled, so `EPOLLOUT` is
/// only registered while a client is slow to take a response.
///
/// Everything except `execute` and the inbox is confined to the loop thread; that is why the
/// class is `@unchecked Sendable`.
final class EventLoop: @unchecked Sendable {
    typealias Task = @Sendable (EventLoop) -> Void

    let index: Int
    let context: ServerContext
    private let epfd: Int32
    private let wakeFD: Int32
    private struct Inbox {
        var tasks: [Task] = []
        var wakePending = false
        /// Set when the loop has exited and closed its eventfd: late tasks are dropped, never
        /// written to a descriptor number that may have been reused.
        var closed = false
    }

    private let inbox = Mutex(Inbox())

    // Loop-confined state.
    /// Loop 0 owns the listening socket and deals connections to all loops in turn.
    var listenFD: Int32 = -1
    var peers: [EventLoop] = []
    private var nextPeer = 0
    private var connections: [Int32: Connection] = [:]
    let scratchSize = 64 * 1024
    let scratch: UnsafeMutableRawBufferPointer
    private(set) var dateCache = HTTPDateCache()
    private(set) var now: UInt64 = 0
    private var requestCounter: UInt64 = 0
    private(set) var stopping = false
    private var shutdownDeadline: UInt64 = 0
    private var nextSweep: UInt64 = 0
    /// This loop's access-log buffer; nil when there is no access log.
    let accessLog: AccessLogBuffer?
    let onExit: @Sendable () -> Void

    init(index: Int, context: ServerContext, onExit: @escaping @Sendable () -> Void) throws(HTTPServerError) {
        self.index = index
        self.context = context
        self.onExit = onExit
        epfd = epoll_create1(Int32(EPOLL_CLOEXEC))
        if epfd < 0 { throw .system(.epoll, "epoll_create1") }
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        if wakeFD < 0 {
            close(epfd)
            throw .system(.epoll, "eventfd")
        }
        scratch = .allocate(byteCount: 64 * 1024, alignment: 16)
        accessLog = context.accessLogWriter.map { AccessLogBuffer(writer: $0, stats: context.stats, label: context.logger.label) }
        _ = control(EPOLL_CTL_ADD, wakeFD, EPOLLIN.rawValue)
    }

    deinit { scratch.deallocate() }

    /// Runs `task` on the loop thread; callable from any thread.
    func execute(_ task: @escaping Task) {
        let wakeFD = self.wakeFD
        inbox.withLock { inbox in
            if inbox.closed { return }
            inbox.tasks.append(task)
            if !inbox.wakePending {
                inbox.wakePending = true
                var one: UInt64 = 1
                _ = write(wakeFD, &one, 8)
            }
        }
    }

    func adoptListener(_ fd: Int32) {
        listenFD = fd
        _ = control(EPOLL_CTL_ADD, fd, EPOLLIN.rawValue)
    }

    @discardableResult
    func control(_ op: Int32, _ fd: Int32, _ events: UInt32) -> Bool {
        var event = epoll_event()
        event.events = events
        event.data.u64 = UInt64(UInt32(bitPattern: fd))
        return epoll_ctl(epfd, op, fd, &event) == 0
    }

    func run() {
        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        now = MonotonicClock.now()
        dateCache.refresh()
        while true {
            var timeout: Int32 = connections.isEmpty && !stopping ? -1 : context.tickMs
            if let due = accessLog?.deadline {
                // An idle loop must still wake to hand over its buffered records in time.
                let ms = Int32(clamping: (due > now ? due - now : 0) / 1_000_000 + 1)
                timeout = timeout < 0 ? ms : min(timeout, ms)
            }
            let n = epoll_wait(epfd, events, Int32(capacity), timeout)
            now = MonotonicClock.now()
            dateCache.refresh()
            if n > 0 {
                for i in 0..<Int(n) {
                    let event = events[i]
                    let fd = Int32(bitPattern: UInt32(truncatingIfNeeded: event.data.u64))
                    if fd == wakeFD {
                        drainInbox()
                    } else if fd == listenFD {
                        acceptConnections()
                    } else if let connection = connections[fd] {
                        connection.handle(events: event.events)
                    }
                }
            }
            if now >= nextSweep {
                nextSweep = now + UInt64(context.tickMs) * 1_000_000
                sweep()
            }
            accessLog?.flushIfDue(now: now)
            if stopping && (connections.isEmpty || now >= shutdownDeadline) { break }
        }
        for connection in Array(connections.values) { connection.close() }
        accessLog?.handOff(final: true)
        let wakeFD = self.wakeFD
        inbox.withLock { inbox in
            inbox.closed = true
            inbox.tasks = []
            close(wakeFD)
        }
        close(epfd)
        onExit()
    }

    private func drainInbox() {
        var value: UInt64 = 0
        _ = read(wakeFD, &value, 8)
        let tasks = inbox.withLock { inbox in
            inbox.wakePending = false
            let taken = inbox.tasks
            inbox.tasks.removeAll(keepingCapacity: true)
            return taken
        }
        for task in tasks { task(self) }
    }

    private func acceptConnections() {
        // A bounded batch keeps a connect storm from starving the connections already open.
        for _ in 0..<64 {
            guard let (fd, remote) = Socket.accept(listenFD) else {
                if errno == EINVAL || errno == EBADF { closeListener() }
                return
            }
            let stats = context.stats
            if stats.openConnections.load(ordering: .relaxed) >= context.configuration.maxConnections || stopping {
                stats.rejectedConnections.add(1, ordering: .relaxed)
                close(fd)
                continue
            }
            stats.openConnections.add(1, ordering: .relaxed)
            stats.acceptedConnections.add(1, ordering: .relaxed)
            let target = peers.isEmpty ? self : peers[nextPeer % peers.count]
            nextPeer &+= 1
            if target === self {
                register(fd: fd, remote: remote)
            } else {
                target.execute { $0.register(fd: fd, remote: remote) }
            }
        }
    }

    private func register(fd: Int32, remote: String) {
        if stopping {
            close(fd)
            context.stats.openConnections.subtract(1, ordering: .relaxed)
            return
        }
        let connection = Connection(fd: fd, remoteAddress: remote, loop: self)
        connections[fd] = connection
        control(EPOLL_CTL_ADD, fd, Connection.initialEvents)
    }

    /// Called by `Connection.close` after it closed its descriptor.
    func forget(_ fd: Int32) {
        connections[fd] = nil
        context.stats.openConnections.subtract(1, ordering: .relaxed)
    }

    private func closeListener() {
        guard listenFD >= 0 else { return }
        control(EPOLL_CTL_DEL, listenFD, 0)
        close(listenFD)
        listenFD = -1
    }

    private func sweep() {
        if connections.isEmpty { return }
        var expired: [Connection] = []
        for connection in connections.values where connection.isExpired(now: now) {
            expired.append(connection)
        }
        for connection in expired { connection.expire() }
    }

    /// Stops accepting, closes idle connections, lets the others finish until `deadline`.
    func beginShutdown(deadline: UInt64) {
        if stopping { return }
        stopping = true
        shutdownDeadline = deadline
        closeListener()
        for connection in Array(connections.values) { connection.shutdownRequested() }
    }

    /// Request ids: 4 hex digits per server run, the loop, a counter; 15 bytes, so the String
    /// stays in-line without allocating.
    func makeRequestID() -> String {
        requestCounter &+= 1
        let hex: StaticString = "0123456789abcdef"
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 15) { out in
            let digits = hex.utf8Start
            for i in 0..<4 { out[i] = context.requestIDPrefix[i] }
            out[4] = digits[index & 0xF]
            var v = requestCounter
            for i in stride(from: 14, through: 5, by: -1) {
                out[i] = digits[Int(v & 0xF)]
                v >>= 4
            }
            return String(decoding: UnsafeBufferPointer(out), as: UTF8.self)
        }
    }
}

extension EventLoop: ConnectionEnvironment {
    var date: [UInt8] { dateCache.bytes }

    func clock() -> UInt64 { MonotonicClock.now() }
}
