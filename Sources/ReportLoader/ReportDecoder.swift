import Extraction

/// A fetched report's bytes → its text, whatever the format: the one place that knows which
/// formats need more than `DocumentText` (a Word file is a zip; a PDF goes through pdftotext).
public enum ReportDecoder {
    public static func decode(_ report: FetchedReport, pdf: PDFText = PDFText()) throws(DocumentLoadError) -> DecodedDocument {
        let declared = report.contentType?.lowercased() ?? ""
        if PDFText.isPDF(report.bytes) || declared.hasPrefix("application/pdf") {
            guard PDFText.isPDF(report.bytes) else { throw .pdf(.damaged("it does not start with %PDF-")) }
            let text: String
            do {
                text = try pdf.extract(report.bytes)
            } catch {
                throw .pdf(error)
            }
            return try plain(text)
        }
        if DocxText.isZip(report.bytes) {
            // A zip is read as a Word document; its text is then decoded like any text.
            let text: String
            do {
                text = try DocxText.extract(report.bytes)
            } catch {
                throw .decoding(.unsupportedFormat("a .docx whose text cannot be read (\(error.reason))"))
            }
            return try plain(text)
        }
        do {
            return try DocumentText.decode(bytes: report.bytes, contentType: report.contentType)
        } catch {
            throw .decoding(error)
        }
    }

    private static func plain(_ text: String) throws(DocumentLoadError) -> DecodedDocument {
        do {
            return try DocumentText.decode(bytes: Array(text.utf8), contentType: "text/plain; charset=utf-8")
        } catch {
            throw .decoding(error)
        }
    }
}
