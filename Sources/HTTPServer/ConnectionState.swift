/// The life of one HTTP/1.1 connection as a value: events go in (bytes read, a response ready,
/// output sent, the peer gone, a deadline passed, the server stopping) and each returns the
/// `Step` the connection is to take next (run a handler, hand the socket to a worker, linger,
/// close). It parses, routes, keeps the exchange in progress and the bytes waiting to be sent,
/// and decides the epoll interest; it never touches a socket, a thread or a clock, so every
/// transition can be tested without one. `Connection` performs the steps.
///
/// Requests are handled one at a time in arrival order, which keeps pipelined responses in order
/// without a reorder buffer: while a handler runs on a worker, or a body streams, the connection
/// does not read. A streaming body in either direction hands the socket to a worker thread,
/// which blocks on it with a timeout while the connection is out of epoll.
struct ConnectionState {
    /// What every connection of a server shares: routes, limits and timeouts.
    struct Rules: Sendable {
        var routes: RouteTable
        var limits: RequestParser.Limits
        /// The body limit of routes that set none.
        var maxBodyBytes: Int
        var headerTimeout: UInt64
        var idleTimeout: UInt64
        var ioTimeout: UInt64
        var serverName: [UInt8]
        /// Past this many unsent bytes, a client that pipelines without reading gets no more
        /// answers (and is not read) until it takes the ones already queued.
        var outputHighWater = 1 << 20
    }

    /// Where the connection is.
    enum Phase {
        case reading
        /// A handler runs on a worker.
        case awaitingWorker
        /// A streamed response body waits for earlier output to drain before a worker takes the socket.
        case responseStreamPending(@Sendable (any HTTPBodyWriter) throws -> Void, head: [UInt8], chunked: Bool)
        /// A worker writes a response body to the socket.
        case streamingResponse
        /// A `.streamingBody` handler waits for earlier output to drain, since nothing can be
        /// written while a worker owns the socket.
        case requestStreamPending(HTTPHandler, HTTPRequest, sendsContinue: Bool)
        /// A worker reads the request body from the socket while its handler runs.
        case streamingRequest
        /// Response sent, write side shut: reading what the client still sends, so that closing
        /// does not turn into a reset that destroys the response before the client reads it.
        case draining(until: UInt64)
        case closed
    }

    /// What the connection does next.
    enum Step {
        /// Nothing until the socket is ready again (`interest` says for what) or a worker reports.
        case wait
        /// Run the handler now, on this thread, and report its answer with `responded(_:_:)`.
        case run(HTTPHandler, HTTPRequest)
        /// Queue the handler on the worker pool; report `workerAccepted()` or
        /// `workerRejected(_:)`, and later its answer with `workerFinished(_:_:)`.
        case submit(HTTPHandler, HTTPRequest)
        /// Hand the socket to a worker that writes this head and the streamed body; report
        /// `responseStreamStarted()` or `responseStreamRejected(_:)`, then `responseStreamFinished`.
        case streamResponse(@Sendable (any HTTPBodyWriter) throws -> Void, head: [UInt8], chunked: Bool)
        /// Hand the socket to a worker that runs the handler reading the body from it, starting
        /// with `buffered`, with `parser` positioned at the body; report `requestStreamStarted()`
        /// or `requestStreamRejected(_:)`, then `requestStreamFinished`.
        case streamRequest(HTTPHandler, HTTPRequest, parser: RequestParser, buffered: [UInt8], sendsContinue: Bool)
        /// Everything is sent and the connection ends: close at once if the client sent nothing
        /// more, else shut the write side and report `lingering(until:)`.
        case linger
        case close
    }

    /// How the connection wants to hear from epoll.
    struct Interest: OptionSet, Equatable {
        let rawValue: UInt8
        static let read = Interest(rawValue: 1 << 0)
        /// The peer shut its write side.
        static let readHangUp = Interest(rawValue: 1 << 1)
        static let write = Interest(rawValue: 1 << 2)
    }

    /// What the response to the request being handled needs to know about it.
    struct Exchange {
        var method: HTTPMethod
        var path: String
        var minorVersion: Int
        var keepAlive: Bool
        var requestID: String
        var match: RouteTable.Match
    }

