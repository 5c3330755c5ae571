import CHTTPServerSystem
import Glibc
import Logging

/// One client connection, confined to its event loop. Requests are handled one at a time in
/// arrival order, which keeps pipelined responses in order without a reorder buffer: while a
/// handler runs on a worker, or a body streams, the connection stops reading. A streaming body
/// in either direction hands the socket to a worker thread, which blocks on it with a timeout
/// while the loop has it out of epoll.
final class Connection {
    private enum Phase {
        case reading
        case awaitingWorker
        /// A streaming body waits for earlier output to drain before a worker takes the socket.
        case streamPending(@Sendable (any HTTPBodyWriter) throws -> Void, head: [UInt8], chunked: Bool)
        case streaming
        /// A `.streamingBody` handler waits for earlier output to drain, since the loop cannot
        /// write while a worker owns the socket.
        case bodyStreamPending(HTTPHandler, HTTPRequest, sendsContinue: Bool)
        /// A worker reads the request body from the socket while its handler runs.
        case bodyStreaming
        /// Response sent, write side shut: reading what the client still sends, so that closing
        /// does not turn into a reset that destroys the response before the client reads it.
        case draining(until: UInt64)
        case closed
    }

    /// What the response needs to know about the request it answers.
    private struct Exchange {
        var method: HTTPMethod
        var path: String
        var minorVersion: Int
        var keepAlive: Bool
        var requestID: String
        var started: UInt64
        var match: RouteTable.Match
    }

    let fd: Int32
    let remoteAddress: String
    private unowned let loop: EventLoop
    private var parser: RequestParser
    private var phase = Phase.reading
    /// Bytes received but not yet consumed by the parser.
    private var input: [UInt8] = []
    private var output: [UInt8] = []
    private var outputSent = 0
    private var interest: UInt32
    private var exchange: Exchange?
    private var closeAfterResponse = false
    private var peerGone = false
    private var pausedForOutput = false
    private static let outputHighWater = 1 << 20
    private var lastActivity: UInt64
    private var headStarted: UInt64 = 0

    static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    init(fd: Int32, remoteAddress: String, loop: EventLoop) {
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.loop = loop
        self.parser = RequestParser(limits: loop.context.limits)
        self.interest = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
        self.lastActivity = loop.now
    }

    // MARK: events

