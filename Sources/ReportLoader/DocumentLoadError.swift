import Extraction
import Storage

/// Why a report could not be loaded.
public enum DocumentLoadError: Error, Sendable, CustomStringConvertible {
    case fetch(ReportFetchError)
    /// Not text or HTML we can read; names the type.
    case decoding(DocumentDecodingError)
    /// A PDF without text to read: encrypted, scanned, damaged, or pdftotext missing.
    case pdf(PDFTextError)
    /// The caller's region is not in the catalogue.
    case unknownRegion(String)
    case storage(StorageError)

    public var description: String {
        switch self {
        case .fetch(let e): return e.description
        case .decoding(let e): return e.description
        case .pdf(let e): return e.description
        case .unknownRegion(let code): return "region '\(code)' is not in the catalogue"
        case .storage(let e): return e.description
        }
    }
}
