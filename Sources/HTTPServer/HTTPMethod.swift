/// A request method. The server answers 501 for any method not in `known`, and 405 (with
/// `Allow`) for a known one that the path's routes do not have.
public struct HTTPMethod: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let GET = HTTPMethod("GET")
    public static let HEAD = HTTPMethod("HEAD")
    public static let POST = HTTPMethod("POST")
    public static let PUT = HTTPMethod("PUT")
    public static let PATCH = HTTPMethod("PATCH")
    public static let DELETE = HTTPMethod("DELETE")
    public static let OPTIONS = HTTPMethod("OPTIONS")
    public static let TRACE = HTTPMethod("TRACE")
    public static let CONNECT = HTTPMethod("CONNECT")
    /// The safe method with a body (RFC 9110 registry): known, so a route without it answers 405.
    public static let QUERY = HTTPMethod("QUERY")

    /// Every method the server knows, most frequent first (the parser tries them in this order).
    public static let all: [HTTPMethod] = [.GET, .POST, .HEAD, .PUT, .DELETE, .PATCH, .OPTIONS, .TRACE, .CONNECT, .QUERY]
    public static let known = Set(all)
}
