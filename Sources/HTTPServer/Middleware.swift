/// A step around a handler: it may answer in the handler's place (a 401), change the request on
/// the way in (who it speaks for) or the response on the way out (CORS headers), or watch both
/// (the access log, metrics). Given the route it wraps and the handler to call next, it returns
/// the handler to run instead. The server builds each route's chain once, when it starts
/// (`Router.use`), so a request pays for the calls and nothing else.
public typealias Middleware = @Sendable (_ route: RouteDescription, _ next: @escaping HTTPHandler) -> HTTPHandler

/// What a middleware knows about the handler it wraps, when the chain is built.
public struct RouteDescription: Sendable {
    /// The route's method and pattern (`/indicators/{code}`); nil when the server answers a
    /// request that matched no route (404, 405) or could not be read (400, 408).
    public let method: HTTPMethod?
    public let pattern: String?
    /// What the application registered with the route, for its own middleware to read (the
    /// API registers its endpoint's spec).
    public let info: (any Sendable)?
    /// The handler is the server's own answer to a request it refused before any handler could
    /// run (400, 404, 405, 408, 413, 503), not the application's.
    public let isServerResponse: Bool

    public init(method: HTTPMethod?, pattern: String?, info: (any Sendable)? = nil, isServerResponse: Bool = false) {
        self.method = method
        self.pattern = pattern
        self.info = info
        self.isServerResponse = isServerResponse
    }
}

extension Array where Element == Middleware {
    /// The handler wrapped in every middleware, the first the outermost.
    func wrapping(_ handler: @escaping HTTPHandler, for route: RouteDescription) -> HTTPHandler {
        reversed().reduce(handler) { next, middleware in middleware(route, next) }
    }
}
