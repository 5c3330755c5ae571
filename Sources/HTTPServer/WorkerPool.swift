/// A fixed set of threads and a bounded queue for handlers that may block. A full queue is
/// refused rather than grown, so an overload shows up as 503s instead of unbounded memory.
final class WorkerPool: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    // Guarded by `condition`.
    private let condition = ConditionLock()
    private var queue: [Job?] = []
    private var head = 0
    private var stopping = false
    private let capacity: Int
    private let threadCount: Int

    init(threads: Int, capacity: Int) {
        self.threadCount = max(1, threads)
        self.capacity = max(1, capacity)
        queue.reserveCapacity(self.capacity)
    }

    func start(name: String) throws(HTTPServerError) {
        for i in 0..<threadCount {
            try NativeThread.spawn(name: "\(name)-w\(i)") { [self] in run() }
        }
    }

    /// False when the queue is full or the pool is stopping.
    func trySubmit(_ job: @escaping Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if stopping || queue.count - head >= capacity { return false }
        queue.append(job)
        condition.signal()
        return true
    }

    /// Workers finish the queued jobs, then exit.
    func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
        }
    }

    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == queue.count {
            if stopping { return nil }
            condition.wait()
        }
        let job = queue[head]
        queue[head] = nil
        head += 1
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return job
    }

    private func run() {
        while let job = next() { job() }
    }
}
