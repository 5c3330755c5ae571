import HTTPServer
import Storage

/// `auth.reads_need_token`: makes every GET (and so HEAD) route of a router demand at least a
/// reader token, except the patterns in `exempt`. Applied to the API's router before the
/// dashboard, `/readyz` and `/metrics` are added, so those stay open (probes and scrapers have no
/// token; the dashboard page itself holds no data, its API calls carry the token).
public enum ReadTokenGate {
    public static func guarded(_ router: Router, store: Store, exempt: Set<String> = ["/healthz"],
                               authFailures: AuthFailureLimiter = AuthFailureLimiter()) -> Router {
        let auth = Authenticator(store: store, failures: authFailures)
        var guarded = Router()
        for route in router.routes {
            guard route.method == .GET, !exempt.contains(route.pattern) else {
                guarded.add(route.method, route.pattern, placement: route.placement, maxBodyBytes: route.maxBodyBytes,
                            route.handler)
                continue
            }
            let handler = route.handler
            guarded.add(route.method, route.pattern, placement: route.placement, maxBodyBytes: route.maxBodyBytes) { request in
                _ = try auth.require(.reader, request)
                return try handler(request)
            }
        }
        return guarded
    }
}
