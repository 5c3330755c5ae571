#if canImport(Glibc)
import Glibc
#endif

/// A loopback socket that listens and never answers: a stand-in for an internal service that a
/// refused fetch must not reach. Whatever connects completes its handshake in the kernel and waits
/// in the accept queue, so `connectionsSoFar()` counts every connection made, however short,
/// without a timer: a fetch that returned has either connected by then or never will.
public final class SilentListener: Sendable {
    public let fd: Int32
    public let port: Int
    public let host: String

    /// `host`: `127.0.0.1` or `::1`.
    public init(host: String = "127.0.0.1") throws {
        let v6 = host.contains(":")
        let fd = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw TestClientError("socket failed") }
        self.fd = fd
        self.host = host
        var storage = sockaddr_storage()
        var length: socklen_t
        if v6 {
            var addr = sockaddr_in6()
            addr.sin6_family = sa_family_t(AF_INET6)
            inet_pton(AF_INET6, host, &addr.sin6_addr)
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeBytes(of: &addr) { raw in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: raw) } }
        } else {
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            inet_pton(AF_INET, host, &addr.sin_addr)
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeBytes(of: &addr) { raw in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: raw) } }
        }
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw TestClientError("cannot listen on \(host)")
        }
        length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = withUnsafeBytes(of: &storage) { raw in
            // sin_port and sin6_port both sit at offset 2, in network order.
            Int(UInt16(raw[2]) << 8 | UInt16(raw[3]))
        }
    }

    deinit { close(fd) }

    /// The URL authority of the listener: `127.0.0.1:PORT` or `[::1]:PORT`.
    public var authority: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Connects to the listener once and hangs up: the control that shows `connectionsSoFar`
    /// sees a connection when there is one.
    public func connectOnce() throws {
        let v6 = host.contains(":")
        let client = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard client >= 0 else { throw TestClientError("socket failed") }
        defer { close(client) }
        var storage = sockaddr_storage()
        let length = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { address -> socklen_t in
                var size = socklen_t(MemoryLayout<sockaddr_storage>.size)
                getsockname(fd, address, &size)
                return size
            }
        }
        let rc = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, length) }
        }
        guard rc == 0 else { throw TestClientError("connect to \(authority) failed: errno \(errno)") }
    }

    /// Connections accepted since the last call (each is closed at once).
    public func connectionsSoFar() -> Int {
        var count = 0
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 { return count }
            close(client)
            count += 1
        }
    }
}
