/// Counts running loops down to zero for `wait()`.
final class Latch: @unchecked Sendable {
    private let condition = ConditionLock()
    private var remaining = 0

    func set(_ count: Int) { condition.withLock { remaining = count } }

    /// True for the call that reached zero.
    func countDown() -> Bool {
        condition.withLock {
            remaining -= 1
            if remaining == 0 { condition.broadcast() }
            return remaining == 0
        }
    }

    func wait() {
        condition.lock()
        while remaining > 0 { condition.wait() }
        condition.unlock()
    }
}
