import HTTPServer
import ReportLoader
import Storage

/// Every route of the service in one router: what `serve` runs and what the tests exercise.
public enum APIRoutes {
    /// `attentionBelow`: facts of a report whose confidence is lower are marked for review
    /// (`loader.attention_below`). `fetcher`: which hosts `POST /documents {"url": …}` may reach
    /// (`loader.allow_hosts`, `loader.allow_private_networks`). `authFailures`: the one limiter of
    /// failed authentications, shared with `ReadTokenGate` and shown by `/metrics`.
    public static func router(store: Store, cors: CORSPolicy = CORSPolicy(),
                              importBodyLimit: Int = 512 * 1024 * 1024, maxBodyBytes: Int = 16 * 1024 * 1024,
                              attentionBelow: Double = 0.7, fetcher: ReportFetcher = ReportFetcher(),
                              authFailures: AuthFailureLimiter = AuthFailureLimiter()) -> Router {
        var router = Router()
        ReadAPI(store: store, cors: cors).register(in: &router)
        WriteAPI(store: store, cors: cors, importBodyLimit: importBodyLimit, jsonBodyLimit: maxBodyBytes, authFailures: authFailures)
            .register(in: &router)
        DocumentAPI(store: store, cors: cors, fetcher: fetcher, attentionBelow: attentionBelow, authFailures: authFailures)
            .register(in: &router)
        cors.addPreflightRoutes(to: &router)
        return router
    }
}
