import HTTPServer

/// Which browser origins may read the API. `*` (the default) lets any dashboard read; a list
/// echoes the request's Origin when it is listed.
public struct CORSPolicy: Sendable {
    public var allowedOrigins: [String]

    public init(allowedOrigins: [String] = ["*"]) { self.allowedOrigins = allowedOrigins }

    func allowOrigin(for request: HTTPRequest) -> String? {
        if allowedOrigins.contains("*") { return "*" }
        guard let origin = request.headers["Origin"], allowedOrigins.contains(origin) else { return nil }
        return origin
    }

    /// Adds the CORS headers to the API's answers (see `ServiceMiddleware`).
    var middleware: Middleware {
        { [self] route, next in
            guard !route.isServerResponse, route.info is EndpointSpec else { return next }
            return { request in
                var response = try next(request)
                decorate(&response, for: request)
                return response
            }
        }
    }

    func decorate(_ response: inout HTTPResponse, for request: HTTPRequest) {
        guard let origin = allowOrigin(for: request) else { return }
        response.headers.set("Access-Control-Allow-Origin", origin)
        response.headers.set("Access-Control-Expose-Headers", "ETag, Link, Last-Modified, X-Request-Id")
        if origin != "*" { response.headers.add("Vary", "Origin") }
    }

    /// Adds an `OPTIONS` route answering CORS preflight for every path of the router, with the
    /// methods that path really has. Call it after every other route is registered.
    public func addPreflightRoutes(to router: inout Router) {
        var methods: [String: [HTTPMethod]] = [:]
        var order: [String] = []
        for route in router.routes where route.method != .OPTIONS {
            if methods[route.pattern] == nil { order.append(route.pattern) }
            methods[route.pattern, default: []].append(route.method)
            if route.method == .GET { methods[route.pattern, default: []].append(.HEAD) }
        }
        for pattern in order {
            let allowed = methods[pattern] ?? []
            router.add(.OPTIONS, pattern) { request in self.preflight(request, methods: allowed) }
        }
    }

    /// The answer to a preflight `OPTIONS` for a path that has `methods`.
    func preflight(_ request: HTTPRequest, methods: [HTTPMethod]) -> HTTPResponse {
        var headers = HTTPHeaders()
        let allow = (methods + [.OPTIONS]).map(\.rawValue).joined(separator: ", ")
        headers.add("Allow", allow)
        if let origin = allowOrigin(for: request) {
            headers.add("Access-Control-Allow-Origin", origin)
            headers.add("Access-Control-Allow-Methods", allow)
            headers.add("Access-Control-Allow-Headers", "Authorization, Content-Type, If-None-Match, If-Match, Idempotency-Key, X-Request-Id")
            headers.add("Access-Control-Max-Age", "600")
            if origin != "*" { headers.add("Vary", "Origin") }
        }
        return HTTPResponse(status: .noContent, headers: headers, body: .empty)
    }
}
