/// The access log as a middleware: one record per response, into the buffer of the event loop
/// the request came in on (see `AccessLogConfiguration`), with the fields the logger's `info`
/// line had. Put it first in the chain, so that it records the answer every other middleware
/// made; it also sees the answers the server makes itself (400, 404, 408 …).
public enum AccessLogMiddleware {
    public static let middleware: Middleware = { _, next in
        { request in
            guard let log = request.accessLog else { return try next(request) }
            let response: HTTPResponse
            do {
                response = try next(request)
            } catch let problem as ProblemDetails {
                log.append(request, status: problem.status.code, bytes: problem.response.bodyCount(for: request))
                throw problem
            } catch {
                // The server answers it with a 500.
                log.append(request, status: HTTPStatus.internalServerError.code, bytes: 0)
                throw error
            }
            log.append(request, status: response.status.code, bytes: response.bodyCount(for: request))
            return response
        }
    }
}

extension HTTPResponse {
    /// The body bytes this response sends in answer to `request`: none for HEAD, 1xx, 204 and
    /// 304, and none counted here for a streamed body.
    func bodyCount(for request: HTTPRequest) -> Int {
        let code = status.code
        guard request.method != .HEAD, code >= 200, code != 204, code != 304, case .bytes(let bytes) = body else { return 0 }
        return bytes.count
    }
}
