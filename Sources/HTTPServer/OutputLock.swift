import Synchronization

/// One lock for everyone who writes lines to the same descriptor (stderr: the access log's writer
/// thread and the logger's warnings). A pipe takes a write of up to PIPE_BUF bytes whole, but a
/// longer line (a long path, twice) can go in pieces, and another thread's line would land in the
/// middle of it; writing under this lock keeps every line whole however long it is.
public final class OutputLock: Sendable {
    private let mutex = Mutex(())

    public init() {}

    public func withLock(_ body: () -> Void) {
        mutex.withLock { _ in body() }
    }
}
