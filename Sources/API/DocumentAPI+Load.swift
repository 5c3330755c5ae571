import Domain
import Extraction
import Fetching
import HTTPServer
import ReportLoader
import Storage

extension DocumentAPI {
    /// `POST /documents`: the report itself as the body, or `{"url": "https://…"}` to fetch it.
    func postDocument(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let token = try auth.require(.editor, request)
        let dryRun = try p.bool("dry_run")
        let year = try p.int("year", in: Period.earliestYear...9999)
        let region = try p.string("region")
        let catalogue = try store.catalogue()
        if let region {
            guard catalogue.regionsByCode[region] != nil else { throw Self.unknownRegion(region) }
            guard Authenticator.may(token, write: region, catalogue: catalogue) else {
                throw ProblemDetails(status: .forbidden, detail: "token '\(token.name)' may not load reports for region \(region)",
                                     type: "/problems/forbidden")
            }
        }
        guard !request.body.isEmpty else {
            throw ProblemDetails(status: .badRequest, detail: "the body is empty: send the report (text/plain, text/html, application/pdf) or {\"url\": …}",
                                 type: "/problems/empty-body")
        }
        let contentType = request.headers["Content-Type"]
        let mediaType = request.headers.mediaType
        let loader = try loaders.loader()
        let report: LoadReport
        if mediaType == "application/json" {
            let url = try Self.url(in: request.body)
            do {
                report = try loader.load(from: url, fetcher: fetcher, region: region, year: year, loadedBy: token.name,
                                         dryRun: dryRun)
            } catch {
                switch error {
                case .pdf(let pdf):
                    // A PDF behind a URL is the URL's document: the problem names `url`, not the body.
                    throw Self.unreadablePDF(pdf, field: "url")
                case .fetch(.refused(let source, let refusal)):
                    try auditRefusal(source: source, refusal, token: token, requestID: request.requestID)
                    throw error
                default:
                    throw error
                }
            }
        } else {
            // PDF and Word are read; the decoder refuses other binaries by type and by magic
            // bytes, with a message that names the type; text of an unnamed type is sniffed.
            guard mediaType.isEmpty || mediaType.hasPrefix("text/") || Self.decoderNamed.contains(where: mediaType.hasPrefix)
            else { throw Self.unsupported(mediaType) }
            let fetched = FetchedReport(source: "upload", bytes: request.body, contentType: contentType)
            report = try loader.load(fetched, region: region, year: year, loadedBy: token.name, dryRun: dryRun)
        }
        var json = JSONWriter(capacity: 1024 + (report.facts.count + report.unmapped.count) * 500)
        json.beginObject()
        json.key("dry_run"); json.bool(dryRun)
        json.key("created"); json.bool(report.created)
        json.key("document")
        DocumentEncoding.document(report, into: &json)
        json.key("facts")
        json.beginArray()
        for fact in report.facts { DocumentEncoding.fact(fact, attentionBelow: attentionBelow, into: &json) }
        json.endArray()
        // Apart from the facts: figures of phrases the catalogue lacks, for mapping in review.
        json.key("unmapped")
        json.beginArray()
        for figure in report.unmapped { DocumentEncoding.unmapped(figure, attentionBelow: attentionBelow, into: &json) }
        json.endArray()
        json.key("skipped")
        json.beginArray()
        for skip in report.skipped { DocumentEncoding.skipped(skip, into: &json) }
        json.endArray()
        json.endObject()
        var response = WriteAPI.json(report.created ? .created : .ok, json.bytes)
        if let id = report.documentID { response.headers.add("Location", "/documents/\(id)") }
        return response
    }

    /// A refused URL is an attempt to reach inside: kept in the audit log with what it resolved to.
    private func auditRefusal(source: String, _ refusal: DestinationRefusal, token: TokenRecord, requestID: String) throws {
        try store.write { tx in
            try tx.audit(action: "document.fetch_refused", entity: "url", token: token.name,
                         detail: ["url": source, "refused_url": refusal.url, "host": refusal.host,
                                  "address": refusal.address.description, "range": refusal.range.description,
                                  "redirects": String(refusal.redirects)],
                         requestID: requestID.isEmpty ? nil : requestID)
        }
    }

    /// Types the decoder itself recognises (HTML, or binaries it refuses with a precise name).
    static let decoderNamed = ["application/xhtml+xml", "application/pdf", "application/msword",
                               "application/vnd.openxmlformats", "application/octet-stream"]

