import Fetching

/// Why a report could not be read or fetched.
public enum ReportFetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a path, nor an http or https URL.
    case unsupportedScheme(String)
    case invalidURL(String)
    case fileUnreadable(path: String, reason: String)
    case tooLarge(source: String, limit: Int)
    case timedOut(source: String, seconds: Double)
    /// The server answered with a status other than 2xx.
    case httpStatus(source: String, status: Int)
    case network(source: String, reason: String)
    /// The URL, or a redirect from it, leads to an address that is not public: nothing was sent.
    case refused(source: String, DestinationRefusal)
    case tooManyRedirects(source: String, limit: Int)

    public var description: String {
        switch self {
        case .unsupportedScheme(let s): return "\(s): only files and http/https URLs can be loaded"
        case .invalidURL(let s): return "\(s): not a valid URL"
        case let .fileUnreadable(path, reason): return "\(path): cannot read: \(reason)"
        case let .tooLarge(source, limit): return "\(source): larger than the limit of \(limit) bytes"
        case let .timedOut(source, seconds): return "\(source): no complete answer within \(Int(seconds)) s"
        case let .httpStatus(source, status): return "\(source): the server answered HTTP \(status)"
        case let .network(source, reason): return "\(source): \(reason)"
        case let .refused(source, refusal):
            return source == refusal.url ? refusal.description : "\(source): redirected to \(refusal.description)"
        case let .tooManyRedirects(source, limit): return "\(source): more than \(limit) redirects"
        }
    }

    /// A fetch error, told about the URL asked for.
    init(_ error: FetchError, source: String) {
        switch error {
        case .invalidURL(let url): self = .invalidURL(url)
        case .unsupportedScheme(let url) where url == source: self = .unsupportedScheme(url)
        case .unsupportedScheme(let url): self = .network(source: source, reason: "redirected to \(url): only http and https are followed")
        case .refused(let refusal): self = .refused(source: source, refusal)
        case .hostNotFound: self = .network(source: source, reason: error.description)
        case .tooLarge(let limit): self = .tooLarge(source: source, limit: limit)
        case .tooManyRedirects(let limit): self = .tooManyRedirects(source: source, limit: limit)
        case .timedOut(let seconds): self = .timedOut(source: source, seconds: seconds)
        case .tls, .network: self = .network(source: source, reason: error.description)
        }
    }
}
