import HTTPServer

/// The small JSON bodies of the review endpoints (`{"region": …, "period": …}`,
/// `{"indicator": …, "as": …}`). An empty body is an empty object, so that a bare POST keeps
/// working; a member not in `allowed` and a member of the wrong type are 422s naming the field.
struct ReviewBody {
    private let members: [(String, JSONValue)]

    init(_ request: HTTPRequest, allowed: [String]) throws(ProblemDetails) {
        guard !request.body.isEmpty else {
            members = []
            return
        }
        guard request.headers.mediaType == "application/json" else {
            throw ProblemDetails(status: .unsupportedMediaType, detail: "send application/json (or no body)",
                                 type: "/problems/unsupported-media-type")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(request.body)
        } catch {
            throw ProblemDetails(status: .badRequest, detail: "the body is not valid JSON at byte \(error.offset): \(error.reason)",
                                 type: "/problems/invalid-json")
        }
        guard case .object(let members) = value else {
            throw DocumentAPI.invalidField(allowed.first ?? "body", "send a JSON object with \(allowed.joined(separator: ", ")), not \(value.typeName)")
        }
        if let other = members.first(where: { !allowed.contains($0.0) }) {
            throw DocumentAPI.invalidField(other.0, "unknown field; this body takes \(allowed.joined(separator: ", "))")
        }
        self.members = members
    }

    /// A text member; absent, null and "" are nil.
    func text(_ name: String) throws(ProblemDetails) -> String? {
        switch members.first(where: { $0.0 == name })?.1 {
        case nil, .null?: return nil
        case .string(let s)?:
            guard s.utf8.count <= 200 else { throw DocumentAPI.invalidField(name, "longer than 200 bytes") }
            return s.isEmpty ? nil : s
        case let other?: throw DocumentAPI.invalidField(name, "must be a string, not \(other.typeName)")
        }
    }
}
