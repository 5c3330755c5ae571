import Metrics
/// The one thread that writes the access log. Event loops hand it whole buffers
/// (`AccessLogBuffer`); it writes them to the sink in the order received and gives the emptied
/// buffers back for reuse, so that after warm-up no buffer is allocated.
///
/// Its queue is bounded: when the sink is slower than the records arrive, a loop's hand-off is
/// refused and the loop drops that buffer's records (counted), never waits. Only the last
/// hand-off of a stopping loop is always taken, so a graceful stop loses nothing.
final class AccessLogWriter: @unchecked Sendable {
    private struct Chunk {
        var bytes: [UInt8]
        var used: Int
        var records: Int
    }

    let configuration: AccessLogConfiguration
    private let stats: HTTPServerStats
    // Guarded by `condition`.
    private let condition = ConditionLock()
    private var queue: [Chunk] = []
    private var spare: [[UInt8]] = []
    private var started = false
    private var stopping = false
    private var finished = false

    init(configuration: AccessLogConfiguration, stats: HTTPServerStats) {
        self.configuration = configuration
        self.stats = stats
    }

    /// A buffer of `bufferBytes`, written from its start (its size never changes).
    func makeBuffer() -> [UInt8] { [UInt8](repeating: 0, count: max(4096, configuration.bufferBytes)) }

    func start() throws(HTTPServerError) {
        condition.withLock { started = true }
        do {
            try NativeThread.spawn(name: "http-log") { [self] in run() }
        } catch {
            condition.withLock { started = false }
            throw error
        }
    }

    /// Takes `buffer` (its first `used` bytes, `records` lines) and leaves an empty one in its
    /// place. False when the queue is full: `buffer` is left as it was, its records are lost and
    /// the caller counts them. `final` (a loop's last hand-off) is never refused.
    func handOff(_ buffer: inout [UInt8], used: Int, records: Int, final: Bool) -> Bool {
        condition.lock()
        guard final || queue.count < configuration.queuedBuffers else {
            condition.unlock()
            return false
        }
        // The queue takes the array itself (a reference, not a copy of the bytes).
        queue.append(Chunk(bytes: buffer, used: used, records: records))
        let replacement = spare.popLast()
        condition.signal()
        condition.unlock()
        buffer = replacement ?? makeBuffer()
        return true
    }

    /// One record too large for a buffer, on its own; false when refused, as `handOff`.
    func handOffAlone(_ record: [UInt8], final: Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard final || queue.count < configuration.queuedBuffers else { return false }
        queue.append(Chunk(bytes: record, used: record.count, records: 1))
        condition.signal()
        return true
    }

    /// After the loops have stopped: writes what is queued, waiting at most `timeout` for a sink
    /// that does not take it (a stuck stderr must not keep the process from exiting); what is left
    /// then is counted as dropped.
    func finish(timeout: Duration) {
        let deadline = MonotonicClock.now() &+ timeout.totalNanoseconds
        condition.lock()
        defer { condition.unlock() }
        guard started else { return }
        stopping = true
        condition.broadcast()
        while !finished {
            let now = MonotonicClock.now()
            if now >= deadline {
                stats.droppedLogRecords.add(queue.reduce(0) { $0 + $1.records }, ordering: .relaxed)
                queue.removeAll()
                return
            }
            condition.wait(nanoseconds: deadline - now)
        }
    }

    private func run() {
        while let chunk = next() {
            chunk.bytes.withUnsafeBytes { configuration.sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<chunk.used])) }
            recycle(chunk.bytes)
        }
    }

    private func next() -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty {
            if stopping {
                finished = true
                condition.broadcast()
                return nil
            }
            condition.wait()
        }
        return queue.removeFirst()
    }

    private func recycle(_ bytes: [UInt8]) {
        // A record sent alone is not a buffer.
        guard bytes.count == max(4096, configuration.bufferBytes) else { return }
        condition.withLock {
            if spare.count < configuration.queuedBuffers { spare.append(bytes) }
        }
    }
}
