import Domain
import HTTPServer
import Logging
import Storage

/// The public read endpoints dashboards, spreadsheets and curl scripts use. Every handler is
/// short (an indexed query and a byte writer), so they run inline on the event loops; CSV
/// exports without a limit stream from the worker pool.
public struct ReadAPI: Sendable {
    let store: Store
    let cors: CORSPolicy
    /// Rows per JSON page when `limit` is not given, and the most a page may hold.
    let defaultLimit = 1000
    let maximumLimit = 10_000

    public init(store: Store, cors: CORSPolicy = CORSPolicy()) {
        self.store = store
        self.cors = cors
    }

    /// Adds every read route.
    public func register(in router: inout Router) {
        add(Self.indicatorsSpec, to: &router, indicators)
        add(Self.indicatorSpec, to: &router, indicator)
        add(Self.seriesSpec, to: &router, series)
        add(Self.crossSectionSpec, to: &router, crossSection)
        add(Self.regionsSpec, to: &router, regions)
        add(Self.regionSpec, to: &router, region)
        add(Self.progressSpec, to: &router, progress)
        add(Self.openAPISpec, to: &router) { request, _ in
            ConditionalGET.respond(request, contentType: "application/json", body: OpenAPIDocument.json)
        }
        add(Self.healthSpec, to: &router) { _, _ in
            HTTPResponse(status: .ok, contentType: "application/json", body: Array(#"{"status":"ok"}"#.utf8))
        }
    }

    /// Every endpoint this module serves, for the OpenAPI document.
    static var endpoints: [EndpointSpec] {
        [indicatorsSpec, indicatorSpec, seriesSpec, crossSectionSpec, regionsSpec, regionSpec, progressSpec, openAPISpec,
         healthSpec]
    }

    private func add(_ spec: EndpointSpec, to router: inout Router, placement: HandlerPlacement = .inline,
                     maxBodyBytes: Int? = nil, _ handler: @escaping @Sendable (HTTPRequest, QueryParameters) throws -> HTTPResponse) {
        EndpointRoute.add(spec, to: &router, cors: cors, placement: placement, maxBodyBytes: maxBodyBytes, handler)
    }

    static func problem(for error: StorageError) -> ProblemDetails? {
        switch error {
        case .unknownIndicator(let code): return Problems.notFound("indicator", code, parameter: "indicator")
        case .unknownRegion(let code): return Problems.notFound("region", code, parameter: "region")
        case .notFound(let what): return ProblemDetails(status: .notFound, detail: what, type: "/problems/not-found")
        default: return nil
        }
    }
}
