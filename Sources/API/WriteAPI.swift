import Domain
import Foundation
import HTTPServer
import Storage

/// The endpoints officials write through. Every write needs a bearer token; every change is a
/// revision with the token's name; batches are one transaction; nothing is overwritten.
public struct WriteAPI: Sendable {
    let store: Store
    let cors: CORSPolicy
    let auth: Authenticator
    /// The body limit of `POST /observations` (CSV imports), above the server's general one.
    let importBodyLimit: Int
    /// The server's general body limit, which a JSON batch, parsed whole, is held to.
    let jsonBodyLimit: Int
    let maxRows = 2_000_000

    public init(store: Store, cors: CORSPolicy = CORSPolicy(), importBodyLimit: Int = 512 * 1024 * 1024,
                jsonBodyLimit: Int = 16 * 1024 * 1024, authFailures: AuthFailureLimiter = AuthFailureLimiter()) {
        self.store = store
        self.cors = cors
        self.auth = Authenticator(store: store, failures: authFailures)
        self.importBodyLimit = importBodyLimit
        self.jsonBodyLimit = jsonBodyLimit
    }

    public func register(in router: inout Router) {
        add(Self.postObservationsSpec, to: &router, placement: .streamingBody, maxBodyBytes: importBodyLimit, postObservations)
        add(Self.getObservationSpec, to: &router, getObservation)
        add(Self.putObservationSpec, to: &router, putObservation)
        add(Self.deleteObservationSpec, to: &router, deleteObservation)
        add(Self.revisionsSpec, to: &router, revisions)
        add(Self.auditSpec, to: &router, audit)
        add(Self.postIndicatorSpec, to: &router, postIndicator)
        add(Self.postRegionSpec, to: &router, postRegion)
    }

    static var endpoints: [EndpointSpec] {
        [postObservationsSpec, getObservationSpec, putObservationSpec, deleteObservationSpec, revisionsSpec, auditSpec,
         postIndicatorSpec, postRegionSpec]
    }

    private func add(_ spec: EndpointSpec, to router: inout Router, placement: HandlerPlacement = .inline,
                     maxBodyBytes: Int? = nil, _ handler: @escaping @Sendable (HTTPRequest, QueryParameters) throws -> HTTPResponse) {
        EndpointRoute.add(spec, to: &router, cors: cors, placement: placement, maxBodyBytes: maxBodyBytes, handler)
    }

    static func problem(for error: StorageError) -> ProblemDetails? {
        switch error {
        case .staleRevision(let current):
            return ProblemDetails(status: .preconditionFailed,
                                  detail: "the observation changed since you read it; its ETag is now \(current.map { "\"r\($0)\"" } ?? "absent")",
                                  type: "/problems/stale-etag")
        case .conflict(let message):
            return ProblemDetails(status: .conflict, detail: message, type: "/problems/conflict")
        case .invalid(let message):
            return ProblemDetails(status: .unprocessableContent, detail: message, type: "/problems/invalid")
        case let .invalidField(field, reason):
            return DocumentAPI.invalidField(field, reason)
        default:
            return ReadAPI.problem(for: error)
        }
    }

    static func errorJSON(_ locator: ObservationBody.Locator, _ problem: FieldProblem) -> String {
        var json = JSONWriter()
        json.beginObject()
        switch locator {
        case .single: break
        case .index(let i): json.key("index"); json.int(i)
        case .line(let l): json.key("line"); json.int(l)
        }
        json.key("field"); json.string(problem.field)
        json.key("reason"); json.string(problem.reason)
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
    }

    static func json(_ status: HTTPStatus, _ body: [UInt8], headers: [(String, String)] = []) -> HTTPResponse {
        var response = HTTPResponse(status: status, contentType: "application/json", body: body)
        for (name, value) in headers { response.headers.add(name, value) }
        return response
    }
}