    static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    let rules: Rules
    let remoteAddress: String
    private(set) var phase = Phase.reading
    private var parser: RequestParser
    /// Bytes received but not yet consumed by the parser.
    private(set) var input: [UInt8] = []
    /// Bytes to send, of which the first `outputSent` are gone.
    private(set) var output: [UInt8] = []
    private(set) var outputSent = 0
    private var exchange: Exchange?
    /// The head of the request whose body is being read.
    private var currentHead: RequestHead?
    /// The response being queued is the last one.
    private(set) var closeAfterResponse = false
    /// The next response queued is the last (a server error, a body left unread).
    private var closeWithNextResponse = false
    /// The peer hung up while a worker had its request.
    private var peerGone = false
    private var pausedForOutput = false
    /// The last send could not take everything.
    private var writeBlocked = false
    /// The server is stopping: every response closes, an idle connection ends.
    private var stopping = false
    private(set) var lastActivity: UInt64
    /// When the first byte of the request now arriving came, for the header timeout; 0 when none.
    private var headStarted: UInt64 = 0

    init(rules: Rules, remoteAddress: String, now: UInt64) {
        self.rules = rules
        self.remoteAddress = remoteAddress
        parser = RequestParser(limits: rules.limits)
        lastActivity = now
    }

    // MARK: what the connection asks

    var isReading: Bool { if case .reading = phase { return true } else { return false } }
    var isDraining: Bool { if case .draining = phase { return true } else { return false } }
    var isClosed: Bool { if case .closed = phase { return true } else { return false } }
    var hasUnsentOutput: Bool { outputSent < output.count }

    /// Whether the socket belongs in the loop's epoll set: not while a worker owns it, nor
    /// while a worker has the request of a peer that hung up (hang-ups are reported whatever
    /// the interest).
    var isRegistered: Bool {
        switch phase {
        case .streamingResponse, .streamingRequest, .closed: return false
        case .awaitingWorker: return !peerGone
        default: return true
        }
    }

    var interest: Interest {
        var interest: Interest = []
        switch phase {
        case .reading where !pausedForOutput && !closeAfterResponse, .draining:
            interest = [.read, .readHangUp]
        default:
            break
        }
        if writeBlocked { interest.insert(.write) }
        return interest
    }

    // MARK: reading

