import Domain

/// Why a PDF gave no text to extract from.
public enum PDFTextError: Error, Sendable, Equatable, CustomStringConvertible {
    /// pdftotext is not installed: the server's setup, not the document.
    case toolMissing(String)
    case encrypted
    /// Pages, but no text on them: a scan, which would need OCR.
    case noTextLayer(pages: Int)
    /// Cut short: no end-of-file marker.
    case truncated
    /// pdftotext could not read it; its first message.
    case damaged(String)
    case timedOut(seconds: Double)
    case tooMuchText(limit: Int)
    /// The conversion could not run (temporary file, spawn).
    case failed(String)

    public var description: String {
        switch self {
        case .toolMissing(let tool):
            return "PDF reports need \(tool) from poppler-utils, which is not installed (apt-get install poppler-utils)"
        case .encrypted: return "the PDF is encrypted with a password"
        case .noTextLayer(let pages):
            return "the PDF has no text layer (\(pages) page\(pages == 1 ? "" : "s") of images, as scanned): it would need OCR"
        case .truncated: return "the PDF is truncated (no %%EOF at its end)"
        case .damaged(let message): return "the PDF is damaged: \(message)"
        case .timedOut(let seconds): return "reading the PDF took longer than \(NumberText.format(seconds)) s"
        case .tooMuchText(let limit): return "the PDF's text is larger than \(limit) bytes"
        case .failed(let reason): return "the PDF could not be read: \(reason)"
        }
    }
}
