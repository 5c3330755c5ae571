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
        if let lastModified { headers.add("Last-Modified", httpDate(lastModified)) }
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

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func httpDate(_ time: Timestamp) -> String {
        var t = time_t(time.microseconds / 1_000_000)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
