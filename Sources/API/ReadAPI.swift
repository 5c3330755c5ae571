import Domain
import HTTPServer
import Logging
import Storage

/// The public read endpoints dashboards, spreadsheets and curl scripts use. Every handler is
/// short (an indexed query and a byte writer), so they run inline on the event loops; CSV
/// exports without a limit stream from the worker pool.
public struct ReadAPI: Sendable {
    let store: any DataStore
    /// Rows per JSON page when `limit` is not given, and the most a page may hold.
    let defaultLimit = 1000
    let maximumLimit = 10_000

    public init(store: any DataStore) {
        self.store = store
    }

    /// Adds every read route.
    public func register(in router: inout Router) {
        router.add(Self.indicatorsSpec, indicators)
        router.add(Self.indicatorSpec, indicator)
        router.add(Self.seriesSpec, series)
        router.add(Self.crossSectionSpec, crossSection)
        router.add(Self.regionsSpec, regions)
        router.add(Self.regionSpec, region)
        router.add(Self.progressSpec, progress)
        router.add(Self.healthSpec) { _, _ in
            HTTPResponse(status: .ok, contentType: "application/json", body: Array(#"{"status":"ok"}"#.utf8))
        }
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
