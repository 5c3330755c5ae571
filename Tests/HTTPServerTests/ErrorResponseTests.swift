import HTTPTestSupport
import Foundation
@testable import HTTPServer
import Testing

@Suite struct ErrorResponseTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var request: String
        var status: Int
        /// Framing errors must close the connection after the response.
        var closes: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "missing Host", request: "GET /hello HTTP/1.1\r\n\r\n", status: 400, closes: true),
        Case(name: "duplicate Host", request: "GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", status: 400, closes: true),
        Case(name: "CL and TE", request: "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
             status: 400, closes: true),
        Case(name: "differing CL", request: "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
             status: 400, closes: true),
        Case(name: "differing CL list", request: "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 4\r\n\r\nabcd",
             status: 400, closes: true),
        Case(name: "invalid CL", request: "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\nabc", status: 400, closes: true),
        Case(name: "unknown transfer coding", request: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
             status: 501, closes: true),
        Case(name: "chunked not last", request: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
             status: 400, closes: true),
        Case(name: "space before colon", request: "GET /hello HTTP/1.1\r\nHost : a\r\n\r\n", status: 400, closes: true),
        Case(name: "obs-fold", request: "GET /hello HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n", status: 400, closes: true),
        Case(name: "bad chunk size", request: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
             status: 400, closes: true),
        Case(name: "chunk without CRLF", request: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n",
             status: 400, closes: true),
        Case(name: "garbage request line", request: "HELLO\r\n\r\n", status: 400, closes: true),
        Case(name: "two spaces", request: "GET  /hello HTTP/1.1\r\nHost: a\r\n\r\n", status: 400, closes: true),
        Case(name: "bare LF", request: "GET /hello HTTP/1.1\nHost: a\n\n", status: 400, closes: true),
        Case(name: "invalid header name byte", request: "GET /hello HTTP/1.1\r\nHost: a\r\nX(y): 1\r\n\r\n", status: 400, closes: true),
        Case(name: "CTL in header value", request: "GET /hello HTTP/1.1\r\nHost: a\r\nX-A: a\u{01}b\r\n\r\n", status: 400, closes: true),
        Case(name: "HTTP/2.0", request: "GET /hello HTTP/2.0\r\nHost: a\r\n\r\n", status: 505, closes: true),
        Case(name: "HTTP/1.2", request: "GET /hello HTTP/1.2\r\nHost: a\r\n\r\n", status: 505, closes: true),
        Case(name: "unknown method", request: "BREW /hello HTTP/1.1\r\nHost: a\r\n\r\n", status: 501, closes: true),
        Case(name: "invalid percent escape", request: "GET /hello%zz HTTP/1.1\r\nHost: a\r\n\r\n", status: 400, closes: true),
        Case(name: "invalid UTF-8", request: "GET /echo-query?r=%E4%B8 HTTP/1.1\r\nHost: a\r\n\r\n", status: 400, closes: true),
        Case(name: "URI too long", request: "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: a\r\n\r\n",
             status: 414, closes: true),
        Case(name: "header section too large",
             request: "GET /hello HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "b", count: 17000) + "\r\n\r\n",
             status: 431, closes: true),
        Case(name: "too many headers",
             request: "GET /hello HTTP/1.1\r\nHost: a\r\n" + (0..<101).map { "X-\($0): 1\r\n" }.joined() + "\r\n",
             status: 431, closes: true),
        Case(name: "body too large by CL", request: "POST /small HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n",
             status: 413, closes: true),
        Case(name: "body too large chunked",
             request: "POST /small HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\nghijkl\r\n0\r\n\r\n",
             status: 413, closes: true),
        Case(name: "unsupported expectation", request: "GET /hello HTTP/1.1\r\nHost: a\r\nExpect: magic\r\n\r\n",
             status: 417, closes: true),
        Case(name: "not found keeps alive", request: "GET /nothing HTTP/1.1\r\nHost: a\r\n\r\n", status: 404, closes: false),
        Case(name: "not found with body keeps alive", request: "POST /nothing HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc",
             status: 404, closes: false),
        Case(name: "method not allowed", request: "PUT /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
             status: 405, closes: false),
        Case(name: "QUERY is known: 405, not 501", request: "QUERY /hello HTTP/1.1\r\nHost: a\r\n\r\n",
             status: 405, closes: false),
    ]

    @Test(arguments: cases)
    func errorStatusIsProblemJSON(_ c: Case) throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send(c.request)
            let r = try client.readResponse()
            #expect(r.status == c.status)
            #expect(r.header("Content-Type") == "application/problem+json")
            #expect(r.text.contains("\"status\":\(c.status)"))
            if c.closes {
                #expect(r.header("Connection") == "close")
                #expect(try client.isClosedByServer())
            } else {
                #expect(try client.get("/hello").text == "hello")
            }
        }
    }

    @Test func methodNotAllowedListsAllowedMethods() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /indicators/a/observations/b/c HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")
            let r = try client.readResponse()
            #expect(r.status == 405)
            #expect(r.header("Allow") == "DELETE, GET, HEAD")
        }
    }
}
