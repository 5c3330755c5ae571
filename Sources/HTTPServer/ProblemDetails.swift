/// An RFC 9457 problem document, the body of every error response (`application/problem+json`).
public struct ProblemDetails: Error, Sendable {
    public var status: HTTPStatus
    public var title: String
    public var detail: String
    /// A URI naming the kind of problem; `about:blank` means the status says it all.
    public var type: String
    /// Extension members (for example `parameter`, `errors`), already encoded as JSON values.
    public var extensions: [(name: String, json: String)]
    public var headers: HTTPHeaders

    public init(status: HTTPStatus, title: String? = nil, detail: String, type: String = "about:blank",
                extensions: [(name: String, json: String)] = [], headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.title = title ?? status.reason
        self.detail = detail
        self.type = type
        self.extensions = extensions
        self.headers = headers
    }

    public var response: HTTPResponse {
        var out = "{\"type\":" + JSONString.quote(type)
            + ",\"title\":" + JSONString.quote(title)
            + ",\"status\":" + String(status.code)
            + ",\"detail\":" + JSONString.quote(detail)
        for (name, json) in extensions {
            out += "," + JSONString.quote(name) + ":" + json
        }
        out += "}"
        var headers = self.headers
        headers.set("Content-Type", "application/problem+json")
        return HTTPResponse(status: status, headers: headers, body: .bytes(Array(out.utf8)))
    }
}

/// JSON string quoting for the few places the server and the API write JSON as text, with the
/// rules `LogCursor` writes log lines by.
public enum JSONString {
    public static func quote(_ s: String) -> String {
        let bytes = [UInt8](unsafeUninitializedCapacity: LogCursor.worstCase(s.utf8.count)) { buffer, count in
            guard let start = buffer.baseAddress else { return }
            var cursor = LogCursor(start)
            cursor.byte(UInt8(ascii: "\""))
            cursor.escaped(s)
            cursor.byte(UInt8(ascii: "\""))
            count = cursor.position - start
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
