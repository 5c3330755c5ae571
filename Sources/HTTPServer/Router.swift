/// A route handler. Handlers are synchronous: short ones run on the event loop that read the
/// request; ones registered with `.worker` or `.streamingBody` run on the bounded worker pool.
/// Throwing a `ProblemDetails` sends it; any other error becomes a logged 500.
public typealias HTTPHandler = @Sendable (HTTPRequest) throws -> HTTPResponse

/// Where a handler runs.
public enum HandlerPlacement: Sendable {
    /// On the event loop thread: for handlers that finish in well under a millisecond.
    case inline
    /// On the worker pool: for handlers that may block (document loading, bulk imports).
    case worker
    /// On the worker pool as soon as the request head is in, with the body still unread: the
    /// handler reads it from `request.bodyStream` as it arrives (`request.body` stays empty), so
    /// an upload of hundreds of MiB is never held whole. The head is checked first as for any
    /// route (404, 405, 413 for a `Content-Length` over `maxBodyBytes`). A `100 Continue` the
    /// client waits for goes out with the handler's first read, so a handler that refuses the
    /// request (401, 415) spares the client the upload. A handler that leaves part of the body
    /// unread gets its response sent with `Connection: close`.
    case streamingBody
}

public struct Route: Sendable {
    public let method: HTTPMethod
    /// `/indicators/{code}/observations`: literal segments and `{name}` parameters.
    public let pattern: String
    public let placement: HandlerPlacement
    /// Request body limit for this route; nil means `HTTPServerConfiguration.maxBodyBytes`.
    public let maxBodyBytes: Int?
    /// What the application registers with the route for its middleware (see `RouteDescription`).
    public let info: (any Sendable)?
    public let handler: HTTPHandler

    public init(method: HTTPMethod, pattern: String, placement: HandlerPlacement = .inline, maxBodyBytes: Int? = nil,
                info: (any Sendable)? = nil, handler: @escaping HTTPHandler) {
        self.method = method
        self.pattern = pattern
        self.placement = placement
        self.maxBodyBytes = maxBodyBytes
        self.info = info
        self.handler = handler
    }

    var description: RouteDescription { RouteDescription(method: method, pattern: pattern, info: info) }
}

/// Maps method and path to a handler, through the middleware. Paths that match a pattern under
/// another method get 405 with `Allow`; no match gets a problem+json 404.
public struct Router: Sendable {
    public private(set) var routes: [Route] = []
    /// Around every route and every answer the server makes itself, the first the outermost.
    public private(set) var middleware: [Middleware] = []

    public init() {}

    /// Patterns are literal segments and `{name}` parameters; a parameter matches one non-empty
    /// segment. A literal wins over a parameter at the same position.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, placement: HandlerPlacement = .inline,
                             maxBodyBytes: Int? = nil, info: (any Sendable)? = nil, _ handler: @escaping HTTPHandler) {
        routes.append(Route(method: method, pattern: pattern, placement: placement, maxBodyBytes: maxBodyBytes, info: info,
                            handler: handler))
    }

    /// Adds a middleware around every route, registered before or after, and around the answers
    /// the server makes itself (400, 404, 405, 408, 413, 503). Order matters: the first added
    /// sees the request first and the response last.
    public mutating func use(_ middleware: @escaping Middleware) {
        self.middleware.append(middleware)
    }

    public mutating func get(_ pattern: String, placement: HandlerPlacement = .inline, maxBodyBytes: Int? = nil,
                             _ handler: @escaping HTTPHandler) {
        add(.GET, pattern, placement: placement, maxBodyBytes: maxBodyBytes, handler)
    }

    public mutating func post(_ pattern: String, placement: HandlerPlacement = .inline, maxBodyBytes: Int? = nil,
                              _ handler: @escaping HTTPHandler) {
        add(.POST, pattern, placement: placement, maxBodyBytes: maxBodyBytes, handler)
    }

    public mutating func put(_ pattern: String, placement: HandlerPlacement = .inline, maxBodyBytes: Int? = nil,
                             _ handler: @escaping HTTPHandler) {
        add(.PUT, pattern, placement: placement, maxBodyBytes: maxBodyBytes, handler)
    }

    public mutating func delete(_ pattern: String, placement: HandlerPlacement = .inline, maxBodyBytes: Int? = nil,
                                _ handler: @escaping HTTPHandler) {
        add(.DELETE, pattern, placement: placement, maxBodyBytes: maxBodyBytes, handler)
    }
}
