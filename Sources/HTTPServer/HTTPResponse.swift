/// A response a handler returns. The server adds `Date`, `Server`, `Content-Length` or
/// `Transfer-Encoding: chunked`, `Connection` and `X-Request-Id`, and drops the body for HEAD,
/// 204 and 304.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: HTTPBody

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: HTTPBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: HTTPStatus = .ok, contentType: String, body: [UInt8]) {
        self.init(status: status, headers: HTTPHeaders([("Content-Type", contentType)]), body: .bytes(body))
    }
}

public enum HTTPBody: Sendable {
    case empty
    case bytes([UInt8])
    /// A body produced piece by piece and sent chunked, for responses that need not fit in memory.
    /// The closure runs off the event loop; each `write` may block until the client takes the bytes.
    case stream(@Sendable (any HTTPBodyWriter) throws -> Void)
}

/// Where a streaming body writes. Throws when the client has gone away.
public protocol HTTPBodyWriter {
    func write(_ bytes: [UInt8]) throws
}
