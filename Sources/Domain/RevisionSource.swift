/// Where a revision's value came from: an official's token, a span of a loaded document, or the
/// system itself (imports from the command line).
public enum RevisionSource: Sendable, Hashable {
    case user(token: String)
    case document(id: Int64, start: Int, end: Int)
    case system(String)

    /// As the revisions table stores it (a system source's name is kept as its token).
    public var columns: (type: String, token: String?, document: Int64?, start: Int?, end: Int?) {
        switch self {
        case .user(let token): return ("user", token, nil, nil, nil)
        case let .document(id, start, end): return ("document", nil, id, start, end)
        case .system(let who): return ("system", who, nil, nil, nil)
        }
    }

    /// A source as the revisions table stores it (see `columns`).
    public init(type: String, token: String?, document: Int64?, start: Int?, end: Int?) {
        switch type {
        case "document": self = .document(id: document ?? 0, start: start ?? 0, end: end ?? 0)
        case "user": self = .user(token: token ?? "")
        default: self = .system(token ?? "")
        }
    }
}
