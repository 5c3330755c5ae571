/// A latency histogram with fixed bucket bounds, updated lock-free: one atomic add for the
/// bucket, one for the count, one for the sum. Buckets are kept per bucket (not cumulative) so
/// that a record touches one cell; the cumulative Prometheus form is built at scrape time.
public final class DurationHistogram: Sendable {
    /// Upper bounds in nanoseconds, ascending. From 50 µs (a cached series read takes ~30 µs) to
    /// 10 s (a large import).
    public static let defaultBounds: [UInt64] = [
        50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000,
        50_000_000, 100_000_000, 250_000_000, 500_000_000, 1_000_000_000, 2_500_000_000, 10_000_000_000,
    ]

    public let bounds: [UInt64]
    /// One more than `bounds`: the last holds what exceeds every bound (+Inf).
    private let buckets: [MetricCell]
    private let sumNanoseconds = MetricCell()
    private let total = MetricCell()

    public struct Snapshot: Sendable {
        /// Cumulative counts per bound, then +Inf.
        public var cumulative: [Int]
        public var count: Int
        public var sumSeconds: Double
    }

    public init(bounds: [UInt64] = DurationHistogram.defaultBounds) {
        self.bounds = bounds
        self.buckets = (0...bounds.count).map { _ in MetricCell() }
    }

    public func record(nanoseconds: UInt64) {
        var i = 0
        while i < bounds.count && nanoseconds > bounds[i] { i += 1 }
        buckets[i].add(1)
        sumNanoseconds.add(Int(truncatingIfNeeded: nanoseconds))
        total.add(1)
    }

    /// Counts are read one by one while others may record: a scrape can be off by a request in
    /// flight, which Prometheus tolerates; cumulative counts are still monotonic by construction.
    public var snapshot: Snapshot {
        var running = 0
        var cumulative: [Int] = []
        for bucket in buckets {
            running += bucket.load
            cumulative.append(running)
        }
        return Snapshot(cumulative: cumulative, count: running, sumSeconds: Double(sumNanoseconds.load) / 1e9)
    }
}
