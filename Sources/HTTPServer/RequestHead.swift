/// The request line and header section of one request, with the framing and connection
/// semantics already interpreted, so the connection never re-reads header strings.
struct RequestHead: Sendable {
    enum Framing: Sendable, Equatable {
        case none
        case length(Int)
        case chunked
    }

    var method: HTTPMethod
    var target: String
    /// Percent-decoded path.
    var path: String
    /// Percent-decoded path segments for routing (`/a/b` → `["a", "b"]`, `/` → `[]`), decoded one
    /// by one so that `%2F` stays inside its segment.
    var segments: [String]
    var query: [(name: String, value: String)]
    var version: (major: Int, minor: Int)
    var headers: HTTPHeaders
    var framing: Framing
    var keepAlive: Bool
    var expectContinue: Bool
    /// `X-Request-Id` when sane (1–200 visible ASCII characters).
    var requestID: String?
}
