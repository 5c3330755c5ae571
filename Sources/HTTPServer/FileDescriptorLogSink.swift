import Glibc

/// Writes access-log lines to a file descriptor: stderr unless told otherwise.
///
/// To a pipe, a terminal or a socket a buffer goes out in pieces of at most PIPE_BUF (4096)
/// bytes that end at a line's end: Linux writes a piece that size in one go, so a line another
/// thread writes to the same stderr with one write(2) (`LineLogHandler`'s warnings and errors)
/// lands between two access lines, never inside one. A regular file takes the whole buffer in
/// one write(2), which Linux does not interleave with another write(2) to the same file.
public struct FileDescriptorLogSink: AccessLogSink {
    public let fd: Int32
    private let wholeBuffers: Bool

    public static var standardError: FileDescriptorLogSink { FileDescriptorLogSink(fd: 2) }

    public init(fd: Int32) {
        self.fd = fd
        var status = stat()
        wholeBuffers = fstat(fd, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    public func write(_ lines: UnsafeRawBufferPointer) {
        guard let base = lines.baseAddress else { return }
        if wholeBuffers {
            _ = writeAll(base, lines.count)
            return
        }
        var start = 0
        while start < lines.count {
            let end = Self.pieceEnd(lines, from: start)
            guard writeAll(base + start, end - start) else { return }
            start = end
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
