import HTTPTestSupport
import Foundation
@testable import HTTPServer
import Testing

@Suite struct ProtocolTests {
    @Test func simpleGetHasServerHeadersAndRequestID() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            let r = try client.get("/hello")
            #expect(r.status == 200)
            #expect(r.text == "hello")
            #expect(r.header("Server") == "zhibiao")
            #expect(r.header("Date")?.hasSuffix(" GMT") == true)
            #expect(r.header("Content-Length") == "5")
            #expect((r.header("X-Request-Id")?.count ?? 0) > 0)
            #expect(r.header("Connection") == nil)
        }
    }

    @Test func requestIDIsEchoedWhenSaneAndReplacedOtherwise() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Request-Id: abc-123\r\n\r\n")
            #expect(try client.readResponse().header("X-Request-Id") == "abc-123")
            let long = String(repeating: "x", count: 201)
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Request-Id: \(long)\r\n\r\n")
            let id = try client.readResponse().header("X-Request-Id")
            #expect(id != nil && id != long)
        }
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            for _ in 0..<20 { #expect(try client.get("/hello").status == 200) }
        }
    }

    @Test func pipelinedRequestsAnswerInOrder() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            var batch = ""
            for i in 0..<10 { batch += "GET /echo-query?i=\(i) HTTP/1.1\r\nHost: t\r\n\r\n" }
            batch += "GET /worker HTTP/1.1\r\nHost: t\r\n\r\nGET /echo-query?i=last HTTP/1.1\r\nHost: t\r\n\r\n"
            try client.send(batch)
            for i in 0..<10 { #expect(try client.readResponse().text == "/echo-query|i=\(i)") }
            #expect(try client.readResponse().text == "from worker")
            #expect(try client.readResponse().text == "/echo-query|i=last")
        }
    }

    @Test func pipelinedLargeResponsesAreAllDeliveredInOrder() throws {
        var router = Router()
        router.get("/block/{n}") { request in
            let n = UInt8(request.parameters["n"].flatMap(Int.init) ?? 0)
            return HTTPResponse(status: .ok, contentType: "application/octet-stream",
                                body: [UInt8](repeating: n, count: 512 * 1024))
        }
        try withServer(router: router) { _, port in
            let client = try TestClient(port: port)
            // 10 MiB of answers to one write: the server must pause instead of buffering them all.
            try client.send((0..<20).map { "GET /block/\($0) HTTP/1.1\r\nHost: t\r\n\r\n" }.joined())
            for n in 0..<20 {
                let r = try client.readResponse()
                #expect(r.body.count == 512 * 1024)
                #expect(r.body.first == UInt8(n) && r.body.last == UInt8(n))
            }
        }
    }

    @Test func connectionCloseIsHonoured() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let r = try client.readResponse()
            #expect(r.status == 200)
            #expect(r.header("Connection") == "close")
            #expect(try client.isClosedByServer())
        }
    }

    @Test func http10ClosesByDefault() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /hello HTTP/1.0\r\n\r\n")
            let r = try client.readResponse()
            #expect(r.status == 200)
            #expect(r.header("Connection") == "close")
            #expect(try client.isClosedByServer())
        }
    }

    @Test func http10KeepAliveIsConfirmed() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            for _ in 0..<3 {
                try client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let r = try client.readResponse()
                #expect(r.status == 200)
                #expect(r.header("Connection") == "keep-alive")
            }
        }
    }

    @Test func contentLengthBodyIsDelivered() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 11\r\n\r\nhello world")
            #expect(try client.readResponse().text == "hello world")
        }
    }

    @Test func chunkedBodyWithExtensionsAndTrailers() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1 ; ext\r\n \r\nA\r\n0123456789\r\n0\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\n")
            #expect(try client.readResponse().text == "hello 0123456789")
            // The connection is still in sync afterwards.
            #expect(try client.get("/hello").text == "hello")
        }
    }

    @Test func headHasGetLengthButNoBody() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let r = try client.readResponse(head: true)
            #expect(r.status == 200)
            #expect(r.header("Content-Length") == "5")
            // The next response must start right away: a stray body would break this.
            #expect(try client.get("/hello").text == "hello")
        }
    }

    @Test func noContentAndNotModifiedHaveNoBody() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            let a = try client.get("/empty")
            #expect(a.status == 204)
            #expect(a.header("Content-Length") == nil)
            let b = try client.get("/not-modified")
            #expect(b.status == 304)
            #expect(b.header("ETag") == "\"x\"")
            #expect(try client.get("/hello").text == "hello")
        }
    }

    @Test func expectContinueSendsContinueThenReadsBody() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            #expect(try client.readResponse().status == 100)
            try client.send("data")
            let r = try client.readResponse()
            #expect(r.status == 200)
            #expect(r.text == "data")
        }
    }

    @Test func expectContinueWithTooLargeBodyGets413Instead() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n")
            let r = try client.readResponse()
            #expect(r.status == 413)
            #expect(r.header("Content-Type") == "application/problem+json")
            #expect(try client.isClosedByServer())
        }
    }

    @Test func absoluteFormTarget() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET http://example.org:8080/echo-query?a=1 HTTP/1.1\r\nHost: example.org:8080\r\n\r\n")
            #expect(try client.readResponse().text == "/echo-query|a=1")
        }
    }

    @Test func percentDecodingOfChineseAndPlus() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            let r = try client.get("/echo-query?region=%E4%B8%B4%E5%AE%89&q=a+b%2Bc")
            #expect(r.text == "/echo-query|region=临安&q=a b+c")
            let p = try client.get("/indicators/rd%20x/observations/%E4%B8%B4%E5%AE%89/2021%2F22")
            #expect(p.text == "rd x|临安|2021/22")
        }
    }

    @Test func routeParametersAndLiteralPrecedence() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            #expect(try client.get("/indicators/a/observations/b/c").text == "a|b|c")
            #expect(try client.get("/indicators/special/observations/x/y").text == "literal")
            #expect(try client.get("/indicators/special/observations/x/z").text == "special|x|z")
            #expect(try client.get("/indicators/a/observations/b/c/").status == 404)
            #expect(try client.get("/indicators/a/observations/b").status == 404)
            #expect(try client.get("/hello/").status == 404)
        }
    }

    @Test func handlerErrorsBecomeProblems() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            let a = try client.get("/fail")
            #expect(a.status == 500)
            #expect(a.header("Content-Type") == "application/problem+json")
            #expect(a.text.contains("\"status\":500"))
            let b = try client.get("/teapot")
            #expect(b.status == 418)
            #expect(b.text.contains("short and stout"))
        }
    }

    @Test func workerPlacementRunsOffTheLoop() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            for _ in 0..<5 { #expect(try client.get("/worker").text == "from worker") }
        }
    }

    @Test func streamingBodyIsChunked() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            let r = try client.get("/stream")
            #expect(r.status == 200)
            #expect(r.header("Transfer-Encoding") == "chunked")
            #expect(r.header("Content-Length") == nil)
            let expected = (0..<100).map { "line \($0)\n" }.joined()
            #expect(r.text == expected)
            #expect(try client.get("/hello").text == "hello")
            try client.send("HEAD /stream HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse(head: true).header("Transfer-Encoding") == "chunked")
            #expect(try client.get("/hello").text == "hello")
        }
    }

    @Test func streamingToHTTP10IsCloseDelimited() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /stream HTTP/1.0\r\n\r\n")
            let r = try client.readResponse()
            #expect(r.header("Transfer-Encoding") == nil)
            #expect(r.text.hasPrefix("line 0\nline 1\n"))
            #expect(r.text.hasSuffix("line 99\n"))
        }
    }

    @Test func halfClosedClientStillGetsItsResponse() throws {
        try withServer(router: standardRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            client.finishSending()
            #expect(try client.readResponse().text == "hello")
            #expect(try client.isClosedByServer())
        }
    }
}
