import Dashboard
import Foundation
import HTTPServer
import HTTPTestSupport
import Logging
import Testing

/// A real server on a loopback port serving only the dashboard routes.
final class DashboardFixture {
    static let assetsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Dashboard/Assets")

    let server: HTTPServer

    init() throws {
        var router = Router()
        DashboardRoutes.register(in: &router)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.eventLoopThreads = 1
        configuration.workerThreads = 1
        server = try HTTPServer(configuration: configuration, router: router, logger: logger)
        try server.start()
    }

    deinit {
        server.shutdown()
        server.wait()
    }

    func get(_ target: String, headers: [String: String] = [:], method: String = "GET") throws -> TestResponse {
        let client = try TestClient(port: server.localPort)
        var request = "\(method) \(target) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request += "\(name): \(value)\r\n" }
        try client.send(request + "\r\n")
        return try client.readResponse(head: method == "HEAD")
    }

    static func file(_ name: String) throws -> String {
        try String(contentsOf: assetsFolder.appendingPathComponent(name), encoding: .utf8)
    }
}

@Suite struct DashboardTests {
    @Test func rootServesTheHTMLPageWithItsHeaders() throws {
        let f = try DashboardFixture()
        let response = try f.get("/")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        #expect(response.header("Cache-Control") == "no-cache")
        let etag = try #require(response.header("ETag"))
        #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count == 18)
        let csp = try #require(response.header("Content-Security-Policy"))
        #expect(csp.contains("default-src 'self'"))
        #expect(csp.contains("script-src 'self'") && csp.contains("style-src 'self'"))
        #expect(!csp.contains("unsafe-inline") && !csp.contains("http:") && !csp.contains("https:"))
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        #expect(response.text.hasPrefix("<!doctype html>"))
        #expect(response.text.contains("<script src=\"/assets/app.js\" defer></script>"))
    }

    @Test(arguments: [("app.js", "text/javascript; charset=utf-8"), ("app.css", "text/css; charset=utf-8"),
                      ("favicon.svg", "image/svg+xml; charset=utf-8")])
    func assetsAreServed(name: String, contentType: String) throws {
        let f = try DashboardFixture()
        let response = try f.get("/assets/\(name)")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == contentType)
        #expect(response.header("Cache-Control") == "no-cache")
        #expect(response.header("ETag") != nil)
        #expect(response.header("Content-Security-Policy") != nil)
        #expect(response.text == (try DashboardFixture.file(name)))
    }

    @Test func unknownAssetIs404() throws {
        let f = try DashboardFixture()
        #expect(try f.get("/assets/nope.js").status == 404)
        #expect(try f.get("/assets/index.html").status == 404)
    }

    @Test func ifNoneMatchGets304() throws {
        let f = try DashboardFixture()
        for path in ["/", "/assets/app.js", "/assets/app.css"] {
            let first = try f.get(path)
            let etag = try #require(first.header("ETag"))
            let again = try f.get(path, headers: ["If-None-Match": etag])
            #expect(again.status == 304, "\(path)")
            #expect(again.body.isEmpty)
            #expect(again.header("ETag") == etag)
            #expect(try f.get(path, headers: ["If-None-Match": "W/\(etag), \"other\""]).status == 304)
            #expect(try f.get(path, headers: ["If-None-Match": "\"0000000000000000\""]).status == 200)
        }
    }

    @Test func headIsAnsweredWithoutBody() throws {
        let f = try DashboardFixture()
        let response = try f.get("/", method: "HEAD")
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
    }

    /// The embedded copies are exactly the files: run scripts/embed-dashboard.sh after editing one.
    @Test func embeddedCopiesEqualTheFiles() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: DashboardFixture.assetsFolder.path)
            .filter { !$0.hasPrefix(".") }.sorted()
        #expect(Set(names) == Set(DashboardRoutes.assets.keys))
        for name in names {
            let embedded = try #require(DashboardRoutes.assets[name])
            #expect(embedded.bytes == Array(try DashboardFixture.file(name).utf8),
                    "\(name) differs from its embedded copy: run scripts/embed-dashboard.sh")
        }
    }

    /// Everything the page loads, uncompressed, stays under 200 KB.
    @Test func pageWeightIsUnder200KB() throws {
        let f = try DashboardFixture()
        var total = try f.get("/").body.count
        for name in ["app.js", "app.css", "favicon.svg"] { total += try f.get("/assets/\(name)").body.count }
        #expect(total < 200 * 1024, "page weight \(total) bytes")
    }

    /// Every input and select has a label, in the page and among the controls app.js creates.
    @Test func everyControlHasALabel() throws {
        let html = try DashboardFixture.file("index.html")
        let labelled = Set(matches(#"<label[^>]*\sfor="([^"]+)""#, in: html))
        let controls = matches(#"<(?:input|select|textarea)\b[^>]*\sid="([^"]+)""#, in: html)
        #expect(controls.count == matches(#"<(?:input|select|textarea)\b"#, in: html, group: 0).count, "a control without an id")
        #expect(!controls.isEmpty)
        for id in controls { #expect(labelled.contains(id), "no <label for=\"\(id)\">") }

        let js = try DashboardFixture.file("app.js")
        let jsLabels = Set(matches(#"h\('label', \{ for: '([^']+)'"#, in: js))
        let jsControls = matches(#"h\('(?:input|select|textarea)', \{ id: '([^']+)'"#, in: js)
        #expect(jsControls.count == matches(#"h\('(?:input|select|textarea)'"#, in: js, group: 0).count,
                "a control created in app.js without a literal id")
        for id in jsControls { #expect(jsLabels.contains(id), "app.js creates #\(id) without a label") }
    }

    /// Basic validity: doctype, lang, charset, viewport, title; every non-void element closed in
    /// order; ids unique; no inline script or style (the CSP would block them).
    @Test func htmlIsWellFormed() throws {
        let html = try DashboardFixture.file("index.html")
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"zh-CN\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<meta name=\"viewport\""))
        #expect(matches(#"<title>([^<]+)</title>"#, in: html).count == 1)
        let void: Set<String> = ["meta", "link", "input", "br", "img", "hr", "source", "area", "base", "col", "wbr"]
        var stack: [String] = []
        for tag in matches(#"<(/?[a-zA-Z][a-zA-Z0-9]*)"#, in: html) {
            if tag.hasPrefix("/") {
                let name = String(tag.dropFirst()).lowercased()
                #expect(stack.last == name, "</\(name)> closes <\(stack.last ?? "nothing")>")
                if stack.last == name { stack.removeLast() }
            } else if !void.contains(tag.lowercased()) {
                stack.append(tag.lowercased())
            }
        }
        #expect(stack.isEmpty, "unclosed: \(stack)")
        let ids = matches(#"\sid="([^"]+)""#, in: html)
        #expect(ids.count == Set(ids).count, "duplicate ids")
        #expect(!html.contains("style=") && !html.contains("<style"))
        #expect(matches(#"<script\b[^>]*>[^<]+</script>"#, in: html, group: 0).isEmpty, "inline script")
        #expect(!html.contains("http://") && !html.contains("https://"), "no external resources")
    }

    func matches(_ pattern: String, in text: String, group: Int = 1) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: group)) }
    }
}
