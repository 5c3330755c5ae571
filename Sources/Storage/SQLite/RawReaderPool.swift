import Synchronization

/// Read-only connections for the hot read paths, lent one per call. A connection is opened on
/// first need and kept; at most `limit` are kept idle, so a burst does not leave file handles
/// behind. A single SELECT on a WAL database is a consistent snapshot on its own, so these
/// reads need no transaction.
final class RawReaderPool: Sendable {
    private let path: String
    private let busyTimeoutMs: Int32
    private let limit: Int
    private let idle = Mutex<[RawConnection]>([])

    init(path: String, busyTimeoutMs: Int32, limit: Int) {
        self.path = path
        self.busyTimeoutMs = busyTimeoutMs
        self.limit = limit
    }

    func withConnection<T>(_ body: (RawConnection) throws(StorageError) -> T) throws(StorageError) -> T {
        let connection: RawConnection
        if let existing = idle.withLock({ $0.popLast() }) {
            connection = existing
        } else {
            connection = try RawConnection(path: path, busyTimeoutMs: busyTimeoutMs)
        }
        defer {
            idle.withLock { connections in
                if connections.count < limit { connections.append(connection) }
            }
        }
        return try body(connection)
    }
}
