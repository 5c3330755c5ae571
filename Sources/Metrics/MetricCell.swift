import Synchronization

/// One relaxed atomic counter. A class so that counters can sit in arrays (`Atomic` cannot be
/// copied); updates are a single atomic add, with no lock shared between threads.
public final class MetricCell: Sendable {
    private let value = Atomic<Int>(0)

    public init() {}

    public func add(_ n: Int) { value.add(n, ordering: .relaxed) }

    public var load: Int { value.load(ordering: .relaxed) }
}
