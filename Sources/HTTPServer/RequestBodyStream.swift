import Glibc
import Synchronization

/// The body of a request to a `.streamingBody` route, read from the socket as the handler asks
/// for it: de-chunked, framed and limited exactly like a buffered body (it runs the same parser).
///
/// ```swift
/// router.post("/observations", placement: .streamingBody, maxBodyBytes: 512 << 20) { request in
///     var rows = CSVRowReader()
///     while let bytes = try request.bodyStream?.next() { try rows.feed(bytes) }
///     return try rows.finish()
/// }
/// ```
///
/// `next()` blocks until bytes arrive, at most the server's `ioTimeout` per wait; the first call
/// that has to wait sends the `100 Continue` a client asked for. It throws a problem when the
/// body cannot be read: 400 for bad chunked framing or a client that closed or reset before the
/// end, 408 for a client that sent nothing for `ioTimeout`, 413 when a chunked body passes the
/// route's limit. Rethrown, it becomes the response. Memory stays at one read buffer (64 KiB, or
/// the header limit if larger) whatever the size of the body.
///
/// Hazards: the handler's worker owns the connection's socket only until the handler returns.
/// After that the stream is detached and `next()` throws a 500, so a stream kept past its handler
/// can never read bytes that belong to the next request. A handler that returns before `next()`
/// gave nil leaves the rest of the body unread; the server then answers with `Connection: close`
/// rather than look for a request inside it.
///
/// The reader state sits behind a lock, which makes the stream honestly `Sendable`; it is meant
/// for one thread at a time all the same, since concurrent readers would each get a random part
/// of the body.
public final class RequestBodyStream: Sendable {
    private let reader: Mutex<Reader>

    /// A stream reading a body whose head `parser` has just parsed (`beginBody` called), starting
    /// with the bytes the connection had already received after the head; `fd` -1 when the body
    /// is all in `buffered`. `sendsContinue`: the client waits for `100 Continue`, sent before
    /// the first read from the socket.
    init(fd: Int32, parser: RequestParser, buffered: [UInt8], sendsContinue: Bool, timeoutMs: Int32,
         stats: HTTPServerStats?) {
        reader = Mutex(Reader(fd: fd, parser: parser, buffered: buffered, sendsContinue: sendsContinue,
                              timeoutMs: timeoutMs, stats: stats))
    }

    /// A stream over bytes already in memory: for calling a streaming handler in-process (tests,
    /// or a route that adapts a buffered request).
    public convenience init(bytes: [UInt8]) {
        var parser = RequestParser(limits: .init(maxRequestLineBytes: 0, maxHeaderBytes: 0, maxHeaderCount: 0))
        parser.beginBody(bytes.isEmpty ? .none : .length(bytes.count), limit: .max, streaming: true)
        self.init(fd: -1, parser: parser, buffered: bytes, sendsContinue: false, timeoutMs: 0, stats: nil)
    }

    /// The next piece of the body (never empty), or nil after the last one.
    public func next() throws(ProblemDetails) -> [UInt8]? {
        try reader.withLock { (reader) throws(ProblemDetails) -> [UInt8]? in try reader.next() }
    }

    /// Ends the handler's use of the socket. `complete` when the whole body was read; then
    /// `leftover` holds the bytes read past its end (a pipelined request), which belong to the
    /// connection again.
    func detach() -> (complete: Bool, leftover: [UInt8]) {
        reader.withLock { $0.detach() }
    }
}

