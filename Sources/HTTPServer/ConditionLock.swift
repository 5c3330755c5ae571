import Glibc

/// A pthread mutex with a condition variable, for threads that must sleep until signalled
/// (the worker pool, `wait()`); `Synchronization.Mutex` cannot wait.
final class ConditionLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(cond, nil)
    }

    deinit {
        pthread_cond_destroy(cond)
        pthread_mutex_destroy(mutex)
        cond.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    /// Call with the lock held.
    func wait() { pthread_cond_wait(cond, mutex) }
    /// Call with the lock held; returns after a signal or about `nanoseconds` (the condition
    /// variable's clock is the wall clock, so a clock step shortens or lengthens the wait).
    func wait(nanoseconds: UInt64) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let total = UInt64(now.tv_nsec) + nanoseconds % 1_000_000_000
        var deadline = timespec()
        deadline.tv_sec = now.tv_sec + Int(clamping: nanoseconds / 1_000_000_000 + total / 1_000_000_000)
        deadline.tv_nsec = Int(total % 1_000_000_000)
        pthread_cond_timedwait(cond, mutex, &deadline)
    }
    func broadcast() { pthread_cond_broadcast(cond) }
    func signal() { pthread_cond_signal(cond) }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }
}
