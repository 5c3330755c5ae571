/// Why `zhibiao eval` could not score a document.
public enum EvaluationError: Error, Sendable, CustomStringConvertible {
    case expectedFile(String)
    case document(DocumentDecodingError)

    public var description: String {
        switch self {
        case .expectedFile(let why): return "expected file: \(why)"
        case .document(let e): return "document: \(e)"
        }
    }
}
