/// A request the parser refuses. The connection answers with `problem` and then closes, since
/// after a framing error the next message boundary is unknown.
struct HTTPParseError: Error, Sendable {
    var status: HTTPStatus
    var detail: String

    init(_ status: HTTPStatus, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    var problem: ProblemDetails { ProblemDetails(status: status, detail: detail) }
}
