import Domain
import Foundation
import HTTPServer

/// Validators for GET responses: a strong ETag from the body's bytes (so it changes exactly when
/// what the client would receive changes, as-of and filters included), `If-None-Match` → 304,
/// `Last-Modified` from the newest revision shown, and `Cache-Control: no-cache` so that caches
/// revalidate every time.
enum ConditionalGET {
    static func respond(_ request: HTTPRequest, contentType: String, body: [UInt8], lastModified: Timestamp? = nil,
                        extraHeaders: [(String, String)] = []) -> HTTPResponse {
        let etag = EntityTag.strong(body)
        var headers = HTTPHeaders()
        headers.add("ETag", etag)
        headers.add("Cache-Control", "no-cache")
        headers.add("Vary", "Accept")
        if let lastModified, let date = httpDate(lastModified) { headers.add("Last-Modified", date) }
        for (name, value) in extraHeaders { headers.add(name, value) }
        if let match = request.headers["If-None-Match"], matches(match, etag) {
            return HTTPResponse(status: .notModified, headers: headers, body: .empty)
        }
        headers.add("Content-Type", contentType)
        return HTTPResponse(status: .ok, headers: headers, body: .bytes(body))
    }

    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { item in
            let tag = item.trimmingSpaces()
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }

    /// IMF-fixdate (RFC 9110 §5.6.7): `Tue, 14 Nov 2023 22:13:29 GMT`; nil for a time whose
    /// year has no four digits (then no Last-Modified is better than a wrong one).
    static func httpDate(_ time: Timestamp) -> String? {
        HTTPDate.string(secondsSince1970: time.microseconds / 1_000_000)
    }
}
