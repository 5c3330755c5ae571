import Domain
import Extraction
import HTTPServer
import ReportLoader
import Storage

/// The report loader over HTTP: load a report (uploaded, or fetched from a URL), read what was
/// found, accept or reject its facts (supplying a region or period the report did not say), and
/// map the figures of phrases the catalogue lacks to indicators. Loading runs on the worker
/// pool: decoding, extraction and a URL fetch take far longer than an event loop may be held.
public struct DocumentAPI: Sendable {
    let store: Store
    let cors: CORSPolicy
    let auth: Authenticator
    /// The upload limit of `POST /documents`, and the most a fetched URL may send.
    let maxDocumentBytes: Int
    /// Clients name URLs, never files on the server.
    let fetcher: ReportFetcher
    /// Facts and figures whose confidence is below this are marked `attention: true`.
    let attentionBelow: Double
    let loaders: DocumentLoaderCache

    /// `fetcher`: the destination rules and timeout for `{"url": …}`; whatever it says, the API
    /// never reads files and never fetches more than `maxDocumentBytes`.
    public init(store: Store, cors: CORSPolicy = CORSPolicy(), maxDocumentBytes: Int = 20 * 1024 * 1024,
                fetcher: ReportFetcher = ReportFetcher(), attentionBelow: Double = 0.7,
                authFailures: AuthFailureLimiter = AuthFailureLimiter()) {
        self.store = store
        self.attentionBelow = attentionBelow
        loaders = DocumentLoaderCache(store: store)
        self.cors = cors
        self.auth = Authenticator(store: store, failures: authFailures)
        self.maxDocumentBytes = maxDocumentBytes
        var fetcher = fetcher
        fetcher.allowsFiles = false
        fetcher.maxBytes = maxDocumentBytes
        self.fetcher = fetcher
    }

    public func register(in router: inout Router) {
        // The JSON form ({"url": …}) is tiny, but an upload may be a whole report.
        add(Self.postDocumentSpec, to: &router, placement: .worker, maxBodyBytes: maxDocumentBytes, postDocument)
        add(Self.listDocumentsSpec, to: &router, listDocuments)
        add(Self.getDocumentSpec, to: &router, placement: .worker, getDocument)
        add(Self.acceptFactSpec, to: &router) { request, _ in try review(request, accept: true) }
        add(Self.rejectFactSpec, to: &router) { request, _ in try review(request, accept: false) }
        add(Self.acceptAllSpec, to: &router, placement: .worker, acceptAll)
        add(Self.mapUnmappedSpec, to: &router, mapUnmapped)
        add(Self.rejectUnmappedSpec, to: &router, rejectUnmapped)
        add(Self.createIndicatorSpec, to: &router, createIndicator)
    }

    static var endpoints: [EndpointSpec] {
        [postDocumentSpec, listDocumentsSpec, getDocumentSpec, acceptFactSpec, rejectFactSpec, acceptAllSpec,
         mapUnmappedSpec, rejectUnmappedSpec, createIndicatorSpec]
    }

    private func add(_ spec: EndpointSpec, to router: inout Router, placement: HandlerPlacement = .inline,
                     maxBodyBytes: Int? = nil, _ handler: @escaping @Sendable (HTTPRequest, QueryParameters) throws -> HTTPResponse) {
        EndpointRoute.add(spec, to: &router, cors: cors, placement: placement, maxBodyBytes: maxBodyBytes, handler)
    }

    static func forbidden(_ token: TokenRecord, region: String, _ what: String = "") -> ProblemDetails {
        ProblemDetails(status: .forbidden, detail: "token '\(token.name)' may not write region \(region)\(what)", type: "/problems/forbidden")
    }

    /// Path parameter `{id}` or `{n}` as a positive integer, else 404: no such document or fact.
    static func pathNumber(_ request: HTTPRequest, _ name: String, what: String) throws(ProblemDetails) -> Int64 {
        let text = request.parameters[name] ?? ""
        guard let n = Int64(text), n > 0 else { throw Problems.notFound(what, text) }
        return n
    }
}
