import Dispatch
import Foundation
import Glibc
import HTTPTestSupport
@testable import HTTPServer
import Logging
import Synchronization
import Testing

/// The buffered access log: whole lines under load, nothing lost in a graceful stop, and a sink
/// that takes nothing costs records, never requests. Synchronised on the sink's writes and the
/// server's stop, never on sleeps.
@Suite struct AccessLogTests {
    static let keys = ["ts", "level", "msg", "logger", "bytes", "duration_us", "method", "path", "remote", "request-id",
                       "status"]

    @Test(arguments: LogFormat.allCases)
    func linesAreWholeAndNeverInterleavedUnderConcurrentLoad(format: LogFormat) throws {
        // given: small buffers, so that the writer writes while the loops append
        let sink = CollectingSink()
        var log = AccessLogConfiguration(format: format)
        log.bufferBytes = 2048
        log.queuedBuffers = 100_000
        log.sink = sink
        let threads = 8, requests = 150
        // when
        let dropped = try withLoggingServer(log) { server, port in
            let failures = FailureCounter()
            let group = DispatchGroup()
            for t in 0..<threads {
                group.enter()
                Thread {
                    defer { group.leave() }
                    do {
                        let client = try TestClient(port: port)
                        for i in 0..<requests {
                            // Every tenth path needs quoting and escaping (a space, a quote, a backslash).
                            let path = i % 10 == 0 ? "/no%20such%22path%5C\(t)" : "/hello"
                            let response = try client.get(path)
                            if response.status != (i % 10 == 0 ? 404 : 200) { failures.add() }
                        }
                    } catch {
                        failures.add()
                    }
                }.start()
            }
            #expect(group.wait(timeout: .now() + 60) == .success)
            #expect(failures.count == 0)
            return server.stats.snapshot.droppedLogRecords
        }
        // then: after the stop, every request has exactly one whole line
        #expect(dropped == 0)
        let lines = sink.lines
        #expect(lines.count == threads * requests)
        var ids = Set<String>()
        for line in lines {
            guard let fields = Self.parse(line, format) else {
                Issue.record("not a whole \(format) line: \(line)")
                continue
            }
            #expect(fields.map(\.0) == Self.keys)
            let value = Dictionary(fields, uniquingKeysWith: { a, _ in a })
            #expect(value["msg"] == "\(value["method"] ?? "") \(value["path"] ?? "") \(value["status"] ?? "")")
            #expect(value["level"] == "info" && value["logger"] == "test")
            if value["status"] == "404" { #expect(value["path"]?.hasPrefix("/no such\"path\\") == true) }
            ids.insert(value["request-id"] ?? "")
        }
        #expect(ids.count == threads * requests)
    }

    @Test func gracefulStopWritesEveryBufferedLine() throws {
        // given: nothing is due for an hour and the buffer is far from full
        let sink = CollectingSink()
        var log = AccessLogConfiguration(format: .logfmt, flushInterval: .seconds(3600))
        log.sink = sink
        try withLoggingServer(log) { _, port in
            let client = try TestClient(port: port)
            for _ in 0..<50 { #expect(try client.get("/hello").status == 200) }
            // then: still buffered while serving …
            #expect(sink.lines.isEmpty)
        }
        // … and all written by the stop
        #expect(sink.lines.count == 50)
    }

    @Test func anIdleLoopWritesWithinTheFlushInterval() throws {
        let sink = CollectingSink()
        var log = AccessLogConfiguration(format: .logfmt, flushInterval: .milliseconds(20))
        log.sink = sink
        try withLoggingServer(log) { _, port in
            do {
                let client = try TestClient(port: port)
                #expect(try client.get("/hello").status == 200)
            }
            // The connection is closed and the loops have nothing else to do.
            #expect(sink.waitForWrite(timeout: 30))
            #expect(sink.lines.count == 1)
        }
    }

    @Test func aSinkThatTakesNothingCostsRecordsNotRequests() throws {
        // given: a sink stuck in its first write, as a stderr pipe nobody reads
        let sink = StuckSink()
        var log = AccessLogConfiguration(format: .logfmt)
        log.bufferBytes = 512
        log.queuedBuffers = 2
        log.sink = sink
        let requests = 300
        let dropped = try withLoggingServer(log) { server, port in
            // when: every request is still answered (the client gives up after 10 s)
            let client = try TestClient(port: port)
            for _ in 0..<requests { #expect(try client.get("/hello").status == 200) }
            // then: the records that found no room were counted
            let dropped = server.stats.snapshot.droppedLogRecords
            #expect(dropped > 0)
            sink.release()
            return dropped
        }
        // and the rest were written once the sink moved again
        #expect(sink.lines.count + dropped == requests)
    }

    @Test func aStuckSinkDoesNotHoldTheStopPastTheGracePeriod() throws {
        let sink = StuckSink()
        var log = AccessLogConfiguration(format: .logfmt)
        log.bufferBytes = 512
        log.sink = sink
        let started = ContinuousClock.now
        try withLoggingServer(log, grace: .milliseconds(200)) { _, port in
            let client = try TestClient(port: port)
            for _ in 0..<20 { #expect(try client.get("/hello").status == 200) }
        }
        #expect(ContinuousClock.now - started < .seconds(30))
        sink.release()
    }

    @Test func piecesEndAtLineEndsWithinPipeBuffer() {
        let line = Array(repeating: UInt8(ascii: "a"), count: 99) + [0x0A]
        let lines = Array((0..<100).map { _ in line }.joined())
        lines.withUnsafeBytes { raw in
            var start = 0
            var pieces = 0
            while start < raw.count {
                let end = FileDescriptorLogSink.pieceEnd(raw, from: start)
                #expect(end - start <= Int(PIPE_BUF) && raw[end - 1] == 0x0A)
                start = end
                pieces += 1
            }
            #expect(pieces == 3)
        }
        // One line longer than PIPE_BUF goes alone, whole.
        let long = Array(repeating: UInt8(ascii: "b"), count: 5000) + [0x0A] + line
        long.withUnsafeBytes { #expect(FileDescriptorLogSink.pieceEnd($0, from: 0) == 5001) }
    }

    @Test func pipeLinesStayWholeBesideOtherWriters() throws {
        // given: a pipe written by the sink's thread and, at the same time, line by line by another
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let reader = PipeReader(fd: fds[0])
        reader.start()
        let sink = FileDescriptorLogSink(fd: fds[1])
        let accessLine = Array(repeating: UInt8(ascii: "a"), count: 150) + [0x0A]
        let chunk = Array((0..<400).map { _ in accessLine }.joined())
        let otherLine = Array("level=warning msg=\"other writer\"\n".utf8)
        let writeFD = fds[1]
        let group = DispatchGroup()
        group.enter()
        Thread {
            for _ in 0..<20 { chunk.withUnsafeBytes { sink.write($0) } }
            group.leave()
        }.start()
        group.enter()
        Thread {
            for _ in 0..<2000 { _ = otherLine.withUnsafeBytes { write(writeFD, $0.baseAddress, $0.count) } }
            group.leave()
        }.start()
        #expect(group.wait(timeout: .now() + 60) == .success)
        close(fds[1])
        // then
        let lines = reader.finish()
        #expect(lines.count == 20 * 400 + 2000)
        #expect(lines.allSatisfy { $0 == String(repeating: "a", count: 150) || $0 == "level=warning msg=\"other writer\"" })
    }

    @Test func aRegularFileTakesWholeBuffersBesideOtherWriters() throws {
        // given: a file written by the sink and, at the same time, line by line through another descriptor
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("access-\(UUID().uuidString).log").path
        defer { unlink(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o600)
        #expect(fd >= 0)
        defer { close(fd) }
        let sink = FileDescriptorLogSink(fd: fd)
        let accessLine = Array(repeating: UInt8(ascii: "a"), count: 150) + [0x0A]
        let chunk = Array((0..<400).map { _ in accessLine }.joined())
        let otherLine = Array("level=warning msg=\"other writer\"\n".utf8)
        let group = DispatchGroup()
        group.enter()
        Thread {
            for _ in 0..<20 { chunk.withUnsafeBytes { sink.write($0) } }
            group.leave()
        }.start()
        group.enter()
        Thread {
            for _ in 0..<2000 { _ = otherLine.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } }
            group.leave()
        }.start()
        #expect(group.wait(timeout: .now() + 60) == .success)
        // then
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 20 * 400 + 2000)
        #expect(lines.allSatisfy { $0 == String(repeating: "a", count: 150) || $0 == "level=warning msg=\"other writer\"" })
    }

    // MARK: helpers

    /// Splits a logfmt or JSON line into its fields in order; nil when it is not one whole line.
    static func parse(_ line: String, _ format: LogFormat) -> [(String, String)]? {
        switch format {
        case .json:
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String] else { return nil }
            // JSONSerialization forgets the order: take it from where each key first appears.
            let ordered = object.keys.compactMap { key in line.range(of: "\"\(key)\":").map { (key, $0.lowerBound) } }
            guard ordered.count == object.count else { return nil }
            return ordered.sorted { $0.1 < $1.1 }.map { ($0.0, object[$0.0] ?? "") }
        case .logfmt:
            var fields: [(String, String)] = []
            var rest = Substring(line)
            while !rest.isEmpty {
                guard let equals = rest.firstIndex(of: "=") else { return nil }
                let key = String(rest[..<equals])
                rest = rest[rest.index(after: equals)...]
                if rest.first == "\"" {
                    var i = rest.index(after: rest.startIndex)
                    var escaped = false
                    while i < rest.endIndex, escaped || rest[i] != "\"" {
                        escaped = !escaped && rest[i] == "\\"
                        i = rest.index(after: i)
                    }
                    guard i < rest.endIndex,
                          let decoded = try? JSONSerialization.jsonObject(with: Data(("[" + rest[...i] + "]").utf8)) as? [String],
                          let value = decoded.first
                    else { return nil }
                    fields.append((key, value))
                    rest = rest[rest.index(after: i)...]
                } else {
                    let end = rest.firstIndex(of: " ") ?? rest.endIndex
                    fields.append((key, String(rest[..<end])))
                    rest = rest[end...]
                }
                if rest.first == " " { rest = rest.dropFirst() } else if !rest.isEmpty { return nil }
            }
            return fields
        }
    }
}

/// A server whose logger is at `info`, so that it keeps an access log, with the access log's
/// middleware around its routes, stopped (and its log written) before this returns.
func withLoggingServer<T>(_ accessLog: AccessLogConfiguration, grace: Duration = .seconds(10),
                          _ body: (HTTPServer, Int) throws -> T) throws -> T {
    var config = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
    config.workerThreads = 2
    config.eventLoopThreads = 2
    config.accessLog = accessLog
    config.shutdownGracePeriod = grace
    var logger = Logger(label: "test") { _ in DiscardingLogHandler() }
    logger.logLevel = .info
    var router = standardRouter()
    router.use(AccessLogMiddleware.middleware)
    let server = try HTTPServer(configuration: config, router: router, logger: logger)
    try server.start()
    defer {
        server.shutdown()
        server.wait()
    }
    return try body(server, server.localPort)
}

/// Keeps the level it is given and writes nothing: the server's own lines are not under test.
private struct DiscardingLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {}
}

/// Keeps every byte written; signals each write.
private final class CollectingSink: AccessLogSink, @unchecked Sendable {
    private let bytes = Mutex<[UInt8]>([])
    private let written = DispatchSemaphore(value: 0)

    func write(_ lines: UnsafeRawBufferPointer) {
        bytes.withLock { $0.append(contentsOf: lines) }
        written.signal()
    }

    func waitForWrite(timeout: Double) -> Bool { written.wait(timeout: .now() + timeout) == .success }

    var lines: [String] {
        let all = bytes.withLock { $0 }
        guard all.last == 0x0A || all.isEmpty else { return ["(no final newline)"] }
        return all.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Blocks in its first write until released, then keeps what it is given.
private final class StuckSink: AccessLogSink, @unchecked Sendable {
    private let gate = DispatchSemaphore(value: 0)
    private let kept = CollectingSink()

    func write(_ lines: UnsafeRawBufferPointer) {
        gate.wait()
        gate.signal()
        kept.write(lines)
    }

    func release() { gate.signal() }

    var lines: [String] { kept.lines }
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeReader: @unchecked Sendable {
    private let fd: Int32
    private var bytes: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)

    init(fd: Int32) { self.fd = fd }

    func start() {
        Thread { [self] in
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                bytes.append(contentsOf: chunk[0..<n])
            }
            close(fd)
            done.signal()
        }.start()
    }

    func finish() -> [String] {
        done.wait()
        return bytes.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
    }
}
