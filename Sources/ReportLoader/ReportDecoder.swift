import Extraction

/// A fetched report's bytes → its text, whatever the format: the one place that knows which
/// formats need more than `DocumentText` (a Word file is a zip).
public enum ReportDecoder {
    public static func decode(_ report: FetchedReport) throws(DocumentDecodingError) -> DecodedDocument {
        if DocxText.isZip(report.bytes) {
            // A zip is read as a Word document; its text is then decoded like any text.
            let text: String
            do {
                text = try DocxText.extract(report.bytes)
            } catch {
                throw .unsupportedFormat("a .docx whose text cannot be read (\(error.reason))")
            }
            return try DocumentText.decode(bytes: Array(text.utf8), contentType: "text/plain; charset=utf-8")
        }
        return try DocumentText.decode(bytes: report.bytes, contentType: report.contentType)
    }
}
