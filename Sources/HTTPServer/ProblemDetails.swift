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

/// JSON string quoting for the few places the server writes JSON itself.
public enum JSONString {
    public static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }
}
