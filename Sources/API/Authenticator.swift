import Domain
import HTTPServer
import Storage

/// Who is asking: the bearer token of a request, checked for role and region.
struct Authenticator: Sendable {
    let store: Store

    /// The token of a request that needs at least `role`: 401 without a valid token (with
    /// `WWW-Authenticate`), 403 when its role is too low.
    func require(_ role: TokenRole, _ request: HTTPRequest) throws -> TokenRecord {
        guard let header = request.headers["Authorization"] else {
            throw Self.unauthorized("this needs a bearer token: Authorization: Bearer <token>", error: nil)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty, parts[1].utf8.count <= 256 else {
            throw Self.unauthorized("the Authorization header must be: Bearer <token>", error: "invalid_request")
        }
        guard let token = try store.token(secret: String(parts[1])) else {
            throw Self.unauthorized("the token is unknown or revoked", error: "invalid_token")
        }
        guard token.role >= role else {
            throw ProblemDetails(status: .forbidden, detail: "token '\(token.name)' is a \(token.role.rawValue); this needs \(role.rawValue)",
                                 type: "/problems/forbidden")
        }
        return token
    }

    /// Whether a token limited to a region may write `region`: the region itself or any
    /// descendant of it.
    static func may(_ token: TokenRecord, write region: String, catalogue: CatalogueSnapshot) -> Bool {
        guard let limit = token.region else { return true }
        var current: String? = region
        var steps = 0
        while let code = current, steps < 16 {
            if code == limit { return true }
            current = catalogue.regionsByCode[code]?.parent
            steps += 1
        }
        return false
    }

    static func unauthorized(_ detail: String, error: String?) -> ProblemDetails {
        var challenge = #"Bearer realm="zhibiao""#
        if let error { challenge += #", error="\#(error)""# }
        return ProblemDetails(status: .unauthorized, detail: detail, type: "/problems/unauthorized",
                              headers: HTTPHeaders([("WWW-Authenticate", challenge)]))
    }
}
