import Glibc

/// Why the server could not start. Request-level problems never surface here: they become
/// problem+json responses.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        case invalidAddress
        case invalidRoute
        case socket
        case bind
        case listen
        case epoll
        case thread
        case alreadyStarted
        case signals
    }

    public var kind: Kind
    public var errno: Int32
    public var detail: String

    init(_ kind: Kind, errno: Int32 = 0, _ detail: String) {
        self.kind = kind
        self.errno = errno
        self.detail = detail
    }

    static func system(_ kind: Kind, _ call: String) -> HTTPServerError {
        let code = Glibc.errno
        return HTTPServerError(kind, errno: code, "\(call): \(String(cString: strerror(code)))")
    }

    public var description: String { detail }
}
