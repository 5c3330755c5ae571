import Domain
import HTTPServer
import Storage

/// The token an endpoint needs, checked before its handler runs (and, for an upload, before its
/// body is read): the role its spec names for writes, a reader's for every GET when
/// `auth.reads_need_token` (but for open ones like `/healthz`). The handler finds the token in
/// `request.identity` (`request.token()`). Routes without an endpoint spec (the dashboard,
/// `/readyz`, `/metrics`) are not the API's and stay open: probes and scrapers have no token,
/// and the dashboard page holds no data; its API calls carry the token.
enum Authentication {
    static func middleware(_ authenticator: Authenticator, readsNeedToken: Bool) -> Middleware {
        { route, next in
            guard !route.isServerResponse, let spec = route.info as? EndpointSpec,
                  let role = spec.role ?? (readsNeedToken && spec.method == .GET && !spec.open ? .reader : nil)
            else { return next }
            return { request in
                var request = request
                request.identity = try authenticator.require(role, request)
                return try next(request)
            }
        }
    }
}

extension HTTPRequest {
    /// The token `Authentication` found for an endpoint that needs one.
    func token() throws(ProblemDetails) -> TokenRecord {
        guard let token = identity as? TokenRecord else {
            throw Problems.internalError("the endpoint was reached without its token being checked")
        }
        return token
    }
}