    /// Bytes arrived from the client; `bytes` is valid only during the call.
    mutating func received(_ bytes: UnsafeRawBufferPointer, _ env: some ConnectionEnvironment) -> Step {
        lastActivity = env.now
        if headStarted == 0 { headStarted = env.now }
        guard input.isEmpty else {
            input.append(contentsOf: bytes)
            return processBuffered(env)
        }
        let (consumed, step) = process(bytes, env)
        if consumed < bytes.count { input.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[consumed...])) }
        return step
    }

    /// The client finished sending. Whatever it sent is answered; a partial request cannot be.
    mutating func peerFinishedSending() -> Step {
        if !hasUnsentOutput { return .close }
        closeAfterResponse = true
        return .wait
    }

    /// Epoll reported a hang-up or an error: nil when reading will find out what happened.
    mutating func hungUp() -> Step? {
        switch phase {
        case .requestStreamPending:
            // Gone before its upload could start: nobody to read from or answer.
            return .close
        case .awaitingWorker:
            // Close once the worker is done.
            peerGone = true
            return .wait
        default:
            return nil
        }
    }

    /// After an off-loop step, handles what was pipelined meanwhile.
    private mutating func resume(_ env: some ConnectionEnvironment) -> Step {
        guard isReading, !input.isEmpty else { return .wait }
        if headStarted == 0 { headStarted = env.now }
        return processBuffered(env)
    }

    private mutating func processBuffered(_ env: some ConnectionEnvironment) -> Step {
        var buffered = input
        input = []
        let (consumed, step) = buffered.withUnsafeBytes { process($0, env) }
        if consumed < buffered.count {
            buffered.removeFirst(consumed)
            input = buffered
        } else if buffered.capacity <= 64 * 1024 {
            buffered.removeAll(keepingCapacity: true)
            input = buffered
        }
        return step
    }

    /// Feeds bytes to the parser up to the next thing to do; returns the bytes consumed.
    private mutating func process(_ buffer: UnsafeRawBufferPointer, _ env: some ConnectionEnvironment) -> (Int, Step) {
        var offset = 0
        while isReading, !closeAfterResponse {
            if output.count - outputSent > rules.outputHighWater {
                pausedForOutput = true
                return (offset, .wait)
            }
            let (consumed, event) = parser.parse(UnsafeRawBufferPointer(rebasing: buffer[offset...]))
            offset += consumed
            switch event {
            case .needMore:
                return (offset, .wait)
            case .error(let error):
                return (offset, serverResponse(error.problem, close: true, env))
            case .head(let head):
                if let step = begin(head, env) { return (offset, step) }
            case .bodyComplete:
                if let step = dispatch(body: parser.takeBody(), env) { return (offset, step) }
            }
        }
        return (offset, .wait)
    }

    // MARK: requests

    private mutating func begin(_ head: RequestHead, _ env: some ConnectionEnvironment) -> Step? {
        let match: RouteTable.Match = head.path == "*" ? .notFound : rules.routes.match(method: head.method, segments: head.segments)
        exchange = Exchange(method: head.method, path: head.path, minorVersion: head.version.minor, keepAlive: head.keepAlive,
                            requestID: head.requestID ?? env.makeRequestID(), match: match)
        headStarted = 0
        var limit = rules.maxBodyBytes
        var streamsBody = false
        if case .found(let route, _) = match {
            if let routeLimit = route.maxBodyBytes { limit = routeLimit }
            streamsBody = route.placement == .streamingBody
        }
        switch head.framing {
        case .none:
            parser.beginBody(.none, limit: limit)
            currentHead = head
            return dispatch(body: [], env)
        case .length(let n) where n > limit:
            return serverResponse(ProblemDetails(status: .contentTooLarge, detail: "The request body exceeds \(limit) bytes."),
                                  close: true, env)
        default:
            break
        }
        if head.expectContinue && head.version.minor == 1 {
            // The body will not be read, so 100 Continue would be a lie; answer and close.
            guard case .found = match else { return serverResponse(Self.problem(for: match), close: true, env) }
            // A streaming handler's first read sends it, so the handler can refuse (no token, say)
            // before the client uploads anything.
            if !streamsBody { output.append(contentsOf: Self.continueLine) }
        }
        currentHead = head
        parser.beginBody(head.framing, limit: limit, streaming: streamsBody)
        return streamsBody ? dispatch(body: [], env) : nil
    }

    static func problem(for match: RouteTable.Match) -> ProblemDetails {
        switch match {
        case .methodNotAllowed(let allowed):
            return ProblemDetails(status: .methodNotAllowed, detail: "The resource does not support this method.",
                                  headers: HTTPHeaders([("Allow", allowed.map(\.rawValue).joined(separator: ", "))]))
        default:
            return ProblemDetails(status: .notFound, detail: "No resource at this path.")
        }
    }

    private mutating func dispatch(body: [UInt8], _ env: some ConnectionEnvironment) -> Step? {
        guard let head = currentHead, let exchange else { return nil }
        currentHead = nil
        guard case .found(let route, let parameters) = exchange.match else {
            return serverResponse(Self.problem(for: exchange.match), close: false, env)
        }
        let request = HTTPRequest(method: head.method, target: head.target, path: head.path, query: head.query,
                                  version: head.version, headers: head.headers, body: body, parameters: parameters,
                                  requestID: exchange.requestID, remoteAddress: remoteAddress, receivedAt: env.clock(),
                                  accessLog: env.accessLog)
        switch route.placement {
        case .inline:
            return .run(route.handler, request)
        case .worker:
            return .submit(route.handler, request)
        case .streamingBody:
            let sendsContinue = head.expectContinue && head.version.minor == 1 && head.framing != .none
            // The body is the worker's to read once earlier output has drained.
            phase = .requestStreamPending(route.handler, request, sendsContinue: sendsContinue)
            return .wait
        }
    }

    /// A response the server makes itself, answered through `Rules.serverResponder` like any
    /// handler's; `close` ends the connection after it.
    private mutating func serverResponse(_ problem: ProblemDetails, close: Bool, _ env: some ConnectionEnvironment) -> Step {
        let ex = exchange ?? Exchange(method: .GET, path: "-", minorVersion: 1, keepAlive: false,
                                      requestID: env.makeRequestID(), match: .notFound)
        exchange = ex
        closeWithNextResponse = close
        let request = HTTPRequest(method: ex.method, target: ex.path, path: ex.path, version: (1, ex.minorVersion),
                                  requestID: ex.requestID, remoteAddress: remoteAddress, receivedAt: env.clock(),
                                  accessLog: env.accessLog)
        // Through the router's middleware like any handler's answer, so that it is logged and counted.
        return .run(rules.routes.serverResponder(problem, ex.match), request)
    }

    // MARK: responses

    /// The handler of the request being handled answered (inline, or a server response).
    mutating func responded(_ response: HTTPResponse, _ env: some ConnectionEnvironment) -> Step {
        respond(response, env)
        return resume(env)
    }

    mutating func workerAccepted() {
        phase = .awaitingWorker
    }

    /// The worker queue was full: a 503 the client may retry.
    mutating func workerRejected(_ env: some ConnectionEnvironment) -> Step {
        serverResponse(ProblemDetails(status: .serviceUnavailable, detail: "The server is busy; retry later.",
                                      headers: HTTPHeaders([("Retry-After", "1")])), close: false, env)
    }

    mutating func workerFinished(_ response: HTTPResponse, _ env: some ConnectionEnvironment) -> Step {
        guard case .awaitingWorker = phase else { return .wait }
        phase = .reading
        if peerGone { return .close }
        respond(response, env)
        return resume(env)
    }

    /// Queues the response to the current exchange: serialized into `output`, or for a
    /// streamed body its head, kept until earlier output has drained.
    private mutating func respond(_ response: HTTPResponse, _ env: some ConnectionEnvironment) {
        let ex = exchange ?? Exchange(method: .GET, path: "-", minorVersion: 1, keepAlive: false,
                                      requestID: env.makeRequestID(), match: .notFound)
        exchange = nil
        currentHead = nil
        let close = closeWithNextResponse || !ex.keepAlive || stopping
        closeWithNextResponse = false
        if close { closeAfterResponse = true }
        let code = response.status.code
        let bodiless = code == 204 || code == 304 || code < 200
        let connection: ResponseSerializer.ConnectionToken = close ? .close : (ex.minorVersion == 0 ? .keepAlive : .omitted)
        switch response.body {
        case .empty, .bytes:
            let body: [UInt8]
            if case .bytes(let b) = response.body { body = b } else { body = [] }
            ResponseSerializer.appendHead(into: &output, status: response.status, headers: response.headers, date: env.date,
                                          serverName: rules.serverName, framing: bodiless ? .none : .length(body.count),
                                          requestID: ex.requestID, connection: connection)
            if !bodiless && ex.method != .HEAD { output.append(contentsOf: body) }
        case .stream(let produce):
            // HTTP/1.0 has no chunked coding: the body ends when the connection does.
            let chunked = ex.minorVersion == 1
            if !chunked { closeAfterResponse = true }
            var head: [UInt8] = []
            ResponseSerializer.appendHead(into: &head, status: response.status, headers: response.headers, date: env.date,
                                          serverName: rules.serverName,
                                          framing: bodiless ? .none : (chunked ? .chunked : .none), requestID: ex.requestID,
                                          connection: closeAfterResponse ? .close : connection)
            if bodiless || ex.method == .HEAD {
                output.append(contentsOf: head)
            } else {
                phase = .responseStreamPending(produce, head: head, chunked: chunked)
            }
        }
    }

    // MARK: output

    /// `n` bytes of `output` were sent.
    mutating func sent(_ n: Int, now: UInt64) {
        outputSent += n
        lastActivity = now
    }

    /// The socket took less than everything: wait until it is writable.
    mutating func sendBlocked() {
        writeBlocked = true
    }

    /// Everything queued is sent: what waited for that can go ahead.
    mutating func outputDrained(_ env: some ConnectionEnvironment) -> Step {
        if !output.isEmpty {
            output.removeAll(keepingCapacity: output.capacity <= 256 * 1024)
            outputSent = 0
        }
        writeBlocked = false
        switch phase {
        case .responseStreamPending(let produce, let head, let chunked):
            return .streamResponse(produce, head: head, chunked: chunked)
        case .requestStreamPending(let handler, let request, let sendsContinue):
            // What was received after the head is the start of the body (or, for an empty
            // body, the next request): the stream reads it first and hands back what it does
            // not consume.
            return .streamRequest(handler, request, parser: parser, buffered: input, sendsContinue: sendsContinue)
        case .reading where closeAfterResponse:
            return .linger
        case .reading where pausedForOutput:
            pausedForOutput = false
            return resume(env)
        case .reading where stopping:
            return idleStep()
        default:
            return .wait
        }
    }

    // MARK: streamed bodies

    mutating func responseStreamStarted() {
        phase = .streamingResponse
    }

    /// Nothing of the response has been sent yet, so it can still become a 503.
    mutating func responseStreamRejected(_ env: some ConnectionEnvironment) -> Step {
        phase = .reading
        return serverResponse(ProblemDetails(status: .serviceUnavailable, detail: "The server is busy; retry later."),
                              close: true, env)
    }

    mutating func responseStreamFinished(ok: Bool, _ env: some ConnectionEnvironment) -> Step {
        guard case .streamingResponse = phase else { return .wait }
        phase = .reading
        lastActivity = env.now
        guard ok, !closeAfterResponse else { return .close }
        return resume(env)
    }

    mutating func requestStreamStarted() {
        phase = .streamingRequest
        input = []
    }

    /// The body stays unread, so the connection cannot be reused.
    mutating func requestStreamRejected(_ env: some ConnectionEnvironment) -> Step {
        phase = .reading
        return serverResponse(ProblemDetails(status: .serviceUnavailable, detail: "The server is busy; retry later.",
                                             headers: HTTPHeaders([("Retry-After", "1")])), close: true, env)
    }

    /// The handler that read the body answered; `complete` when the body was read to its end,
    /// `leftover` then being what came after it (a pipelined request).
    mutating func requestStreamFinished(_ response: HTTPResponse, complete: Bool, leftover: [UInt8],
                                        _ env: some ConnectionEnvironment) -> Step {
        guard case .streamingRequest = phase else { return .wait }
        phase = .reading
        lastActivity = env.now
        // Set by `close` meanwhile (server stopping): the worker has been cut off, not answered.
        guard !closeAfterResponse else { return .close }
        parser = RequestParser(limits: rules.limits)
        if complete { input = leftover }
        // With part of the body unread (or unreadable) there is no telling where the next request
        // starts, so this response is the last.
        closeWithNextResponse = !complete
        respond(response, env)
        return resume(env)
    }

    // MARK: closing

    /// The write side is shut and the client still sends: read until it stops or `until`.
    mutating func lingering(until: UInt64) {
        phase = .draining(until: until)
    }

    /// What closing means now.
    enum Closing {
        /// Close the socket.
        case now
        /// A worker owns the socket: shut it so that the worker stops; it reports back, and
        /// the connection closes then.
        case interruptWorker
        case already
    }

    mutating func close() -> Closing {
        switch phase {
        case .closed:
            return .already
        case .streamingResponse, .streamingRequest:
            closeAfterResponse = true
            return .interruptWorker
        default:
            phase = .closed
            input = []
            output = []
            outputSent = 0
            return .now
        }
    }

    /// The server is stopping: from now on every response closes, and an idle connection ends.
    mutating func shutdownRequested() -> Step {
        stopping = true
        return idleStep()
    }

    private func idleStep() -> Step {
        guard isReading, input.isEmpty, parser.isBetweenRequests, !hasUnsentOutput, exchange == nil else { return .wait }
        return .close
    }

    // MARK: deadlines

    func isExpired(now: UInt64) -> Bool {
        switch phase {
        case .draining(let until):
            return now >= until
        case .requestStreamPending:
            // Earlier responses the client does not take hold the upload back.
            return now >= lastActivity &+ rules.ioTimeout
        case .reading:
            if hasUnsentOutput { return now >= lastActivity &+ rules.ioTimeout }
            if parser.isReadingBody { return now >= lastActivity &+ rules.ioTimeout }
            if !input.isEmpty || !parser.isBetweenRequests {
                return headStarted != 0 && now >= headStarted &+ rules.headerTimeout
            }
            return now >= lastActivity &+ rules.idleTimeout
        default:
            return false
        }
    }

    /// A deadline passed: a request in progress gets 408, anything else is closed.
    mutating func expire(_ env: some ConnectionEnvironment) -> Step {
        guard isReading, !hasUnsentOutput, !input.isEmpty || !parser.isBetweenRequests || parser.isReadingBody else {
            return .close
        }
        exchange = nil
        return serverResponse(ProblemDetails(status: .requestTimeout, detail: "The request was not received in time."),
                              close: true, env)
    }
}

/// What a connection's state needs from its event loop: the loop's time and date, and request ids.
protocol ConnectionEnvironment {
    /// Monotonic nanoseconds as of the loop's last wake-up: what deadlines are measured in.
    var now: UInt64 { get }
    /// Monotonic nanoseconds this instant, for a request's `receivedAt`.
    func clock() -> UInt64
    /// The `Date` header's value, IMF-fixdate.
    var date: [UInt8] { get }
    func makeRequestID() -> String
    /// The loop's access-log buffer, handed to the requests it reads; nil for none.
    var accessLog: AccessLogBuffer? { get }
}
