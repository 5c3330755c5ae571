import Domain
import Foundation
import HTTPServer
import Storage

/// The endpoints officials write through. Every write needs a bearer token; every change is a
/// revision with the token's name; batches are one transaction; nothing is overwritten.
public struct WriteAPI: Sendable {
    let store: any DataStore
    /// The body limit of `POST /observations` (CSV imports), above the server's general one.
    let importBodyLimit: Int
    /// The server's general body limit, which a JSON batch, parsed whole, is held to.
    let jsonBodyLimit: Int
    let maxRows = 2_000_000

    public init(store: any DataStore, importBodyLimit: Int = 512 * 1024 * 1024,
                jsonBodyLimit: Int = 16 * 1024 * 1024) {
        self.store = store
        self.importBodyLimit = importBodyLimit
        self.jsonBodyLimit = jsonBodyLimit
    }

    public func register(in router: inout Router) {
        router.add(Self.postObservationsSpec, placement: .streamingBody, maxBodyBytes: importBodyLimit, postObservations)
        router.add(Self.getObservationSpec, getObservation)
        router.add(Self.putObservationSpec, putObservation)
        router.add(Self.deleteObservationSpec, deleteObservation)
        router.add(Self.revisionsSpec, revisions)
        router.add(Self.auditSpec, audit)
        router.add(Self.postIndicatorSpec, postIndicator)
        router.add(Self.postRegionSpec, postRegion)
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
