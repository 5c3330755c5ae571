import Glibc

/// Writes access-log lines to a file descriptor: stderr unless told otherwise.
///
/// To a pipe, a terminal or a socket a buffer goes out in pieces of at most PIPE_BUF (4096)
/// bytes that end at a line's end, so that a reader sees whole lines early. A regular file takes
/// the whole buffer in one write(2). Every write is made under `lock`, which whoever else writes
/// lines to the same descriptor (`LineLogHandler`'s warnings) shares: a line longer than
/// PIPE_BUF, which a pipe may take in pieces, is never cut by another thread's line.
public struct FileDescriptorLogSink: AccessLogSink {
    public let fd: Int32
    public let lock: OutputLock
    private let wholeBuffers: Bool

    public static var standardError: FileDescriptorLogSink { FileDescriptorLogSink(fd: 2) }

    public init(fd: Int32, lock: OutputLock = OutputLock()) {
        self.fd = fd
        self.lock = lock
        var status = stat()
        wholeBuffers = fstat(fd, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    public func write(_ lines: UnsafeRawBufferPointer) {
        guard let base = lines.baseAddress else { return }
        if wholeBuffers {
            lock.withLock { _ = writeAll(base, lines.count) }
            return
        }
        var start = 0
        while start < lines.count {
            let end = Self.pieceEnd(lines, from: start)
            var written = false
            lock.withLock { written = writeAll(base + start, end - start) }
            guard written else { return }
            start = end
        }
    }

    /// One line, whole, under the lock: for the other writers to the same descriptor.
    public func writeLine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            lock.withLock { _ = writeAll(base, raw.count) }
        }
    }

    /// Where the piece starting at `start` ends: after the last newline within PIPE_BUF bytes, or
    /// after the first newline when one line is longer than that.
    static func pieceEnd(_ lines: UnsafeRawBufferPointer, from start: Int) -> Int {
        let limit = Int(PIPE_BUF)
        if lines.count - start <= limit { return lines.count }
        var i = start + limit - 1
        while i >= start {
            if lines[i] == 0x0A { return i + 1 }
            i -= 1
        }
        i = start + limit
        while i < lines.count {
            if lines[i] == 0x0A { return i + 1 }
            i += 1
        }
        return lines.count
    }

    /// False when the descriptor refuses (closed pipe, bad descriptor): the rest is discarded.
    private func writeAll(_ pointer: UnsafeRawPointer, _ count: Int) -> Bool {
        var done = 0
        while done < count {
            let n = Glibc.write(fd, pointer + done, count - done)
            if n > 0 {
                done += n
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                // A non-blocking stderr (set so by whoever started us): wait until it takes more.
                var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&pfd, 1, 1000)
            } else {
                return false
            }
        }
        return true
    }
}
