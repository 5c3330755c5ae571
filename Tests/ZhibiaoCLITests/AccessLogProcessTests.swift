import Foundation
import Glibc
import HTTPTestSupport
import Testing

/// The access log of the real `zhibiao serve`, writing to a stderr pipe that nobody reads for a
/// while: requests go on being answered, the records that found no room are counted in
/// `/metrics`, and a graceful stop writes every other one.
@Suite struct AccessLogProcessTests {
    @Test func aStderrNobodyReadsDoesNotStallRequests() throws {
        guard let binary = ServeLifecycleTests.binary else {
            Issue.record("the zhibiao binary is not beside the tests; build with --build-tests")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhibiao-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = ServeLifecycleTests.repository
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", "--log-level", "info",
                             "--database", folder.appendingPathComponent("db.sqlite").path,
                             "--config", repository.appendingPathComponent("config").path,
                             "--migrations", repository.appendingPathComponent("Migrations").path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let reader = ServeLifecycleTests.LineReader(errors.fileHandleForReading)
        guard let serving = reader.waitFor("msg=serving"),
              let port = serving.split(separator: " ").first(where: { $0.hasPrefix("address=") })?
                  .split(separator: ":").last.flatMap({ Int($0) })
        else {
            Issue.record("serve did not start")
            return
        }

        // given: from here on nobody reads stderr. Each record holds a 2,000-byte path twice,
        // so 1,000 of them are far more than the pipe (64 KiB) and the writer's queue hold.
        let requests = 1000
        let path = "/" + String(repeating: "x", count: 2000)
        let client = try TestClient(port: port, timeout: 20)
        // when: every request is answered (the client gives up after 20 s of silence)
        for _ in 0..<requests { #expect(try client.get(path).status == 404) }
        // then
        let metrics = try client.get("/metrics").text
        let dropped = metrics.split(separator: "\n").first { $0.hasPrefix("zhibiao_log_dropped_records_total ") }
            .flatMap { Int($0.split(separator: " ").last ?? "") } ?? -1
        #expect(dropped > 0)

        // and once stderr is read again, SIGTERM writes every record that was not dropped.
        let rest = LineCollector(reader)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let accessLines = rest.finish().filter { $0.contains(" method=GET ") }
        #expect(accessLines.count + dropped == requests + 1)
        #expect(accessLines.allSatisfy { $0.hasPrefix("ts=") && ($0.hasSuffix(" status=404") || $0.hasSuffix(" status=200")) })
    }
}

/// Reads the rest of stderr to its end on a thread of its own.
private final class LineCollector: @unchecked Sendable {
    private var lines: [String] = []
    private let done = DispatchSemaphore(value: 0)

    init(_ reader: ServeLifecycleTests.LineReader) {
        let handle = reader.handle, already = reader.buffer
        Thread { [self] in
            var buffered = already
            buffered.append(handle.readDataToEndOfFile())
            lines = String(decoding: buffered, as: UTF8.self).split(separator: "\n").map(String.init)
            done.signal()
        }.start()
    }

    func finish() -> [String] {
        done.wait()
        return lines
    }
}