    func handle(events: UInt32) {
        if case .bodyStreamPending = phase, events & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
            // Gone before its upload could start: nobody to read from or answer.
            close()
            return
        }
        if case .awaitingWorker = phase {
            // Hang-up is reported level-triggered whatever the interest; stop listening until the
            // worker is done, then close.
            if events & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
                loop.control(EPOLL_CTL_DEL, fd, 0)
                peerGone = true
                return
            }
        }
        if events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
            readable()
        }
        if case .closed = phase { return }
        if events & EPOLLOUT.rawValue != 0 { flush() }
    }

    private func readable() {
        switch phase {
        case .reading: break
        case .draining:
            drain()
            return
        default:
            return
        }
        let n = recv(fd, loop.scratch.baseAddress, loop.scratchSize, 0)
        if n < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return }
            close()
            return
        }
        if n == 0 {
            // The client finished sending. Whatever it sent is answered; a partial request cannot be.
            if output.count == outputSent { close() } else {
                closeAfterResponse = true
                setInterest(EPOLLOUT.rawValue)
            }
            return
        }
        loop.context.stats.bytesIn.add(n, ordering: .relaxed)
        lastActivity = loop.now
        if headStarted == 0 { headStarted = loop.now }
        if input.isEmpty {
            let consumed = process(UnsafeRawBufferPointer(rebasing: loop.scratch[0..<n]))
            if case .closed = phase { return }
            if consumed < n { input.append(contentsOf: UnsafeRawBufferPointer(rebasing: loop.scratch[consumed..<n])) }
        } else {
            input.append(contentsOf: UnsafeRawBufferPointer(rebasing: loop.scratch[0..<n]))
            processBuffered()
            if case .closed = phase { return }
        }
        flush()
    }

    private func processBuffered() {
        let consumed = input.withUnsafeBytes { process($0) }
        if case .closed = phase { return }
        if consumed == input.count {
            input.removeAll(keepingCapacity: input.capacity <= 64 * 1024)
        } else if consumed > 0 {
            input.removeFirst(consumed)
        }
    }

    /// Feeds bytes to the parser and handles every complete request; returns the bytes consumed.
    private func process(_ buffer: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        while case .reading = phase, !closeAfterResponse {
            if output.count - outputSent > Self.outputHighWater {
                // A client that pipelines without reading gets no more answers (and is not read)
                // until it takes the ones already queued.
                pausedForOutput = true
                setInterest(interest & ~(EPOLLIN.rawValue | EPOLLRDHUP.rawValue))
                return offset
            }
            let (consumed, event) = parser.parse(UnsafeRawBufferPointer(rebasing: buffer[offset...]))
            offset += consumed
            switch event {
            case .needMore:
                return offset
            case .error(let error):
                respond(error.problem.response, close: true)
            case .head(let head):
                begin(head)
            case .bodyComplete:
                dispatch(body: parser.takeBody())
            }
        }
        return offset
    }

    // MARK: requests

    private var currentHead: RequestHead?

    private func begin(_ head: RequestHead) {
        let context = loop.context
        let match: RouteTable.Match = head.path == "*" ? .notFound
            : context.routes.match(method: head.method, segments: head.segments)
        exchange = Exchange(method: head.method, path: head.path, minorVersion: head.version.minor,
                            keepAlive: head.keepAlive, requestID: head.requestID ?? loop.makeRequestID(),
                            started: loop.logsAccess || context.configuration.requestObserver != nil ? MonotonicClock.now() : 0,
                            match: match)
        headStarted = 0
        var limit = context.configuration.maxBodyBytes
        var streamsBody = false
        if case .found(let route, _) = match {
            if let routeLimit = route.maxBodyBytes { limit = routeLimit }
            streamsBody = route.placement == .streamingBody
        }
        switch head.framing {
        case .none:
            parser.beginBody(.none, limit: limit)
            currentHead = head
            dispatch(body: [])
            return
        case .length(let n) where n > limit:
            respond(ProblemDetails(status: .contentTooLarge, detail: "The request body exceeds \(limit) bytes.").response,
                    close: true)
            return
        default:
            break
        }
        if head.expectContinue && head.version.minor == 1 {
            guard case .found = match else {
                // The body will not be read, so 100 Continue would be a lie; answer and close.
                respond(problem(for: match).response, close: true)
                return
            }
            // A streaming handler's first read sends it, so the handler can refuse (no token, say)
            // before the client uploads anything.
            if !streamsBody { output.append(contentsOf: Self.continueLine) }
        }
        currentHead = head
        parser.beginBody(head.framing, limit: limit, streaming: streamsBody)
        if streamsBody { dispatch(body: []) }
    }

    private func problem(for match: RouteTable.Match) -> ProblemDetails {
        switch match {
        case .methodNotAllowed(let allowed):
            return ProblemDetails(status: .methodNotAllowed, detail: "The resource does not support this method.",
                                  headers: HTTPHeaders([("Allow", allowed.map(\.rawValue).joined(separator: ", "))]))
        default:
            return ProblemDetails(status: .notFound, detail: "No resource at this path.")
        }
    }

    private func dispatch(body: [UInt8]) {
        guard let head = currentHead, let exchange else { return }
        currentHead = nil
        guard case .found(let route, let parameters) = exchange.match else {
            respond(problem(for: exchange.match).response, close: false)
            return
        }
        let request = HTTPRequest(method: head.method, target: head.target, path: head.path, query: head.query,
                                  version: head.version, headers: head.headers, body: body, parameters: parameters,
                                  requestID: exchange.requestID, remoteAddress: remoteAddress)
        let logger = loop.context.logger
        switch route.placement {
        case .inline:
            respond(Self.invoke(route.handler, request, logger), close: false)
        case .worker:
            let loop = self.loop
            let me = LoopBound(self)
            let accepted = loop.context.pool.trySubmit {
                let response = Self.invoke(route.handler, request, logger)
                loop.execute { _ in me.value.workerFinished(response) }
            }
            if accepted {
                phase = .awaitingWorker
                // Not reading meanwhile: a half-close would otherwise report readable forever.
                setInterest(interest & EPOLLOUT.rawValue)
            } else {
                loop.context.stats.workerRejections.add(1, ordering: .relaxed)
                respond(ProblemDetails(status: .serviceUnavailable, detail: "The server is busy; retry later.",
                                       headers: HTTPHeaders([("Retry-After", "1")])).response, close: false)
            }
        case .streamingBody:
            let sendsContinue = head.expectContinue && head.version.minor == 1 && head.framing != .none
            phase = .bodyStreamPending(route.handler, request, sendsContinue: sendsContinue)
            // Not reading until the handler is done: the body is the worker's to read.
            setInterest(interest & EPOLLOUT.rawValue)
        }
    }

    static func invoke(_ handler: HTTPHandler, _ request: HTTPRequest, _ logger: Logger) -> HTTPResponse {
        do {
            return try handler(request)
        } catch let problem as ProblemDetails {
            return problem.response
        } catch {
            logger.error("handler failed", metadata: ["error": "\(error)", "path": "\(request.path)",
                                                      "request-id": "\(request.requestID)"])
            return ProblemDetails(status: .internalServerError, detail: "The server could not handle the request.").response
        }
    }

    private func workerFinished(_ response: HTTPResponse) {
        guard case .awaitingWorker = phase else { return }
        phase = .reading
        if peerGone {
            close()
            return
        }
        respond(response, close: false)
        if case .reading = phase { setInterest(interest | EPOLLIN.rawValue | EPOLLRDHUP.rawValue) }
        resume()
    }

    /// After an off-loop step, handle what was pipelined meanwhile and send what is pending.
    private func resume() {
        if case .reading = phase, !input.isEmpty {
            if headStarted == 0 { headStarted = loop.now }
            processBuffered()
            if case .closed = phase { return }
        }
        flush()
    }

    // MARK: responses

    /// Queues a response to the current exchange (or to an unparseable request).
    private func respond(_ response: HTTPResponse, close forceClose: Bool) {
        let context = loop.context
        let ex = exchange ?? Exchange(method: .GET, path: "-", minorVersion: 1, keepAlive: false,
                                      requestID: loop.makeRequestID(), started: 0, match: .notFound)
        exchange = nil
        currentHead = nil
        let close = forceClose || !ex.keepAlive || loop.stopping
        if close { closeAfterResponse = true }
        let code = response.status.code
        let bodiless = code == 204 || code == 304 || code < 200
        let connectionToken: ResponseSerializer.ConnectionToken =
            close ? .close : (ex.minorVersion == 0 ? .keepAlive : .omitted)
        var bodyBytes = 0
        switch response.body {
        case .empty, .bytes:
            let body: [UInt8]
            if case .bytes(let b) = response.body { body = b } else { body = [] }
            ResponseSerializer.appendHead(into: &output, status: response.status, headers: response.headers,
                                          date: loop.dateCache.bytes, serverName: context.serverName,
                                          framing: bodiless ? .none : .length(body.count), requestID: ex.requestID,
                                          connection: connectionToken)
            if !bodiless && ex.method != .HEAD {
                output.append(contentsOf: body)
                bodyBytes = body.count
            }
        case .stream(let produce):
            // HTTP/1.0 has no chunked coding: the body ends when the connection does.
            let chunked = ex.minorVersion == 1
            if !chunked { closeAfterResponse = true }
            let framing: ResponseSerializer.Framing = bodiless ? .none : (chunked ? .chunked : .none)
            var head: [UInt8] = []
            ResponseSerializer.appendHead(into: &head, status: response.status, headers: response.headers,
                                          date: loop.dateCache.bytes, serverName: context.serverName,
                                          framing: framing, requestID: ex.requestID,
                                          connection: closeAfterResponse ? .close : connectionToken)
            if bodiless || ex.method == .HEAD {
                output.append(contentsOf: head)
            } else {
                phase = .streamPending(produce, head: head, chunked: chunked)
            }
        }
        context.stats.requestsServed.add(1, ordering: .relaxed)
        if let observer = context.configuration.requestObserver {
            var routeIndex: Int? = nil
            if case .found(let route, _) = ex.match { routeIndex = route.index }
            observer.requestFinished(routeIndex: routeIndex, status: code,
                                     nanoseconds: ex.started == 0 ? 0 : MonotonicClock.now() &- ex.started)
        }
        if let accessLog = loop.accessLog {
            let micros = ex.started == 0 ? 0 : (MonotonicClock.now() &- ex.started) / 1000
            accessLog.append(method: ex.method, path: ex.path, status: code, bytes: bodyBytes, micros: micros,
                             requestID: ex.requestID, remote: remoteAddress)
        }
    }

    /// Sends pending output in as few `send` calls as the socket allows.
    private func flush() {
        while outputSent < output.count {
            let n = output.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + outputSent, raw.count - outputSent, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                outputSent += n
                loop.context.stats.bytesOut.add(n, ordering: .relaxed)
                lastActivity = loop.now
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                setInterest(interest | EPOLLOUT.rawValue)
                return
            } else {
                close()
                return
            }
        }
        if !output.isEmpty {
            output.removeAll(keepingCapacity: output.capacity <= 256 * 1024)
            outputSent = 0
        }
        if interest & EPOLLOUT.rawValue != 0 { setInterest(interest & ~EPOLLOUT.rawValue) }
        switch phase {
        case .streamPending(let produce, let head, let chunked):
            startStream(produce, head: head, chunked: chunked)
        case .bodyStreamPending(let handler, let request, let sendsContinue):
            startBodyStream(handler, request, sendsContinue: sendsContinue)
        case .reading where closeAfterResponse:
            lingerAndClose()
        case .reading where pausedForOutput:
            pausedForOutput = false
            setInterest(interest | EPOLLIN.rawValue | EPOLLRDHUP.rawValue)
            resume()
        case .reading where loop.stopping:
            shutdownRequested()
        default:
            break
        }
    }

    private func startStream(_ produce: @escaping @Sendable (any HTTPBodyWriter) throws -> Void, head: [UInt8],
                             chunked: Bool) {
        let loop = self.loop
        let me = LoopBound(self)
        let fd = self.fd
        let timeoutMs = loop.context.ioTimeoutMs
        let logger = loop.context.logger
        let accepted = loop.context.pool.trySubmit {
            let writer = SocketBodyWriter(fd: fd, timeoutMs: timeoutMs, chunked: chunked)
            var ok = writer.writeRaw(head)
            if ok {
                do {
                    try produce(writer)
                    ok = writer.finish()
                } catch is SocketBodyWriter.ClientGone {
                    ok = false
                } catch {
                    logger.error("streaming body failed", metadata: ["error": "\(error)"])
                    ok = false
                }
            }
            let written = writer.bytesWritten
            let succeeded = ok
            loop.execute { _ in me.value.streamFinished(ok: succeeded, bytes: written) }
        }
        if accepted {
            phase = .streaming
            loop.control(EPOLL_CTL_DEL, fd, 0)
        } else {
            // Nothing of this response has been sent yet, so it can still become a 503.
            phase = .reading
            loop.context.stats.workerRejections.add(1, ordering: .relaxed)
            closeAfterResponse = true
            respond(ProblemDetails(status: .serviceUnavailable, detail: "The server is busy; retry later.").response,
                    close: true)
            flush()
        }
    }

    private func streamFinished(ok: Bool, bytes: Int) {
        guard case .streaming = phase else { return }
        loop.context.stats.bytesOut.add(bytes, ordering: .relaxed)
        phase = .reading
        lastActivity = loop.now
        guard ok, !closeAfterResponse else {
            close()
            return
        }
        loop.control(EPOLL_CTL_ADD, fd, interest)
        resume()
    }

    private func startBodyStream(_ handler: @escaping HTTPHandler, _ request: HTTPRequest, sendsContinue: Bool) {
        let loop = self.loop
        let context = loop.context
        let me = LoopBound(self)
        let logger = context.logger
        // What was received after the head is the start of the body (or, for an empty body, the
        // next request): the stream reads it first and hands back what it does not consume.
        let stream = RequestBodyStream(fd: fd, parser: parser, buffered: input, sendsContinue: sendsContinue,
                                       timeoutMs: context.ioTimeoutMs, stats: context.stats)
        var request = request
        request.bodyStream = stream
        let accepted = context.pool.trySubmit { [request] in
            let response = Self.invoke(handler, request, logger)
            let (complete, leftover) = stream.detach()
            loop.execute { _ in me.value.bodyStreamFinished(response, complete: complete, leftover: leftover) }
        }
        if accepted {
            phase = .bodyStreaming
            input = []
            loop.control(EPOLL_CTL_DEL, fd, 0)
        } else {
            // The body stays unread, so the connection cannot be reused.
            phase = .reading
            context.stats.workerRejections.add(1, ordering: .relaxed)
            respond(ProblemDetails(status: .serviceUnavailable, detail: "The server is busy; retry later.",
                                   headers: HTTPHeaders([("Retry-After", "1")])).response, close: true)
            flush()
        }
    }

    private func bodyStreamFinished(_ response: HTTPResponse, complete: Bool, leftover: [UInt8]) {
        guard case .bodyStreaming = phase else { return }
        phase = .reading
        lastActivity = loop.now
        // Set by `close` meanwhile (server stopping): the worker has been cut off, not answered.
        guard !closeAfterResponse else {
            close()
            return
        }
        parser = RequestParser(limits: loop.context.limits)
        if complete { input = leftover }
        interest = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
        loop.control(EPOLL_CTL_ADD, fd, interest)
        // With part of the body unread (or unreadable) there is no telling where the next request
        // starts, so this response is the last.
        respond(response, close: !complete)
        resume()
    }

    // MARK: closing

    private func setInterest(_ events: UInt32) {
        guard events != interest else { return }
        interest = events
        switch phase {
        case .streaming, .bodyStreaming: return
        default: loop.control(EPOLL_CTL_MOD, fd, events)
        }
    }

    private func lingerAndClose() {
        // Closing with unread bytes makes the kernel send a reset, which can destroy the response
        // before the client reads it; with nothing unread a plain close is safe and immediate.
        if recv(fd, loop.scratch.baseAddress, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) < 0 && errno == EAGAIN {
            close()
            return
        }
        shutdown(fd, Int32(SHUT_WR))
        phase = .draining(until: loop.now + min(loop.context.ioTimeout, 2_000_000_000))
        setInterest(EPOLLIN.rawValue | EPOLLRDHUP.rawValue)
    }

    private func drain() {
        let n = recv(fd, loop.scratch.baseAddress, loop.scratchSize, 0)
        if n < 0 && (errno == EAGAIN || errno == EINTR) { return }
        if n <= 0 { close() }
    }

    func close() {
        if case .closed = phase { return }
        // A worker owns the socket while streaming; it reports back and the close happens then.
        switch phase {
        case .streaming, .bodyStreaming:
            closeAfterResponse = true
            shutdown(fd, Int32(SHUT_RDWR))
            return
        default:
            break
        }
        phase = .closed
        loop.control(EPOLL_CTL_DEL, fd, 0)
        Glibc.close(fd)
        loop.forget(fd)
        input = []
        output = []
    }

    func shutdownRequested() {
        if case .reading = phase, input.isEmpty, parser.isBetweenRequests, output.count == outputSent, exchange == nil {
            close()
        }
    }

    // MARK: deadlines

    func isExpired(now: UInt64) -> Bool {
        let context = loop.context
        switch phase {
        case .draining(let until):
            return now >= until
        case .bodyStreamPending:
            // Earlier responses the client does not take hold the upload back.
            return now >= lastActivity &+ context.ioTimeout
        case .reading:
            if output.count > outputSent { return now >= lastActivity &+ context.ioTimeout }
            if parser.isReadingBody { return now >= lastActivity &+ context.ioTimeout }
            if !input.isEmpty || !parser.isBetweenRequests {
                return headStarted != 0 && now >= headStarted &+ context.headerTimeout
            }
            return now >= lastActivity &+ context.idleTimeout
        default:
            return false
        }
    }

    func expire() {
        guard case .reading = phase, output.count == outputSent,
              !input.isEmpty || !parser.isBetweenRequests || parser.isReadingBody
        else {
            close()
            return
        }
        exchange = nil
        respond(ProblemDetails(status: .requestTimeout, detail: "The request was not received in time.").response,
                close: true)
        flush()
    }
}
