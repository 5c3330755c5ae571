import GRDB
import Glibc
import Metrics

extension Store {
    /// Every database access goes through these, so that `/metrics` can show how long write
    /// transactions (including the wait for the single writer) and reads take. Two clock reads
    /// and three atomic adds: small beside even the cheapest SQLite read.
    func timedWrite<T>(_ body: (Database) throws -> T) throws -> T {
        let start = Self.monotonicNanoseconds()
        defer { writeDurations.record(nanoseconds: Self.monotonicNanoseconds() &- start) }
        return try pool.write(body)
    }

    func timedWriteWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        let start = Self.monotonicNanoseconds()
        defer { writeDurations.record(nanoseconds: Self.monotonicNanoseconds() &- start) }
        return try pool.writeWithoutTransaction(body)
    }

    func timedRead<T>(_ body: (Database) throws -> T) throws -> T {
        let start = Self.monotonicNanoseconds()
        defer { readDurations.record(nanoseconds: Self.monotonicNanoseconds() &- start) }
        return try pool.read(body)
    }

    /// For a body that runs one SELECT: that is atomic on its own in WAL mode, so the read
    /// transaction and savepoint of `read` would only add cost (this is the series hot path).
    func timedSingleStatementRead<T>(_ body: (Database) throws -> T) throws -> T {
        let start = Self.monotonicNanoseconds()
        defer { readDurations.record(nanoseconds: Self.monotonicNanoseconds() &- start) }
        return try pool.unsafeRead(body)
    }

    static func monotonicNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
