@testable import HTTPServer
import Testing

/// Every transition of a connection's state, without a socket: bytes in, steps out, and what
/// it would send. The server tests over loopback sockets cover the same paths end to end.
@Suite struct ConnectionStateTests {
    // MARK: reading and answering

    @Test func aRequestIsRunAndItsAnswerQueuedKeepingTheConnection() {
        // given
        var (state, env) = Self.connection()
        // when
        let step = state.receive("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", env)
        // then
        guard case .run(let handler, let request) = step else { Issue.record("expected run, got \(step)"); return }
        #expect(request.path == "/hello" && request.requestID == "r1" && request.receivedAt == env.now)
        #expect(state.respond(handler, request, env).isWait)
        #expect(state.sentText.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(state.sentText.hasSuffix("X-Request-Id: r1\r\n\r\nhello"))
        #expect(state.outputDrained(env).isWait)
        #expect(state.isReading && state.interest == [.read, .readHangUp] && state.isRegistered)
    }

    @Test func pipelinedRequestsAreAnsweredInOrderOneAtATime() {
        var (state, env) = Self.connection()
        let first = state.receive("GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /echo-id HTTP/1.1\r\nHost: x\r\nX-Request-Id: two\r\n\r\n", env)
        guard case .run(let h1, let r1) = first else { Issue.record("\(first)"); return }
        // The second request waits in the input until the first is answered.
        #expect(!state.input.isEmpty)
        let second = state.respond(h1, r1, env)
        guard case .run(let h2, let r2) = second else { Issue.record("\(second)"); return }
        #expect(r2.requestID == "two")
        #expect(state.respond(h2, r2, env).isWait)
        #expect(state.sentText.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
        #expect(state.input.isEmpty)
    }

    @Test func aPartialHeadWaitsAndTimesOutWith408() {
        var (state, env) = Self.connection()
        #expect(state.receive("GET /hello HTTP/1.1\r\nHost: x\r\nHo", env).isWait)
        #expect(!state.isExpired(now: env.now + Self.rules.headerTimeout - 1))
        #expect(state.isExpired(now: env.now + Self.rules.headerTimeout))
        let step = state.expire(env)
        guard case .run(let handler, let request) = step else { Issue.record("\(step)"); return }
        #expect(state.respond(handler, request, env).isWait)
        #expect(state.sentText.hasPrefix("HTTP/1.1 408 "))
        #expect(state.sentText.contains("Connection: close"))
        #expect(state.outputDrained(env).isLinger)
    }

    @Test func anIdleConnectionIsClosedAfterItsTimeout() {
        var (state, env) = Self.connection()
        #expect(!state.isExpired(now: env.now + Self.rules.idleTimeout - 1))
        #expect(state.isExpired(now: env.now + Self.rules.idleTimeout))
        #expect(state.expire(env).isClose)
    }

    @Test func aMalformedRequestIsAnswered400AndClosed() {
        var (state, env) = Self.connection()
        let step = state.receive("GET /hello HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n", env)
        guard case .run(let handler, let request) = step else { Issue.record("\(step)"); return }
        #expect(request.path == "-")
        #expect(state.respond(handler, request, env).isWait)
        #expect(state.sentText.hasPrefix("HTTP/1.1 400 ") && state.sentText.contains("Connection: close"))
        #expect(state.interest == [])
        #expect(state.outputDrained(env).isLinger)
    }

    @Test func anUnknownPathIs404AndAKnownOneUnderAnotherMethod405WithAllow() {
        var (state, env) = Self.connection()
        let notFound = state.receive("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n", env)
        guard case .run(let h1, let r1) = notFound else { Issue.record("\(notFound)"); return }
        #expect(state.respond(h1, r1, env).isWait)
        #expect(state.sentText.hasPrefix("HTTP/1.1 404 ") && !state.sentText.contains("Connection: close"))
        _ = state.outputDrained(env)
        let notAllowed = state.receive("DELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n", env)
        guard case .run(let h2, let r2) = notAllowed else { Issue.record("\(notAllowed)"); return }
        #expect(state.respond(h2, r2, env).isWait)
        #expect(state.sentText.contains("405 ") && state.sentText.contains("Allow: GET, HEAD"))
    }

    @Test func aBodyOverTheRouteLimitIs413BeforeItIsRead() {
        var (state, env) = Self.connection()
        let step = state.receive("POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n", env)
        guard case .run(let handler, let request) = step else { Issue.record("\(step)"); return }
        #expect(state.respond(handler, request, env).isWait)
        #expect(state.sentText.hasPrefix("HTTP/1.1 413 ") && state.sentText.contains("Connection: close"))
    }

