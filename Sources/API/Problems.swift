import HTTPServer

/// The API's problem documents (RFC 9457). `type` URIs are relative to the service.
enum Problems {
    static func badParameter(_ name: String, _ reason: String) -> ProblemDetails {
        ProblemDetails(status: .badRequest, title: "Invalid parameter", detail: "\(name): \(reason)",
                       type: "/problems/invalid-parameter",
                       extensions: [("parameter", JSONString.quote(name)), ("reason", JSONString.quote(reason))])
    }

    static func notFound(_ what: String, _ code: String, parameter: String? = nil) -> ProblemDetails {
        var extensions: [(name: String, json: String)] = []
        if let parameter { extensions.append(("parameter", JSONString.quote(parameter))) }
        return ProblemDetails(status: .notFound, title: "Not found", detail: "no \(what) '\(code)'",
                              type: "/problems/not-found", extensions: extensions)
    }

    static func notAcceptable(_ accept: String) -> ProblemDetails {
        ProblemDetails(status: .notAcceptable, detail: "cannot answer with \(accept); available: application/json, text/csv",
                       type: "/problems/not-acceptable")
    }

    static func internalError(_ detail: String) -> ProblemDetails {
        ProblemDetails(status: .internalServerError, detail: detail, type: "/problems/internal")
    }
}
