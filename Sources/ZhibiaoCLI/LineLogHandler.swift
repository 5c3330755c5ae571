import Glibc
import HTTPServer
import Logging

/// Writes one line per log record to stderr, as logfmt (`ts=… level=info msg="…" key=value`) or
/// as one JSON object per line, for `log.format`. Each line goes out at once, under the lock the
/// access log's writer shares (see `FileDescriptorLogSink`), so lines never interleave however
/// long they are. Built per logger (no `LoggingSystem.bootstrap`), so the choice is not
/// process-global state.
struct LineLogHandler: LogHandler {
    typealias Format = LogFormat

    let label: String
    let format: Format
    var output = FileDescriptorLogSink.standardError
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [(String, String)] = [("ts", Self.timestamp()), ("level", event.level.rawValue),
                                          ("msg", "\(event.message)"), ("logger", label)]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) { fields.append((key, "\(value)")) }
        let bytes = Self.line(fields, format)
        output.writeLine(bytes)
    }

    /// UTC with milliseconds, `2026-11-27T17:14:56.123Z`.
    static func timestamp() -> String { LogTimestamp.now() }

    /// The line without its newline.
    static func render(_ fields: [(String, String)], _ format: Format) -> String {
        String(decoding: line(fields, format).dropLast(), as: UTF8.self)
    }

    private static func line(_ fields: [(String, String)], _ format: Format) -> [UInt8] {
        LogLineEncoder.line(fields.map { (key: $0.0, value: $0.1) }, format: format)
    }
}