    @Test func expectContinueIsAnsweredOnlyForARouteThatReadsTheBody() {
        var (state, env) = Self.connection()
        #expect(state.receive("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n", env).isWait)
        #expect(state.sentText == "HTTP/1.1 100 Continue\r\n\r\n")
        let step = state.receive("hi", env)
        guard case .run(_, let request) = step else { Issue.record("\(step)"); return }
        #expect(request.body == Array("hi".utf8))

        var (other, env2) = Self.connection()
        let refused = other.receive("POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n", env2)
        guard case .run(let handler, let request2) = refused else { Issue.record("\(refused)"); return }
        #expect(other.respond(handler, request2, env2).isWait)
        #expect(other.sentText.hasPrefix("HTTP/1.1 404 ") && other.sentText.contains("Connection: close"))
    }

    @Test func http10GetsKeepAliveConfirmedOrTheConnectionClosed() {
        var (state, env) = Self.connection()
        let step = state.receive("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", env)
        guard case .run(let handler, let request) = step else { Issue.record("\(step)"); return }
        #expect(state.respond(handler, request, env).isWait)
        #expect(state.sentText.contains("Connection: keep-alive"))
        _ = state.outputDrained(env)
        let plain = state.receive("GET /hello HTTP/1.0\r\n\r\n", env)
        guard case .run(let h2, let r2) = plain else { Issue.record("\(plain)"); return }
        #expect(state.respond(h2, r2, env).isWait)
        #expect(state.sentText.contains("Connection: close"))
        #expect(state.outputDrained(env).isLinger)
    }

    // MARK: the peer and the output

    @Test func aPeerThatStopsSendingIsClosedOnceItsAnswersAreSent() {
        var (idle, _) = Self.connection()
        #expect(idle.peerFinishedSending().isClose)

        var (state, env) = Self.connection()
        let step = state.receive("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", env)
        guard case .run(let handler, let request) = step else { Issue.record("\(step)"); return }
        _ = state.respond(handler, request, env)
        #expect(state.peerFinishedSending().isWait)
        #expect(state.closeAfterResponse && !state.interest.contains(.read))
        #expect(state.outputDrained(env).isLinger)
        state.lingering(until: env.now + 5)
        #expect(state.isDraining && state.interest == [.read, .readHangUp])
        #expect(!state.isExpired(now: env.now + 4) && state.isExpired(now: env.now + 5))
    }

    @Test func aClientThatDoesNotReadIsNotReadUntilItTakesItsAnswers() {
        var rules = Self.rules
        rules.outputHighWater = 10
        var (state, env) = Self.connection(rules: rules)
        let step = state.receive("GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n", env)
        guard case .run(let handler, let request) = step else { Issue.record("\(step)"); return }
        // The first answer is over the high water: the second request waits, and reading stops.
        #expect(state.respond(handler, request, env).isWait)
        #expect(!state.interest.contains(.read) && !state.input.isEmpty)
        state.sendBlocked()
        #expect(state.interest == [.write])
        // Once the client takes it, the second request is handled.
        state.sent(state.output.count, now: env.now)
        guard case .run = state.outputDrained(env) else { Issue.record("expected the second request"); return }
        #expect(state.interest == [.read, .readHangUp])
    }

    // MARK: workers

    @Test func aWorkerHandlerStopsReadingUntilItsAnswerComesBack() {
        var (state, env) = Self.connection()
        let step = state.receive("GET /worker HTTP/1.1\r\nHost: x\r\n\r\n", env)
        guard case .submit(let handler, let request) = step else { Issue.record("\(step)"); return }
        state.workerAccepted()
        #expect(state.interest == [] && state.isRegistered)
        let response = Self.run(handler, request)
        #expect(state.workerFinished(response, env).isWait)
        #expect(state.sentText.hasSuffix("from worker") && state.interest == [.read, .readHangUp])
    }

    @Test func aPeerThatHangsUpDuringAWorkerIsClosedWhenTheWorkerIsDone() {
        var (state, env) = Self.connection()
        guard case .submit(let handler, let request) = state.receive("GET /worker HTTP/1.1\r\nHost: x\r\n\r\n", env) else {
            Issue.record("expected submit"); return
        }
        state.workerAccepted()
        #expect(state.hungUp()?.isWait == true)
        #expect(!state.isRegistered)
        #expect(state.workerFinished(Self.run(handler, request), env).isClose)
    }

