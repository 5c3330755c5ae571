/// The `HTTPBodyWriter` a streaming body writes to. It runs on a worker thread that owns the
/// socket for the duration (the loop has dropped it from epoll), so it may block, with a timeout.
final class SocketBodyWriter: HTTPBodyWriter {
    struct ClientGone: Error {}

    private let fd: Int32
    private let timeoutMs: Int32
    /// False for HTTP/1.0 clients, which get a close-delimited body instead of chunks.
    private let chunked: Bool
    private var buffer: [UInt8] = []
    private(set) var bytesWritten = 0

    init(fd: Int32, timeoutMs: Int32, chunked: Bool) {
        self.fd = fd
        self.timeoutMs = timeoutMs
        self.chunked = chunked
    }

    func writeRaw(_ bytes: [UInt8]) -> Bool {
        let ok = bytes.withUnsafeBytes { Socket.sendAll(fd, $0, timeoutMs: timeoutMs) }
        if ok { bytesWritten += bytes.count }
        return ok
    }

    func write(_ bytes: [UInt8]) throws {
        // An empty chunk would end the body early.
        if bytes.isEmpty { return }
        buffer.removeAll(keepingCapacity: true)
        if chunked {
            ResponseSerializer.appendHex(bytes.count, into: &buffer)
            buffer.append(0x0D)
            buffer.append(0x0A)
            buffer.append(contentsOf: bytes)
            buffer.append(0x0D)
            buffer.append(0x0A)
        } else {
            buffer.append(contentsOf: bytes)
        }
        guard writeRaw(buffer) else { throw ClientGone() }
    }

    func finish() -> Bool {
        chunked ? writeRaw(Array("0\r\n\r\n".utf8)) : true
    }
}
