import HTTPServer

extension Router {
    /// Registers an endpoint the same way for every API module: with its spec, which the API's
    /// middleware reads (the token it needs, see `ServiceMiddleware`) and the OpenAPI document
    /// is made from, and a handler that gets the query checked against the spec (anything not
    /// listed is a 400).
    mutating func add(_ spec: EndpointSpec, placement: HandlerPlacement = .inline, maxBodyBytes: Int? = nil,
                      _ handler: @escaping @Sendable (HTTPRequest, QueryParameters) throws -> HTTPResponse) {
        add(spec.method, spec.path, placement: placement, maxBodyBytes: maxBodyBytes, info: spec) { request in
            try handler(request, try QueryParameters(request, spec: spec))
        }
    }
}
