import HTTPServer
import Storage

/// The service's middleware, in one place and in order. Each wraps the ones after it and the
/// handler, so the first sees the request first and the response last:
///
/// 1. the access log: a record of every answer, whoever made it (`AccessLogMiddleware`);
/// 2. metrics: each answer counted and timed by route pattern (`RequestMetrics`);
/// 3. CORS: the API's answers, problems included, readable by the origins allowed (`CORSPolicy`);
/// 4. problems: typed errors become problem documents, answers for 3, 2 and 1 (`ProblemMapping`);
/// 5. authentication: the token an endpoint needs, before its handler runs (`Authentication`).
///
/// 3–5 concern the API: they pass over routes without an endpoint spec (the dashboard,
/// `/readyz`, `/metrics`, CORS preflight) and the answers the server makes itself (400, 404,
/// 408 …), which 1 and 2 still see. After 5 comes the endpoint's own adapter (the closure
/// `Router.add(_ spec:…)` registers), which checks the query against the spec (400) and calls
/// the handler.
public enum ServiceMiddleware {
    public static func chain(store: any DataStore, cors: CORSPolicy, authFailures: AuthFailureLimiter, readsNeedToken: Bool,
                             metrics: RequestMetrics?) -> [Middleware] {
        [AccessLogMiddleware.middleware]
            + (metrics.map { [$0.middleware] } ?? [])
            + [cors.middleware, ProblemMapping.middleware,
               Authentication.middleware(Authenticator(store: store, failures: authFailures), readsNeedToken: readsNeedToken)]
    }
}