    @Test func aFullWorkerQueueIsA503WithRetryAfter() {
        var (state, env) = Self.connection()
        guard case .submit = state.receive("GET /worker HTTP/1.1\r\nHost: x\r\n\r\n", env) else { Issue.record("expected submit"); return }
        let step = state.workerRejected(env)
        guard case .run(let handler, let request) = step else { Issue.record("\(step)"); return }
        #expect(state.respond(handler, request, env).isWait)
        #expect(state.sentText.hasPrefix("HTTP/1.1 503 ") && state.sentText.contains("Retry-After: 1"))
        #expect(!state.sentText.contains("Connection: close"))
    }

    // MARK: streamed bodies

    @Test func aStreamedRequestBodyGoesToAWorkerWithWhatCameAfterTheHead() {
        var (state, env) = Self.connection()
        #expect(state.receive("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab", env).isWait)
        let step = state.outputDrained(env)
        guard case .streamRequest(let handler, let request, _, let buffered, let sendsContinue) = step else {
            Issue.record("\(step)"); return
        }
        #expect(buffered == Array("ab".utf8) && !sendsContinue)
        state.requestStreamStarted()
        #expect(!state.isRegistered && state.input.isEmpty)
        // The handler read the whole body; a pipelined request came after it.
        let answered = state.requestStreamFinished(Self.run(handler, request), complete: true,
                                                   leftover: Array("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".utf8), env)
        guard case .run = answered else { Issue.record("expected the pipelined request, got \(answered)"); return }
        #expect(state.isRegistered && state.sentText.hasPrefix("HTTP/1.1 200 ") && !state.sentText.contains("Connection: close"))
    }

    @Test func aStreamedRequestBodyLeftUnreadEndsTheConnection() {
        var (state, env) = Self.connection()
        _ = state.receive("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n", env)
        guard case .streamRequest(let handler, let request, _, _, _) = state.outputDrained(env) else {
            Issue.record("expected streamRequest"); return
        }
        state.requestStreamStarted()
        #expect(state.requestStreamFinished(Self.run(handler, request), complete: false, leftover: [], env).isWait)
        #expect(state.sentText.contains("Connection: close"))
        #expect(state.outputDrained(env).isLinger)
    }

    @Test func aStreamedRequestBodyRefusedByAFullQueueIs503AndClosed() {
        var (state, env) = Self.connection()
        _ = state.receive("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n", env)
        guard case .streamRequest = state.outputDrained(env) else { Issue.record("expected streamRequest"); return }
        guard case .run(let handler, let request) = state.requestStreamRejected(env) else { Issue.record("expected run"); return }
        _ = state.respond(handler, request, env)
        #expect(state.sentText.hasPrefix("HTTP/1.1 503 ") && state.sentText.contains("Connection: close"))
    }

    @Test func aPeerGoneBeforeItsUploadStartedIsClosed() {
        var (state, env) = Self.connection()
        _ = state.receive("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n", env)
        #expect(state.hungUp()?.isClose == true)
    }

    @Test func aStreamedResponseWaitsForEarlierOutputThenGoesToAWorker() {
        var (state, env) = Self.connection()
        guard case .run(let handler, let request) = state.receive("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n", env) else {
            Issue.record("expected run"); return
        }
        #expect(state.respond(handler, request, env).isWait)
        #expect(state.output.isEmpty)
        let step = state.outputDrained(env)
        guard case .streamResponse(_, let head, let chunked) = step else { Issue.record("\(step)"); return }
        #expect(chunked && String(decoding: head, as: UTF8.self).contains("Transfer-Encoding: chunked"))
        state.responseStreamStarted()
        #expect(!state.isRegistered)
        // A close meanwhile (the server stopping) interrupts the worker, then closes.
        #expect(state.close() == .interruptWorker)
        #expect(state.responseStreamFinished(ok: true, env).isClose)
        #expect(state.close() == .now && state.close() == .already)
    }

    @Test func aStreamedResponseThatFailsClosesAndOneThatWorksKeepsTheConnection() {
        for ok in [false, true] {
            var (state, env) = Self.connection()
            guard case .run(let handler, let request) = state.receive("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n", env) else { return }
            _ = state.respond(handler, request, env)
            _ = state.outputDrained(env)
            state.responseStreamStarted()
            #expect(state.responseStreamFinished(ok: ok, env).isClose == !ok)
            #expect(state.isRegistered && state.isReading)
        }
    }

    @Test func aStreamedResponseToHEADIsItsHeadAlone() {
        var (state, env) = Self.connection()
        guard case .run(let handler, let request) = state.receive("HEAD /stream HTTP/1.1\r\nHost: x\r\n\r\n", env) else {
            Issue.record("expected run"); return
        }
        _ = state.respond(handler, request, env)
        #expect(state.sentText.hasPrefix("HTTP/1.1 200 ") && state.outputDrained(env).isWait)
    }