extension RequestBodyStream {
    /// The stream's state, touched only under its lock.
    fileprivate struct Reader {
        private enum Status {
            case reading
            case complete
            case failed(ProblemDetails)
            case detached
        }

        /// How much one `recv` asks for: the bound on memory per stream.
        static let readSize = 64 * 1024

        /// -1 when the whole body was given up front.
        private let fd: Int32
        private let timeoutMs: Int32
        private let stats: HTTPServerStats?
        private var parser: RequestParser
        private var status: Status
        private var continuePending: Bool
        /// Received bytes in `start..<end`; its size is fixed at creation.
        private var buffer: [UInt8]
        private var start = 0
        private var end: Int

        init(fd: Int32, parser: RequestParser, buffered: [UInt8], sendsContinue: Bool, timeoutMs: Int32,
             stats: HTTPServerStats?) {
            self.fd = fd
            continuePending = sendsContinue && fd >= 0
            self.timeoutMs = timeoutMs
            self.stats = stats
            self.parser = parser
            status = parser.isReadingBody ? .reading : .complete
            // Room for a whole trailer line, which the parser takes only once its LF has arrived; a
            // longer line fails the parser's own limit before it could fill the buffer.
            let size = fd < 0 ? buffered.count
                : max(Self.readSize, parser.limits.maxHeaderBytes + 1, RequestParser.maxChunkLineBytes + 1, buffered.count)
            if buffered.count < size {
                // Zeroed in one go: appending a repeated element goes element by element, which
                // an unoptimized build makes cost milliseconds per request.
                buffer = [UInt8](repeating: 0, count: size)
                buffer.withUnsafeMutableBufferPointer { target in
                    buffered.withUnsafeBufferPointer { source in
                        if let from = source.baseAddress, let to = target.baseAddress { to.update(from: from, count: source.count) }
                    }
                }
            } else {
                buffer = buffered
            }
            end = buffered.count
        }

        mutating func next() throws(ProblemDetails) -> [UInt8]? {
            while true {
                switch status {
                case .reading: break
                case .complete: return nil
                case .failed(let problem): throw problem
                case .detached:
                    throw ProblemDetails(status: .internalServerError,
                                         detail: "The request body was read after its handler returned.")
                }
                if start < end {
                    let (consumed, event) = buffer.withUnsafeBytes { raw in
                        parser.parse(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                    }
                    start += consumed
                    switch event {
                    case .bodyComplete: status = .complete
                    case .error(let error): status = .failed(error.problem)
                    case .needMore, .head: break
                    }
                    // Bytes decoded before an error or the end are still the client's body: give them first.
                    let data = parser.takeBody()
                    if !data.isEmpty { return data }
                    guard case .reading = status else { continue }
                }
                try receive()
            }
        }

        /// Reads at least one more byte into the buffer, waiting up to the timeout for it.
        private mutating func receive() throws(ProblemDetails) {
            if start == end {
                start = 0
                end = 0
            } else if start > 0 {
                // What is left is a partial chunk-size or trailer line: a short move.
                let (from, count) = (start, end - start)
                buffer.withUnsafeMutableBytes { raw in
                    guard let base = raw.baseAddress else { return }
                    _ = memmove(base, base + from, count)
                }
                start = 0
                end = count
            }
            guard end < buffer.count else {
                // The parser bounds every line it waits for below the buffer size; kept as a guard.
                throw fail(.badRequest, "Malformed chunked body.")
            }
            guard fd >= 0 else { throw fail(.badRequest, "The request body ended early.") }
            if continuePending {
                continuePending = false
                let sent = ConnectionState.continueLine.withUnsafeBytes { Socket.sendAll(fd, $0, timeoutMs: timeoutMs) }
                guard sent else { throw fail(.badRequest, "The request body ended early.") }
                stats?.bytesOut.add(ConnectionState.continueLine.count, ordering: .relaxed)
            }
            while true {
                let n = buffer.withUnsafeMutableBytes { raw in
                    recv(fd, raw.baseAddress.map { $0 + end }, raw.count - end, 0)
                }
                if n > 0 {
                    end += n
                    stats?.bytesIn.add(n, ordering: .relaxed)
                    return
                }
                if n == 0 { throw fail(.badRequest, "The request body ended early.") }
                if errno == EINTR { continue }
                guard errno == EAGAIN || errno == EWOULDBLOCK else {
                    throw fail(.badRequest, "The request body ended early.")
                }
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&pfd, 1, timeoutMs)
                if ready == 0 { throw fail(.requestTimeout, "The request body was not received in time.") }
                if ready < 0 && errno != EINTR { throw fail(.badRequest, "The request body ended early.") }
                // Readable, hung up or failed: the next recv says which.
            }
        }

        private mutating func fail(_ status: HTTPStatus, _ detail: String) -> ProblemDetails {
            let problem = ProblemDetails(status: status, detail: detail)
            self.status = .failed(problem)
            return problem
        }

        mutating func detach() -> (complete: Bool, leftover: [UInt8]) {
            defer {
                status = .detached
                buffer = []
                start = 0
                end = 0
            }
            guard case .complete = status else { return (false, []) }
            return (true, Array(buffer[start..<end]))
        }
    }
}
