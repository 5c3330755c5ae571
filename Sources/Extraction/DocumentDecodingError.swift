/// Why bytes could not be turned into report text.
public enum DocumentDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A format the extractor does not read, named by its media type (application/pdf).
    case unsupportedFormat(String)
    /// Text in neither UTF-8 nor GB18030.
    case undecodableText
    /// Declared as text, but mostly control bytes.
    case notText
    case empty

    public var description: String {
        switch self {
        case .unsupportedFormat(let type): return "unsupported document type: \(type)"
        case .undecodableText: return "text is neither UTF-8 nor GB18030/GBK"
        case .notText: return "the body is declared as text but is mostly control bytes"
        case .empty: return "document is empty"
        }
    }
}
