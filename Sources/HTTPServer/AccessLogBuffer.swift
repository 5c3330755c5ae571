/// One event loop's access-log buffer, confined to the loop's thread: each response's record
/// is formatted straight into it, and the full or overdue buffer goes to the `AccessLogWriter`.
///
/// A record has the fields and order the logger's `info` line had: `ts level msg logger`, then
/// `bytes duration_us method path remote request-id status`.
final class AccessLogBuffer {
    private let writer: AccessLogWriter
    private let stats: HTTPServerStats
    private let label: String
    private let limit: Int
    private let interval: UInt64
    private var bytes: [UInt8]
    private var records = 0
    /// When the oldest record in the buffer was appended (monotonic nanoseconds).
    private var since: UInt64 = 0
    private var encoder: LogLineEncoder
    private var clock = LogTimestamp()

    init(writer: AccessLogWriter, stats: HTTPServerStats, label: String) {
        self.writer = writer
        self.stats = stats
        self.label = label
        limit = writer.configuration.bufferBytes
        interval = writer.configuration.flushInterval.totalNanoseconds
        encoder = LogLineEncoder(format: writer.configuration.format)
        bytes = writer.makeBuffer()
    }

    func append(method: HTTPMethod, path: String, status: Int, bytes count: Int, micros: UInt64,
                requestID: String, remote: String) {
        if records == 0 { since = MonotonicClock.now() }
        encoder.begin(into: &bytes)
        encoder.beginBare("ts", into: &bytes)
        clock.append(into: &bytes)
        encoder.endBare(into: &bytes)
        encoder.field("level", "info", into: &bytes)
        encoder.beginQuoted("msg", into: &bytes)
        Self.escaped(method.rawValue, into: &bytes)
        bytes.append(0x20)
        Self.escaped(path, into: &bytes)
        bytes.append(0x20)
        LogLineEncoder.appendDecimal(UInt64(max(0, status)), into: &bytes)
        LogLineEncoder.endQuoted(into: &bytes)
        encoder.field("logger", label, into: &bytes)
        encoder.field("bytes", UInt64(max(0, count)), into: &bytes)
        encoder.field("duration_us", micros, into: &bytes)
        encoder.field("method", method.rawValue, into: &bytes)
        encoder.field("path", path, into: &bytes)
        encoder.field("remote", remote, into: &bytes)
        encoder.field("request-id", requestID, into: &bytes)
        encoder.field("status", UInt64(max(0, status)), into: &bytes)
        encoder.end(into: &bytes)
        records += 1
        if bytes.count >= limit { handOff(final: false) }
    }

    /// When the buffer must be handed over (monotonic nanoseconds); nil while it is empty.
    var deadline: UInt64? { records == 0 ? nil : since &+ interval }

    func flushIfDue(now: UInt64) {
        if let deadline, now >= deadline { handOff(final: false) }
    }

    /// Hands over whatever is buffered; `final` for the loop's last call, which is never refused.
    func handOff(final: Bool) {
        guard records > 0 else { return }
        if !writer.handOff(&bytes, records: records, final: final) {
            stats.droppedLogRecords.add(records, ordering: .relaxed)
        }
        records = 0
    }

    private static func escaped(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { LogLineEncoder.appendEscaped($0, into: &out) }
    }
}
