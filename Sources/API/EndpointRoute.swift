import HTTPServer
import ReportLoader
import Storage

/// Registers an endpoint the same way for every API module: the query is checked against the
/// spec, typed errors become their problem documents (anything unexpected goes up to the
/// server, which logs it and answers 500), and the CORS headers are added.
enum EndpointRoute {
    static func add(_ spec: EndpointSpec, to router: inout Router, cors: CORSPolicy, placement: HandlerPlacement = .inline,
                    maxBodyBytes: Int? = nil,
                    _ handler: @escaping @Sendable (HTTPRequest, QueryParameters) throws -> HTTPResponse) {
        router.add(spec.method, spec.path, placement: placement, maxBodyBytes: maxBodyBytes) { request in
            var response: HTTPResponse
            do {
                response = try handler(request, try QueryParameters(request, spec: spec))
            } catch let problem as ProblemDetails {
                response = problem.response
            } catch let error as DocumentLoadError {
                response = DocumentAPI.problem(for: error).response
            } catch let error as StorageError {
                guard let problem = WriteAPI.problem(for: error) else { throw error }
                response = problem.response
            }
            cors.decorate(&response, for: request)
            return response
        }
    }
}
