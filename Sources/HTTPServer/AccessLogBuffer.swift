import Metrics
import Synchronization

/// One event loop's access-log buffer: each response's record is formatted straight into it, and
/// the full or overdue buffer goes to the `AccessLogWriter`. The `AccessLogMiddleware` appends on
/// whatever thread ran the handler (the loop's own, mostly; a worker's for document loads and
/// imports), so the buffer sits behind a lock that is, in practice, uncontended.
///
/// A record has the fields and order the logger's `info` line had: `ts level msg logger`, then
/// `bytes duration_us method path remote request-id status`.
final class AccessLogBuffer: Sendable {
    private let writer: AccessLogWriter
    private let stats: HTTPServerStats
    private let label: String
    private let limit: Int
    private let interval: UInt64
    private let state: Mutex<State>

    private struct State {
        var bytes: [UInt8]
        var records = 0
        /// When the oldest record in the buffer was appended (monotonic nanoseconds).
        var since: UInt64 = 0
        var encoder: LogLineEncoder
        var clock = LogTimestamp()
    }

    init(writer: AccessLogWriter, stats: HTTPServerStats, label: String) {
        self.writer = writer
        self.stats = stats
        self.label = label
        limit = writer.configuration.bufferBytes
        interval = writer.configuration.flushInterval.totalNanoseconds
        state = Mutex(State(bytes: writer.makeBuffer(), encoder: LogLineEncoder(format: writer.configuration.format)))
    }

    /// The record of a response to `request`.
    func append(_ request: HTTPRequest, status: Int, bytes: Int) {
        let micros = request.receivedAt == 0 ? 0 : (MonotonicClock.now() &- request.receivedAt) / 1000
        append(method: request.method, path: request.path, status: status, bytes: bytes, micros: micros,
               requestID: request.requestID, remote: request.remoteAddress)
    }

    func append(method: HTTPMethod, path: String, status: Int, bytes count: Int, micros: UInt64,
                requestID: String, remote: String) {
        state.withLock { state in
            if state.records == 0 { state.since = MonotonicClock.now() }
            state.encoder.begin(into: &state.bytes)
            state.encoder.beginBare("ts", into: &state.bytes)
            state.clock.append(into: &state.bytes)
            state.encoder.endBare(into: &state.bytes)
            state.encoder.field("level", "info", into: &state.bytes)
            state.encoder.beginQuoted("msg", into: &state.bytes)
            Self.escaped(method.rawValue, into: &state.bytes)
            state.bytes.append(0x20)
            Self.escaped(path, into: &state.bytes)
            state.bytes.append(0x20)
            LogLineEncoder.appendDecimal(UInt64(max(0, status)), into: &state.bytes)
            LogLineEncoder.endQuoted(into: &state.bytes)
            state.encoder.field("logger", label, into: &state.bytes)
            state.encoder.field("bytes", UInt64(max(0, count)), into: &state.bytes)
            state.encoder.field("duration_us", micros, into: &state.bytes)
            state.encoder.field("method", method.rawValue, into: &state.bytes)
            state.encoder.field("path", path, into: &state.bytes)
            state.encoder.field("remote", remote, into: &state.bytes)
            state.encoder.field("request-id", requestID, into: &state.bytes)
            state.encoder.field("status", UInt64(max(0, status)), into: &state.bytes)
            state.encoder.end(into: &state.bytes)
            state.records += 1
            if state.bytes.count >= limit { handOff(&state, final: false) }
        }
    }

    /// When the buffer must be handed over (monotonic nanoseconds); nil while it is empty.
    var deadline: UInt64? { state.withLock { $0.records == 0 ? nil : $0.since &+ interval } }

    func flushIfDue(now: UInt64) {
        state.withLock { state in
            if state.records > 0, now >= state.since &+ interval { handOff(&state, final: false) }
        }
    }

    /// Hands over whatever is buffered; `final` for the loop's last call, which is never refused.
    func handOff(final: Bool) {
        state.withLock { handOff(&$0, final: final) }
    }

    private func handOff(_ state: inout State, final: Bool) {
        guard state.records > 0 else { return }
        if !writer.handOff(&state.bytes, records: state.records, final: final) {
            stats.droppedLogRecords.add(state.records, ordering: .relaxed)
        }
        state.records = 0
    }

    private static func escaped(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { LogLineEncoder.appendEscaped($0, into: &out) }
    }
}
