import Synchronization

/// Counters the server keeps for metrics. Updated with relaxed atomics on the hot path.
public final class HTTPServerStats: Sendable {
    public struct Snapshot: Sendable, Equatable {
        public var openConnections: Int
        public var acceptedConnections: Int
        public var requestsServed: Int
        public var bytesIn: Int
        public var bytesOut: Int
        public var rejectedConnections: Int
        public var workerRejections: Int
        /// Access-log records dropped because the writer was behind (see `AccessLogConfiguration`).
        public var droppedLogRecords: Int
    }

    let openConnections = Atomic<Int>(0)
    let acceptedConnections = Atomic<Int>(0)
    let requestsServed = Atomic<Int>(0)
    let bytesIn = Atomic<Int>(0)
    let bytesOut = Atomic<Int>(0)
    let rejectedConnections = Atomic<Int>(0)
    let workerRejections = Atomic<Int>(0)
    let droppedLogRecords = Atomic<Int>(0)

    init() {}

    public var snapshot: Snapshot {
        Snapshot(openConnections: openConnections.load(ordering: .relaxed),
                 acceptedConnections: acceptedConnections.load(ordering: .relaxed),
                 requestsServed: requestsServed.load(ordering: .relaxed),
                 bytesIn: bytesIn.load(ordering: .relaxed),
                 bytesOut: bytesOut.load(ordering: .relaxed),
                 rejectedConnections: rejectedConnections.load(ordering: .relaxed),
                 workerRejections: workerRejections.load(ordering: .relaxed),
                 droppedLogRecords: droppedLogRecords.load(ordering: .relaxed))
    }
}
