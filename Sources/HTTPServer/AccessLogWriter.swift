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

    /// An empty buffer with room for a full one and the record that overflows it.
    func makeBuffer() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(configuration.bufferBytes + 4096)
        return bytes
    }

    func start() throws(HTTPServerError) {
        condition.withLock { started = true }
        do {
            try NativeThread.spawn(name: "http-log") { [self] in run() }
        } catch {
            condition.withLock { started = false }
            throw error
        }
    }

    /// Takes `buffer` (holding `records` lines) and leaves an empty one in its place. False when
    /// the queue is full: `buffer` is then emptied and its records are lost, and the caller
    /// counts them. `final` (a loop's last hand-off) is never refused.
    func handOff(_ buffer: inout [UInt8], records: Int, final: Bool) -> Bool {
        condition.lock()
        guard final || queue.count < configuration.queuedBuffers else {
            condition.unlock()
            buffer.removeAll(keepingCapacity: true)
            return false
        }
        // The queue takes the array itself (a reference, not a copy of the bytes).
        queue.append(Chunk(bytes: buffer, records: records))
        let replacement = spare.popLast()
        condition.signal()
        condition.unlock()
        buffer = replacement ?? makeBuffer()
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
        while var chunk = next() {
            chunk.bytes.withUnsafeBytes { configuration.sink.write($0) }
            recycle(&chunk.bytes)
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

    private func recycle(_ bytes: inout [UInt8]) {
        // A buffer grown by an outsized record is let go rather than kept at that size.
        guard bytes.capacity <= 2 * (configuration.bufferBytes + 4096) else { return }
        bytes.removeAll(keepingCapacity: true)
        condition.withLock {
            if spare.count < configuration.queuedBuffers { spare.append(bytes) }
        }
    }
}