    @Test func aStreamedResponseRefusedByAFullQueueIs503AndClosed() {
        var (state, env) = Self.connection()
        guard case .run(let handler, let request) = state.receive("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n", env) else { return }
        _ = state.respond(handler, request, env)
        _ = state.outputDrained(env)
        guard case .run(let h503, let r503) = state.responseStreamRejected(env) else { Issue.record("expected run"); return }
        _ = state.respond(h503, r503, env)
        #expect(state.sentText.hasPrefix("HTTP/1.1 503 ") && state.sentText.contains("Connection: close"))
    }

    // MARK: stopping

    @Test func stoppingClosesAnIdleConnectionAndEndsABusyOneAfterItsAnswer() {
        var (idle, _) = Self.connection()
        #expect(idle.shutdownRequested().isClose)

        var (state, env) = Self.connection()
        guard case .submit(let handler, let request) = state.receive("GET /worker HTTP/1.1\r\nHost: x\r\n\r\n", env) else { return }
        state.workerAccepted()
        #expect(state.shutdownRequested().isWait)
        _ = state.workerFinished(Self.run(handler, request), env)
        #expect(state.sentText.contains("Connection: close"))
        #expect(state.outputDrained(env).isLinger)
    }

    // MARK: helpers

    static let rules: ConnectionState.Rules = {
        var router = Router()
        router.get("/hello") { _ in HTTPResponse(status: .ok, contentType: "text/plain", body: Array("hello".utf8)) }
        router.get("/echo-id") { request in HTTPResponse(status: .ok, contentType: "text/plain", body: Array(request.requestID.utf8)) }
        router.post("/echo") { request in HTTPResponse(status: .ok, contentType: "text/plain", body: request.body) }
        router.post("/small", maxBodyBytes: 10) { _ in HTTPResponse(status: .noContent) }
        router.get("/worker", placement: .worker) { _ in
            HTTPResponse(status: .ok, contentType: "text/plain", body: Array("from worker".utf8))
        }
        router.post("/upload", placement: .streamingBody) { _ in HTTPResponse(status: .ok, contentType: "text/plain", body: []) }
        router.get("/stream") { _ in
            HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "text/plain")]), body: .stream { _ in })
        }
        return ConnectionState.Rules(
            routes: RouteTable(router), limits: .init(maxRequestLineBytes: 8192, maxHeaderBytes: 16384, maxHeaderCount: 100),
            maxBodyBytes: 1 << 20, headerTimeout: 10_000, idleTimeout: 60_000, ioTimeout: 30_000,
            serverName: Array("test".utf8))
    }()

    static func connection(rules: ConnectionState.Rules = rules) -> (ConnectionState, Environment) {
        let env = Environment()
        return (ConnectionState(rules: rules, remoteAddress: "192.0.2.1:5000", now: env.now), env)
    }

    static func run(_ handler: HTTPHandler, _ request: HTTPRequest) -> HTTPResponse {
        (try? handler(request)) ?? HTTPResponse(status: .internalServerError)
    }

    /// A loop's time, date and request ids, fixed.
    final class Environment: ConnectionEnvironment {
        let now: UInt64 = 1_000_000
        let date = Array("Thu, 01 Jan 2026 00:00:00 GMT".utf8)
        private var ids = 0
        var accessLog: AccessLogBuffer? { nil }

        func clock() -> UInt64 { now }

        func makeRequestID() -> String {
            ids += 1
            return "r\(ids)"
        }
    }
}

extension ConnectionState {
    mutating func receive(_ text: String, _ env: some ConnectionEnvironment) -> Step {
        Array(text.utf8).withUnsafeBytes { received($0, env) }
    }

    /// Runs a handler as the connection would and reports its answer.
    mutating func respond(_ handler: HTTPHandler, _ request: HTTPRequest, _ env: some ConnectionEnvironment) -> Step {
        responded(ConnectionStateTests.run(handler, request), env)
    }

    /// What is queued and not sent, as text.
    var sentText: String { String(decoding: output[outputSent...], as: UTF8.self) }
}

extension ConnectionState.Step: CustomStringConvertible {
    public var description: String {
        switch self {
        case .wait: return "wait"
        case .run(_, let r): return "run \(r.method) \(r.path)"
        case .submit(_, let r): return "submit \(r.method) \(r.path)"
        case .streamResponse: return "streamResponse"
        case .streamRequest: return "streamRequest"
        case .linger: return "linger"
        case .close: return "close"
        }
    }

    var isWait: Bool { if case .wait = self { return true } else { return false } }
    var isClose: Bool { if case .close = self { return true } else { return false } }
    var isLinger: Bool { if case .linger = self { return true } else { return false } }
}
