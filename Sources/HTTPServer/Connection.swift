import CHTTPServerSystem
import Glibc
import Logging

/// The I/O of one client connection, confined to its event loop: it reads and writes the
/// socket, keeps its epoll registration in step, runs handlers and hands the socket to workers,
/// as its `ConnectionState` decides. The decisions are all the state's.
final class Connection {
    let fd: Int32
    private unowned let loop: EventLoop
    private var state: ConnectionState
    /// The registration epoll has now, to apply only what changes.
    private var registered = true
    private var appliedInterest: ConnectionState.Interest

    init(fd: Int32, remoteAddress: String, loop: EventLoop) {
        self.fd = fd
        self.loop = loop
        state = ConnectionState(rules: loop.context.rules, remoteAddress: remoteAddress, now: loop.now)
        appliedInterest = state.interest
    }

    /// The epoll events a new connection is registered with.
    static let initialEvents = ConnectionState.Interest([.read, .readHangUp]).epollEvents

    // MARK: events

    func handle(events: UInt32) {
        if events & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0, let step = state.hungUp() {
            drive(step)
            return
        }
        if events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
            readable()
        }
        if state.isClosed { return }
        if events & EPOLLOUT.rawValue != 0 { drive(.wait) }
    }

    private func readable() {
        if state.isDraining {
            let n = recv(fd, loop.scratch.baseAddress, loop.scratchSize, 0)
            if n < 0 && (errno == EAGAIN || errno == EINTR) { return }
            if n <= 0 { close() }
            return
        }
        guard state.isReading else { return }
        let n = recv(fd, loop.scratch.baseAddress, loop.scratchSize, 0)
        if n < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return }
            close()
        } else if n == 0 {
            drive(state.peerFinishedSending())
        } else {
            loop.context.stats.bytesIn.add(n, ordering: .relaxed)
            drive(state.received(UnsafeRawBufferPointer(rebasing: loop.scratch[0..<n]), loop))
        }
    }

    /// Takes steps until there is nothing to do but wait, sending what is queued in between.
    private func drive(_ first: ConnectionState.Step) {
        var step = first
        while true {
            switch step {
            case .wait:
                guard flush() else { return sync() }
                step = state.outputDrained(loop)
                if case .wait = step { return sync() }
            case .run(let handler, let request):
                loop.context.stats.requestsServed.add(1, ordering: .relaxed)
                step = state.responded(Self.invoke(handler, request, loop.context.logger), loop)
            case .submit(let handler, let request):
                step = submit(handler, request)
            case .streamResponse(let produce, let head, let chunked):
                step = streamResponse(produce, head: head, chunked: chunked)
            case .streamRequest(let handler, let request, let parser, let buffered, let sendsContinue):
                step = streamRequest(handler, request, parser: parser, buffered: buffered, sendsContinue: sendsContinue)
            case .linger:
                // Closing with unread bytes makes the kernel send a reset, which can destroy the
                // response before the client reads it; with nothing unread a plain close is safe.
                if recv(fd, loop.scratch.baseAddress, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) < 0 && errno == EAGAIN {
                    return close()
                }
                shutdown(fd, Int32(SHUT_WR))
                state.lingering(until: loop.now + min(loop.context.rules.ioTimeout, 2_000_000_000))
                return sync()
            case .close:
                return close()
            }
        }
    }

    /// Sends pending output in as few `send` calls as the socket allows; false unless all of it went.
    private func flush() -> Bool {
        while state.hasUnsentOutput {
            let n = state.output.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + state.outputSent, raw.count - state.outputSent, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                state.sent(n, now: loop.now)
                loop.context.stats.bytesOut.add(n, ordering: .relaxed)
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                state.sendBlocked()
                sync()
                return false
            } else {
                close()
                return false
            }
        }
        return !state.isClosed
    }

    /// Brings epoll in line with what the state wants.
    private func sync() {
        guard !state.isClosed else { return }
        let wanted = state.isRegistered, interest = state.interest
        if wanted != registered {
            loop.control(wanted ? EPOLL_CTL_ADD : EPOLL_CTL_DEL, fd, wanted ? interest.epollEvents : 0)
            registered = wanted
            appliedInterest = interest
        } else if wanted, interest != appliedInterest {
            loop.control(EPOLL_CTL_MOD, fd, interest.epollEvents)
            appliedInterest = interest
        }
    }

    // MARK: handlers and workers

    /// Runs a handler. A thrown `ProblemDetails` is its answer; anything else is logged and a 500.
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

    private func submit(_ handler: @escaping HTTPHandler, _ request: HTTPRequest) -> ConnectionState.Step {
        let loop = self.loop, me = LoopBound(self), logger = loop.context.logger
        let accepted = loop.context.pool.trySubmit {
            let response = Self.invoke(handler, request, logger)
            loop.execute { loop in
                loop.context.stats.requestsServed.add(1, ordering: .relaxed)
                me.value.drive(me.value.state.workerFinished(response, loop))
            }
        }
        guard accepted else {
            loop.context.stats.workerRejections.add(1, ordering: .relaxed)
            return state.workerRejected(loop)
        }
        state.workerAccepted()
        return .wait
    }

    private func streamResponse(_ produce: @escaping @Sendable (any HTTPBodyWriter) throws -> Void, head: [UInt8],
                                chunked: Bool) -> ConnectionState.Step {
        let loop = self.loop, me = LoopBound(self), fd = self.fd
        let timeoutMs = loop.context.ioTimeoutMs, logger = loop.context.logger
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
            let written = writer.bytesWritten, succeeded = ok
            loop.execute { loop in
                loop.context.stats.bytesOut.add(written, ordering: .relaxed)
                me.value.drive(me.value.state.responseStreamFinished(ok: succeeded, loop))
            }
        }
        guard accepted else {
            loop.context.stats.workerRejections.add(1, ordering: .relaxed)
            return state.responseStreamRejected(loop)
        }
        state.responseStreamStarted()
        sync()
        return .wait
    }

    private func streamRequest(_ handler: @escaping HTTPHandler, _ request: HTTPRequest, parser: RequestParser,
                               buffered: [UInt8], sendsContinue: Bool) -> ConnectionState.Step {
        let loop = self.loop, context = loop.context, me = LoopBound(self), logger = context.logger
        let stream = RequestBodyStream(fd: fd, parser: parser, buffered: buffered, sendsContinue: sendsContinue,
                                       timeoutMs: context.ioTimeoutMs, stats: context.stats)
        var request = request
        request.bodyStream = stream
        let accepted = context.pool.trySubmit { [request] in
            let response = Self.invoke(handler, request, logger)
            let (complete, leftover) = stream.detach()
            loop.execute { loop in
                loop.context.stats.requestsServed.add(1, ordering: .relaxed)
                me.value.drive(me.value.state.requestStreamFinished(response, complete: complete, leftover: leftover, loop))
            }
        }
        guard accepted else {
            context.stats.workerRejections.add(1, ordering: .relaxed)
            return state.requestStreamRejected(loop)
        }
        state.requestStreamStarted()
        sync()
        return .wait
    }

    // MARK: closing and deadlines

    func close() {
        switch state.close() {
        case .already:
            return
        case .interruptWorker:
            shutdown(fd, Int32(SHUT_RDWR))
        case .now:
            if registered { loop.control(EPOLL_CTL_DEL, fd, 0) }
            registered = false
            Glibc.close(fd)
            loop.forget(fd)
        }
    }

    func shutdownRequested() { drive(state.shutdownRequested()) }

    func isExpired(now: UInt64) -> Bool { state.isExpired(now: now) }

    func expire() { drive(state.expire(loop)) }
}

extension ConnectionState.Interest {
    /// The epoll event bits of the interest.
    var epollEvents: UInt32 {
        var events: UInt32 = 0
        if contains(.read) { events |= EPOLLIN.rawValue }
        if contains(.readHangUp) { events |= EPOLLRDHUP.rawValue }
        if contains(.write) { events |= EPOLLOUT.rawValue }
        return events
    }
}
