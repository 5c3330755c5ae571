import HTTPServer
import ReportLoader
import Storage

/// Every route of the API in one router, each registered once with its spec, the service's
/// middleware around them (`ServiceMiddleware`): what `serve` runs and what the tests exercise.
public enum APIRoutes {
    /// `attentionBelow`: facts of a report whose confidence is lower are marked for review
    /// (`loader.attention_below`). `fetcher`: which hosts `POST /documents {"url": …}` may reach
    /// (`loader.allow_hosts`, `loader.allow_private_networks`). `authFailures`: the one limiter of
    /// failed authentications, shown by `/metrics`. `metrics`: what `/metrics` shows of the
    /// requests, when the service has it.
    public static func router(store: any DataStore, cors: CORSPolicy = CORSPolicy(),
                              importBodyLimit: Int = 512 * 1024 * 1024, maxBodyBytes: Int = 16 * 1024 * 1024,
                              attentionBelow: Double = 0.7, fetcher: ReportFetcher = ReportFetcher(),
                              authFailures: AuthFailureLimiter = AuthFailureLimiter(), readsNeedToken: Bool = false,
                              metrics: RequestMetrics? = nil) -> Router {
        var router = Router()
        for middleware in ServiceMiddleware.chain(store: store, cors: cors, authFailures: authFailures,
                                                  readsNeedToken: readsNeedToken, metrics: metrics) {
            router.use(middleware)
        }
        ReadAPI(store: store).register(in: &router)
        WriteAPI(store: store, importBodyLimit: importBodyLimit, jsonBodyLimit: maxBodyBytes).register(in: &router)
        DocumentAPI(store: store, fetcher: fetcher, attentionBelow: attentionBelow).register(in: &router)
        // The document describes the routes just registered, from their specs, and itself.
        let document = OpenAPIDocument.build(endpoints: router.routes.compactMap { $0.info as? EndpointSpec }
                                                 + [ReadAPI.openAPISpec])
        router.add(ReadAPI.openAPISpec) { request, _ in
            ConditionalGET.respond(request, contentType: "application/json", body: document)
        }
        cors.addPreflightRoutes(to: &router)
        return router
    }
}
