import Foundation
import Glibc
import Testing

/// The built `zhibiao` binary, run as a process: SIGHUP reloads the catalogue and keeps serving,
/// SIGTERM drains and exits 0. Synchronised on the log lines the server writes, never on sleeps.
@Suite struct ServeLifecycleTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Beside the test bundle in the build folder (`swift build --build-tests` builds it).
    static var binary: URL? {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("zhibiao")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Reads stderr lines until one contains `marker`; nil at end of stream.
    final class LineReader {
        let handle: FileHandle
        var buffer = Data()
        init(_ handle: FileHandle) { self.handle = handle }
        func waitFor(_ marker: String) -> String? {
            while true {
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    if line.contains(marker) { return line }
                }
                let chunk = handle.availableData
                if chunk.isEmpty { return nil }
                buffer.append(chunk)
            }
        }
    }

    @Test func hangupReloadsAndTerminateExitsZero() throws {
        guard let binary = Self.binary else {
            Issue.record("the zhibiao binary is not beside the tests; build with --build-tests")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhibiao-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", "--log-level", "info",
                             "--database", folder.appendingPathComponent("db.sqlite").path,
                             "--config", Self.repository.appendingPathComponent("config").path,
                             "--migrations", Self.repository.appendingPathComponent("Migrations").path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let reader = LineReader(errors.fileHandleForReading)
        guard reader.waitFor("msg=serving") != nil else {
            process.terminate()
            Issue.record("serve did not start")
            return
        }
        kill(process.processIdentifier, SIGHUP)
        #expect(reader.waitFor("reloaded the catalogue") != nil)
        kill(process.processIdentifier, SIGTERM)
        #expect(reader.waitFor("msg=stopping") != nil)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }
}
