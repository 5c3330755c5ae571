/// Why a URL could not be fetched.
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidURL(String)
    /// Not http or https: the URL asked for, or where a redirect pointed.
    case unsupportedScheme(String)
    /// The address a request would have connected to is not public; no connection was made.
    case refused(DestinationRefusal)
    case hostNotFound(String)
    case tooLarge(limit: Int)
    case tooManyRedirects(limit: Int)
    case timedOut(seconds: Double)
    /// TLS failed, a certificate that does not verify among the causes.
    case tls(String)
    case network(String)

    public var description: String {
        switch self {
        case .invalidURL(let url): return "\(url): not a valid URL"
        case .unsupportedScheme(let url): return "\(url): only http and https URLs are fetched"
        case .refused(let refusal): return refusal.description
        case .hostNotFound(let host): return "the host \(host) is unknown"
        case .tooLarge(let limit): return "larger than the limit of \(limit) bytes"
        case .tooManyRedirects(let limit): return "more than \(limit) redirects"
        case .timedOut(let seconds): return "no complete answer within \(Int(seconds)) s"
        case .tls(let reason): return "TLS failed: \(reason)"
        case .network(let reason): return reason
        }
    }
}
