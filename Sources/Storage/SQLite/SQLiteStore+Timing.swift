import GRDB
import Metrics

extension SQLiteStore {
    /// Every database access goes through these, so that `/metrics` can show how long write
    /// transactions (including the wait for the single writer) and reads take. Two clock reads
    /// and three atomic adds: small beside even the cheapest SQLite read.
    func timedWrite<T>(_ body: (Database) throws -> T) throws -> T {
        let start = MonotonicClock.now()
        defer { writeDurations.record(nanoseconds: MonotonicClock.now() &- start) }
        return try pool.write(body)
    }

    func timedWriteWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        let start = MonotonicClock.now()
        defer { writeDurations.record(nanoseconds: MonotonicClock.now() &- start) }
        return try pool.writeWithoutTransaction(body)
    }

    func timedRead<T>(_ body: (Database) throws -> T) throws -> T {
        let start = MonotonicClock.now()
        defer { readDurations.record(nanoseconds: MonotonicClock.now() &- start) }
        return try pool.read(body)
    }
}
