import Metrics
import Synchronization

/// One event loop's access-log buffer: each response's record is written straight into it, and
/// the full or overdue buffer goes to the `AccessLogWriter`. The `AccessLogMiddleware` appends on
/// whatever thread ran the handler (the loop's own, mostly; a worker's for document loads and
/// imports), so the buffer sits behind a lock that is, in practice, uncontended.
///
/// A record has the fields and order the logger's `info` line had: `ts level msg logger`, then
/// `bytes duration_us method path remote request-id status`, each value quoted and escaped as
/// `LogCursor` says. The buffer is an array of fixed size written through a pointer up to
/// `used`: appending to an array piece by piece cost several times more per record.
final class AccessLogBuffer: Sendable {
    private let writer: AccessLogWriter
    private let stats: HTTPServerStats
    private let format: LogFormat
    /// The logger's label as the format writes it.
    private let label: [UInt8]
    private let interval: UInt64
    private let state: Mutex<State>

    private struct State {
        var bytes: [UInt8]
        var used = 0
        var records = 0
        /// When the oldest record in the buffer was written (monotonic nanoseconds).
        var since: UInt64 = 0
        var clock = LogTimestamp()
    }

    init(writer: AccessLogWriter, stats: HTTPServerStats, label: String) {
        self.writer = writer
        self.stats = stats
        format = writer.configuration.format
        interval = writer.configuration.flushInterval.totalNanoseconds
        let format = format
        self.label = [UInt8](unsafeUninitializedCapacity: LogCursor.worstCase(label.utf8.count)) { buffer, count in
            guard let start = buffer.baseAddress else { return }
            var cursor = LogCursor(start)
            if format == .json { cursor.escaped(label) } else { cursor.value(label, .logfmt) }
            count = cursor.position - start
        }
        state = Mutex(State(bytes: writer.makeBuffer()))
    }

    /// The record of a response to `request`.
    func append(_ request: HTTPRequest, status: Int, bytes: Int) {
        let micros = request.receivedAt == 0 ? 0 : (MonotonicClock.now() &- request.receivedAt) / 1000
        append(method: request.method, path: request.path, status: status, bytes: bytes, micros: micros,
               requestID: request.requestID, remote: request.remoteAddress)
    }

    func append(method: HTTPMethod, path: String, status: Int, bytes count: Int, micros: UInt64,
                requestID: String, remote: String) {
        // The most the record can take: the fixed text, a timestamp, five numbers and every
        // text at its worst (method and path are written twice).
        let bound = 160 + LogTimestamp.maximumBytes + 5 * 20 + label.count
            + 2 * LogCursor.worstCase(method.rawValue.utf8.count) + 2 * LogCursor.worstCase(path.utf8.count)
            + LogCursor.worstCase(remote.utf8.count) + LogCursor.worstCase(requestID.utf8.count)
        state.withLock { state in
            if bound > state.bytes.count - state.used { handOff(&state, final: false) }
            if bound > state.bytes.count {
                // A record larger than a whole buffer (a path of kilobytes of control characters)
                // goes alone.
                var alone = [UInt8](repeating: 0, count: bound)
                let n = write(into: &alone, at: 0, clock: &state.clock, method, path, status, count, micros, requestID, remote)
                if !writer.handOffAlone(Array(alone[0..<n]), final: false) {
                    stats.droppedLogRecords.add(1, ordering: .relaxed)
                }
                return
            }
            if state.records == 0 { state.since = MonotonicClock.now() }
            state.used += write(into: &state.bytes, at: state.used, clock: &state.clock,
                                method, path, status, count, micros, requestID, remote)
            state.records += 1
        }
    }

    private func write(into buffer: inout [UInt8], at offset: Int, clock: inout LogTimestamp, _ method: HTTPMethod,
                       _ path: String, _ status: Int, _ count: Int, _ micros: UInt64, _ requestID: String,
                       _ remote: String) -> Int {
        let format = format
        return buffer.withUnsafeMutableBufferPointer { memory in
            guard let start = memory.baseAddress.map({ $0 + offset }) else { return 0 }
            var c = LogCursor(start)
            let status = UInt64(max(0, status))
            switch format {
            case .logfmt:
                c.literal("ts=")
                clock.write(to: &c)
                c.literal(" level=info msg=\"")
                c.escaped(method.rawValue)
                c.byte(0x20)
                c.escaped(path)
                c.byte(0x20)
                c.decimal(status)
                c.literal("\" logger=")
                label.withUnsafeBufferPointer { c.bytes($0) }
                c.literal(" bytes=")
                c.decimal(UInt64(max(0, count)))
                c.literal(" duration_us=")
                c.decimal(micros)
                c.literal(" method=")
                c.value(method.rawValue, .logfmt)
                c.literal(" path=")
                c.value(path, .logfmt)
                c.literal(" remote=")
                c.value(remote, .logfmt)
                c.literal(" request-id=")
                c.value(requestID, .logfmt)
                c.literal(" status=")
                c.decimal(status)
                c.byte(0x0A)
            case .json:
                c.literal("{\"ts\":\"")
                clock.write(to: &c)
                c.literal("\",\"level\":\"info\",\"msg\":\"")
                c.escaped(method.rawValue)
                c.byte(0x20)
                c.escaped(path)
                c.byte(0x20)
                c.decimal(status)
                c.literal("\",\"logger\":\"")
                label.withUnsafeBufferPointer { c.bytes($0) }
                c.literal("\",\"bytes\":\"")
                c.decimal(UInt64(max(0, count)))
                c.literal("\",\"duration_us\":\"")
                c.decimal(micros)
                c.literal("\",\"method\":\"")
                c.escaped(method.rawValue)
                c.literal("\",\"path\":\"")
                c.escaped(path)
                c.literal("\",\"remote\":\"")
                c.escaped(remote)
                c.literal("\",\"request-id\":\"")
                c.escaped(requestID)
                c.literal("\",\"status\":\"")
                c.decimal(status)
                c.literal("\"}\n")
            }
            return c.position - start
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
        if !writer.handOff(&state.bytes, used: state.used, records: state.records, final: final) {
            stats.droppedLogRecords.add(state.records, ordering: .relaxed)
        }
        state.used = 0
        state.records = 0
    }
}
