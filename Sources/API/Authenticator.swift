import Domain
import HTTPServer
import Storage

/// Who is asking: the bearer token of a request, checked for role and region.
struct Authenticator: Sendable {
    let store: Store
    /// Shared by every route of the service, so that failures add up per address.
    let failures: AuthFailureLimiter

    /// The token of a request that needs at least `role`: 401 without a valid token (with
    /// `WWW-Authenticate`), 429 instead once its address has failed too often, 403 when its role
    /// is too low. A request without a token is not a failed attempt and is not counted.
    func require(_ role: TokenRole, _ request: HTTPRequest) throws -> TokenRecord {
        guard let header = request.headers["Authorization"] else {
            throw Self.unauthorized("this needs a bearer token: Authorization: Bearer <token>", error: nil)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty, parts[1].utf8.count <= 256 else {
            throw failure(request, Self.unauthorized("the Authorization header must be: Bearer <token>", error: "invalid_request"))
        }
        let now = Timestamp.now()
        let token: TokenRecord
        switch try store.lookUpToken(secret: String(parts[1]), at: now) {
        case .active(let active):
            token = active
        case .expired(let expired):
            let when = expired.expiresAt?.rfc3339 ?? "?"
            throw failure(request, Self.unauthorized("the token '\(expired.name)' expired at \(when)", error: "invalid_token"))
        case .unknown:
            throw failure(request, Self.unauthorized("the token is unknown or revoked", error: "invalid_token"))
        }
        store.noteTokenUse(token, at: now)
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

    /// The 401 of a failed attempt, or a 429 once the address is over the limit.
    private func failure(_ request: HTTPRequest, _ unauthorized: ProblemDetails) -> ProblemDetails {
        guard let seconds = failures.fail(from: request.remoteAddress) else { return unauthorized }
        return ProblemDetails(status: .tooManyRequests,
                              detail: "too many failed authentications from this address; try again in \(seconds) s",
                              type: "/problems/too-many-failed-authentications",
                              headers: HTTPHeaders([("Retry-After", String(seconds))]))
    }

    static func unauthorized(_ detail: String, error: String?) -> ProblemDetails {
        var challenge = #"Bearer realm="zhibiao""#
        if let error { challenge += #", error="\#(error)""# }
        return ProblemDetails(status: .unauthorized, detail: detail, type: "/problems/unauthorized",
                              headers: HTTPHeaders([("WWW-Authenticate", challenge)]))
    }
}
