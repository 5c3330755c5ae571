import HTTPServer
import ReportLoader
import Storage

/// The API's typed errors as their problem documents (RFC 9457), so that the middleware before
/// it (CORS, metrics, the access log) sees an answer; anything unexpected goes up to the server,
/// which logs it and answers 500.
enum ProblemMapping {
    static let middleware: Middleware = { route, next in
        guard !route.isServerResponse, route.info is EndpointSpec else { return next }
        return { request in
            do {
                return try next(request)
            } catch let problem as ProblemDetails {
                return problem.response
            } catch let error as DocumentLoadError {
                return DocumentAPI.problem(for: error).response
            } catch let error as StorageError {
                guard let problem = WriteAPI.problem(for: error) else { throw error }
                return problem.response
            }
        }
    }
}
