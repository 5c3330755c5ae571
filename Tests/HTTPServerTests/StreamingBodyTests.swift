import HTTPTestSupport
import Dispatch
import Foundation
@testable import HTTPServer
import Synchronization
import Testing

@Suite struct StreamingBodyTests {
    @Test func contentLengthBodyIsStreamedInBoundedPieces() throws {
        // given
        let observer = RecordingObserver()
        let body = Self.bytes(6 << 20, seed: 1)
        var router = Self.digestRouter(limit: 512 << 20)
        router.use(observer.middleware)
        try withServer(router: router) { server, port in
            let client = try TestClient(port: port)
            // when
            try client.send(Array("POST /digest HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
            let r = try client.readResponse()
            // then
            #expect(r.status == 200)
            #expect(r.text == BodyDigest(body).text)
            #expect(r.header("X-Body-Was-Empty") == "true")
            #expect((r.header("X-Pieces").flatMap(Int.init) ?? 0) > 1)
            #expect((r.header("X-Largest-Piece").flatMap(Int.init) ?? .max) <= 64 * 1024)
            #expect(r.header("Connection") == nil)
            #expect(try client.get("/hello").text == "hello")
            #expect(server.stats.snapshot.bytesIn >= body.count)
            #expect(observer.finished.contains { $0.pattern == "/digest" && $0.status == 200 })
        }
    }

    @Test func chunkedBodyWithExtensionsAndTrailersIsDecoded() throws {
        // given
        let body = Self.bytes(400_000, seed: 2)
        var wire = Array("POST /digest HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        var offset = 0, n = 0
        let extensions = ["", ";name=value", " ; ext", ";a=\"quoted; still\";b"]
        while offset < body.count {
            let size = min(1 + (n * 7919) % 3000, body.count - offset)
            let hex = n % 3 == 0 ? String(size, radix: 16, uppercase: true) : "00" + String(size, radix: 16)
            wire += Array((hex + extensions[n % extensions.count] + "\r\n").utf8) + body[offset..<offset + size] + [13, 10]
            offset += size
            n += 1
        }
        wire += Array("0\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\n".utf8)
        try withServer(router: Self.digestRouter()) { _, port in
            let client = try TestClient(port: port)
            // when
            try client.send(wire)
            let r = try client.readResponse()
            // then
            #expect(n > 200)
            #expect(r.status == 200)
            #expect(r.text == BodyDigest(body).text)
            #expect(try client.get("/hello").text == "hello")
        }
    }

    @Test(arguments: [false, true])
    func handlerGetsTheFirstBytesBeforeTheRestIsSent(chunked: Bool) throws {
        // given
        let gotFirst = DispatchSemaphore(value: 0)
        let firstPiece = Box<[UInt8]>([])
        var router = standardRouter()
        router.post("/digest", placement: .streamingBody) { request in
            guard let stream = request.bodyStream else { throw Self.noStream }
            var digest = BodyDigest()
            if let first = try stream.next() {
                firstPiece.set(first)
                digest.add(first)
            }
            gotFirst.signal()
            while let piece = try stream.next() { digest.add(piece) }
            return HTTPResponse(status: .ok, contentType: "text/plain", body: Array(digest.text.utf8))
        }
        let part1 = Self.bytes(3000, seed: 3), part2 = Self.bytes(5000, seed: 4)
        let head = chunked ? "Transfer-Encoding: chunked" : "Content-Length: \(part1.count + part2.count)"
        let wire1 = chunked ? Self.chunk(part1) : part1
        let wire2 = chunked ? Self.chunk(part2) + Array("0\r\n\r\n".utf8) : part2
        try withServer(router: router) { _, port in
            let client = try TestClient(port: port)
            // when: only the first part is sent
            try client.send(Array("POST /digest HTTP/1.1\r\nHost: t\r\n\(head)\r\n\r\n".utf8) + wire1)
            // then: the handler already has data, which can only have come from the first part
            #expect(gotFirst.wait(timeout: .now() + 30) == .success)
            let first = firstPiece.get()
            #expect(!first.isEmpty && first.count <= part1.count)
            #expect(Array(part1.prefix(first.count)) == first)
            // when: the rest follows, with a pipelined request behind it
            try client.send(wire2 + Array("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
            // then
            #expect(try client.readResponse().text == BodyDigest(part1 + part2).text)
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test func contentLengthOverTheLimitGets413WithoutRunningTheHandler() throws {
        let runs = Box(0)
        var router = Router()
        router.post("/upload", placement: .streamingBody, maxBodyBytes: 1000) { _ in
            runs.update { $0 += 1 }
            return HTTPResponse(status: .ok)
        }
        try withServer(router: router) { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
            let r = try client.readResponse()
            #expect(r.status == 413)
            #expect(r.header("Connection") == "close")
            #expect(try client.isClosedByServer())
            #expect(runs.get() == 0)
        }
    }

    @Test func chunkedBodyOverTheLimitGets413FromNext() throws {
        let seen = Box<Int?>(nil)
        var router = Router()
        router.post("/upload", placement: .streamingBody, maxBodyBytes: 1000) { request in
            guard let stream = request.bodyStream else { throw Self.noStream }
            do throws(ProblemDetails) {
                while try stream.next() != nil {}
            } catch {
                seen.set(error.status.code)
                throw error
            }
            return HTTPResponse(status: .ok)
        }
        try withServer(router: router) { _, port in
            let client = try TestClient(port: port)
            try client.send(Array("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
                + Self.chunk(Self.bytes(600, seed: 5)) + Self.chunk(Self.bytes(600, seed: 6)) + Array("0\r\n\r\n".utf8))
            let r = try client.readResponse()
            #expect(r.status == 413)
            #expect(r.header("Content-Type") == "application/problem+json")
            #expect(r.header("Connection") == "close")
            #expect(try client.isClosedByServer())
            #expect(seen.get() == 413)
        }
    }

    @Test func malformedChunkSizeGets400() throws {
        try withServer(router: Self.digestRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /digest HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\nxx\r\n0\r\n\r\n")
            let r = try client.readResponse()
            #expect(r.status == 400)
            #expect(r.text.contains("Malformed chunk size"))
            #expect(try client.isClosedByServer())
        }
    }

    @Test func clientClosingMidBodyIsAnErrorAndTheServerStaysHealthy() throws {
        // given
        let failed = DispatchSemaphore(value: 0)
        let seen = Box<[Int]>([])
        var router = standardRouter()
        router.post("/upload", placement: .streamingBody) { request in
            guard let stream = request.bodyStream else { throw Self.noStream }
            do throws(ProblemDetails) {
                while try stream.next() != nil {}
            } catch {
                seen.update { $0.append(error.status.code) }
                failed.signal()
                throw error
            }
            return HTTPResponse(status: .ok)
        }
        try withServer(router: router) { _, port in
            // when: a client stops sending halfway and waits for the answer
            let halfClosed = try TestClient(port: port)
            try halfClosed.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\npartial")
            halfClosed.finishSending()
            // then
            let r = try halfClosed.readResponse()
            #expect(r.status == 400)
            #expect(r.text.contains("ended early"))
            #expect(try halfClosed.isClosedByServer())

            // when: a client vanishes halfway
            let vanished = try TestClient(port: port)
            try vanished.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\npartial")
            vanished.reset()
            // then
            #expect(failed.wait(timeout: .now() + 30) == .success)
            #expect(failed.wait(timeout: .now() + 30) == .success)
            #expect(seen.get() == [400, 400])
            let other = try TestClient(port: port)
            #expect(try other.get("/hello").status == 200)
        }
    }

    @Test func stalledUploadGets408() throws {
        try withServer(router: Self.digestRouter(), configure: { $0.ioTimeout = .milliseconds(300) }) { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /digest HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
            let r = try client.readResponse()
            #expect(r.status == 408)
            #expect(try client.isClosedByServer())
        }
    }

    @Test(arguments: [false, true])
    func pipelinedRequestsAfterAStreamedBodyAreAnswered(chunked: Bool) throws {
        let a = Self.bytes(10_000, seed: 7), b = Self.bytes(300, seed: 8)
        func post(_ body: [UInt8]) -> [UInt8] {
            chunked
                ? Array("POST /digest HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
                    + Self.chunk(body) + Array("0\r\nX-Trailer: t\r\n\r\n".utf8)
                : Array("POST /digest HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        }
        let get = Array("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n".utf8)
        try withServer(router: Self.digestRouter()) { _, port in
            let client = try TestClient(port: port)
            // One write: the stream receives what follows its body and must hand it back.
            try client.send(post(a) + get + post(b) + post([]) + get)
            #expect(try client.readResponse().text == BodyDigest(a).text)
            #expect(try client.readResponse().text == "hello")
            #expect(try client.readResponse().text == BodyDigest(b).text)
            #expect(try client.readResponse().text == BodyDigest([]).text)
            let last = try client.readResponse()
            #expect(last.text == "hello")
            #expect(last.header("Connection") == nil)
            #expect(try client.get("/hello").text == "hello")
        }
    }

    @Test func handlerThatStopsReadingEarlyClosesTheConnection() throws {
        var router = Router()
        router.post("/peek", placement: .streamingBody) { request in
            guard let stream = request.bodyStream else { throw Self.noStream }
            let first = try stream.next() ?? []
            return HTTPResponse(status: .ok, contentType: "text/plain", body: Array("\(first.count)".utf8))
        }
        try withServer(router: router) { _, port in
            let client = try TestClient(port: port)
            // Larger than one read, so the first piece cannot be the whole body.
            let body = Self.bytes(300_000, seed: 9)
            try client.send(Array("POST /peek HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
            let r = try client.readResponse()
            #expect(r.status == 200)
            #expect((Int(r.text) ?? 0) > 0)
            #expect(r.header("Connection") == "close")
            #expect(try client.isClosedByServer())
        }
    }

    @Test func expectContinueSendsContinueBeforeTheBodyIsRead() throws {
        try withServer(router: Self.digestRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /digest HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            #expect(try client.readResponse().status == 100)
            try client.send("data")
            let r = try client.readResponse()
            #expect(r.status == 200)
            #expect(r.text == BodyDigest(Array("data".utf8)).text)
            #expect(try client.get("/hello").text == "hello")
        }
    }

    @Test func handlerThatRefusesBeforeReadingSendsNoContinue() throws {
        var router = Self.digestRouter()
        router.post("/guarded", placement: .streamingBody) { request in
            guard request.headers["Authorization"] != nil else {
                throw ProblemDetails(status: .unauthorized, detail: "A token is needed.")
            }
            var digest = BodyDigest()
            while let piece = try request.bodyStream?.next() { digest.add(piece) }
            return HTTPResponse(status: .ok, contentType: "text/plain", body: Array(digest.text.utf8))
        }
        try withServer(router: router) { _, port in
            // when: refused from the head alone
            let refused = try TestClient(port: port)
            try refused.send("POST /guarded HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            // then: the final answer, not 100 Continue, and the unsent body ends the connection
            let r = try refused.readResponse()
            #expect(r.status == 401)
            #expect(r.header("Connection") == "close")
            #expect(try refused.isClosedByServer())
            // when: accepted
            let accepted = try TestClient(port: port)
            try accepted.send("POST /guarded HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer x\r\nContent-Length: 4\r\n"
                + "Expect: 100-continue\r\n\r\n")
            #expect(try accepted.readResponse().status == 100)
            try accepted.send("data")
            #expect(try accepted.readResponse().text == BodyDigest(Array("data".utf8)).text)
        }
    }

    @Test func fullWorkerPoolAnswers503WithoutReadingTheBody() throws {
        let block = BlockingRoute()
        var router = Self.digestRouter()
        block.add(to: &router)
        try withServer(router: router, configure: {
            $0.workerThreads = 1
            $0.workerQueueLength = 1
        }) { server, port in
            let a = try TestClient(port: port)
            try a.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(block.waitUntilEntered())
            // The only worker is busy: one upload queues, the other finds the queue full.
            let post = Array("POST /digest HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n0123456789".utf8)
            let b = try TestClient(port: port), c = try TestClient(port: port)
            try b.send(post)
            try c.send(post)
            var fds = [pollfd(fd: b.fd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: c.fd, events: Int16(POLLIN), revents: 0)]
            #expect(poll(&fds, 2, 30_000) > 0)
            let (rejected, queued) = fds[0].revents != 0 ? (b, c) : (c, b)
            let r = try rejected.readResponse()
            #expect(r.status == 503)
            #expect(r.header("Retry-After") == "1")
            #expect(r.header("Connection") == "close")
            #expect(try rejected.isClosedByServer())
            block.release()
            #expect(try a.readResponse().text == "done")
            #expect(try queued.readResponse().text == BodyDigest(Array("0123456789".utf8)).text)
            #expect(server.stats.snapshot.workerRejections == 1)
        }
    }

    @Test func streamOverBytesInMemoryForInProcessCalls() throws {
        let stream = RequestBodyStream(bytes: Array("hello".utf8))
        #expect(try stream.next() == Array("hello".utf8))
        #expect(try stream.next() == nil)
        #expect(try stream.next() == nil)
        #expect(try RequestBodyStream(bytes: []).next() == nil)
    }

    // MARK: helpers

    static let noStream = ProblemDetails(status: .internalServerError, detail: "No body stream.")

    /// `standardRouter()` plus `POST /digest` (route 0), which streams the body and answers with
    /// its `BodyDigest`, the number of pieces and the largest piece.
    static func digestRouter(limit: Int? = nil) -> Router {
        var router = Router()
        router.post("/digest", placement: .streamingBody, maxBodyBytes: limit) { request in
            guard let stream = request.bodyStream else { throw noStream }
            var digest = BodyDigest()
            var pieces = 0, largest = 0
            while let piece = try stream.next() {
                digest.add(piece)
                pieces += 1
                largest = max(largest, piece.count)
            }
            return HTTPResponse(status: .ok, headers: HTTPHeaders([
                ("Content-Type", "text/plain"), ("X-Pieces", "\(pieces)"), ("X-Largest-Piece", "\(largest)"),
                ("X-Body-Was-Empty", "\(request.body.isEmpty)"),
            ]), body: .bytes(Array(digest.text.utf8)))
        }
        for route in standardRouter().routes {
            router.add(route.method, route.pattern, placement: route.placement, maxBodyBytes: route.maxBodyBytes,
                       route.handler)
        }
        return router
    }

    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// One chunk; nothing for no bytes, since an empty chunk is the last.
    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.isEmpty { return [] }
        return Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [13, 10]
    }
}

/// Length and FNV-1a hash of a body, accumulated piece by piece.
private struct BodyDigest {
    var count = 0
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325

    init() {}

    init(_ bytes: [UInt8]) { add(bytes) }

    mutating func add(_ bytes: [UInt8]) {
        count += bytes.count
        var h = hash
        bytes.withUnsafeBufferPointer { for b in $0 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 } }
        hash = h
    }

    var text: String { "\(count) \(String(hash, radix: 16))" }
}

/// A value handlers on worker threads write and the test reads.
private final class Box<T: Sendable>: Sendable {
    private let value: Mutex<T>
    init(_ value: T) { self.value = Mutex(value) }
    func get() -> T { value.withLock { $0 } }
    func set(_ newValue: T) { value.withLock { $0 = newValue } }
    func update(_ change: (inout T) -> Void) { value.withLock { change(&$0) } }
}

/// A middleware that notes each route's answers.
private final class RecordingObserver: Sendable {
    struct Finished: Sendable {
        var pattern: String?
        var status: Int
    }

    private let log = Mutex<[Finished]>([])

    var finished: [Finished] { log.withLock { $0 } }

    var middleware: Middleware {
        { [self] route, next in
            { request in
                let response = try next(request)
                self.log.withLock { $0.append(Finished(pattern: route.pattern, status: response.status.code)) }
                return response
            }
        }
    }
}