    /// The `url` of a JSON body: an http or https URL, else a 422 naming the field.
    static func url(in body: [UInt8]) throws(ProblemDetails) -> String {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw ProblemDetails(status: .badRequest, detail: "the body is not valid JSON at byte \(error.offset): \(error.reason)",
                                 type: "/problems/invalid-json")
        }
        guard case .object(let members) = value else {
            throw invalidField("url", "send a JSON object {\"url\": \"https://…\"}, not \(value.typeName)")
        }
        if let other = members.first(where: { $0.0 != "url" }) {
            throw invalidField(other.0, "unknown field; the JSON body takes only url")
        }
        guard let member = members.first(where: { $0.0 == "url" }) else { throw invalidField("url", "is required") }
        guard case .string(let url) = member.1 else { throw invalidField("url", "must be a string, not \(member.1.typeName)") }
        let lower = url.lowercased()
        guard url.utf8.count <= 4096, lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw invalidField("url", "must be an http:// or https:// URL of at most 4096 bytes")
        }
        return url
    }

    static func invalidField(_ field: String, _ reason: String) -> ProblemDetails {
        ProblemDetails(status: .unprocessableContent, detail: "\(field): \(reason)", type: "/problems/invalid-field",
                       extensions: [("field", JSONString.quote(field)), ("reason", JSONString.quote(reason))])
    }

    /// The parameter is well formed; what it names is missing: 422, as for a body field.
    static func unknownRegion(_ code: String) -> ProblemDetails {
        var problem = Problems.badParameter("region", "'\(code)' is not a region in the catalogue")
        problem.status = .unprocessableContent
        return problem
    }

    static func unsupported(_ type: String) -> ProblemDetails {
        ProblemDetails(status: .unsupportedMediaType,
                       detail: "unsupported document type: \(type); send text/plain (UTF-8 or GB18030), text/html, application/pdf, a Word .docx, or application/json with a url",
                       type: "/problems/unsupported-media-type", extensions: [("content_type", JSONString.quote(type))])
    }

    /// A PDF we cannot read is the client's document (422 naming where it came from), except when
    /// this server lacks pdftotext or cannot run it, which is ours.
    static func unreadablePDF(_ error: PDFTextError, field: String) -> ProblemDetails {
        switch error {
        case .toolMissing:
            return ProblemDetails(status: .notImplemented, detail: error.description, type: "/problems/pdf-reader-missing")
        case .failed:
            return Problems.internalError(error.description)
        case .encrypted, .noTextLayer, .truncated, .damaged, .timedOut, .tooMuchText:
            return ProblemDetails(status: .unprocessableContent, detail: "\(field): \(error.description)",
                                  type: "/problems/unreadable-pdf",
                                  extensions: [("field", JSONString.quote(field)), ("reason", JSONString.quote(error.description))])
        }
    }

    static func problem(for error: DocumentLoadError) -> ProblemDetails {
        switch error {
        case .decoding(.unsupportedFormat(let type)):
            return unsupported(type)
        case .decoding(.empty):
            return ProblemDetails(status: .badRequest, detail: "the document is empty", type: "/problems/empty-body")
        case .decoding(let error):
            return ProblemDetails(status: .unprocessableContent, detail: error.description, type: "/problems/undecodable-text")
        case .pdf(let pdf):
            return unreadablePDF(pdf, field: "body")
        case .unknownRegion(let code):
            return unknownRegion(code)
        case .fetch(let fetch):
            switch fetch {
            case .tooLarge:
                return ProblemDetails(status: .unprocessableContent, detail: fetch.description, type: "/problems/url-too-large",
                                      extensions: [("field", JSONString.quote("url"))])
            case .unsupportedScheme, .invalidURL:
                return invalidField("url", fetch.description)
            case .refused(let source, let refusal):
                // The address and its range are for the audit log: a caller who may name URLs
                // should not learn what internal names resolve to.
                let hop = refusal.redirects == 0 ? "" : " after \(refusal.redirects) redirect\(refusal.redirects == 1 ? "" : "s")"
                let reason = DestinationRefusal.reason
                return ProblemDetails(status: .unprocessableContent,
                                      detail: "url: \(source)\(hop): \(reason); only public addresses are fetched",
                                      type: "/problems/url-refused",
                                      extensions: [("field", JSONString.quote("url")), ("reason", JSONString.quote(reason))])
            case .timedOut, .httpStatus, .network, .fileUnreadable, .tooManyRedirects:
                // The URL is the client's input: a host that does not resolve or answer, or a page
                // that is missing, is a 422 naming the field, not a 5xx of ours.
                return ProblemDetails(status: .unprocessableContent, detail: fetch.description, type: "/problems/url-fetch-failed",
                                      extensions: [("field", JSONString.quote("url"))])
            }
        case .storage(let storage):
            return WriteAPI.problem(for: storage) ?? Problems.internalError("could not store the document")
        }
    }
}
