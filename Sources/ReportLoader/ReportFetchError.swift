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

    public var description: String {
        switch self {
        case .unsupportedScheme(let s): return "\(s): only files and http/https URLs can be loaded"
        case .invalidURL(let s): return "\(s): not a valid URL"
        case let .fileUnreadable(path, reason): return "\(path): cannot read: \(reason)"
        case let .tooLarge(source, limit): return "\(source): larger than the limit of \(limit) bytes"
        case let .timedOut(source, seconds): return "\(source): no complete answer within \(Int(seconds)) s"
        case let .httpStatus(source, status): return "\(source): the server answered HTTP \(status)"
        case let .network(source, reason): return "\(source): \(reason)"
        }
    }
}
