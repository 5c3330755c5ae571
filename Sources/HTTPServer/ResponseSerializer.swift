/// Writes a response head into a connection's reused output buffer, so that head and body leave
/// in one `send`.
enum ResponseSerializer {
    enum Framing {
        /// 204, 304 and 1xx: neither body nor length.
        case none
        case length(Int)
        case chunked
    }

    enum ConnectionToken {
        /// HTTP/1.1 keep-alive is the default and needs no header.
        case omitted
        case close
        /// HTTP/1.0 keep-alive must be confirmed.
        case keepAlive
    }

    private static let crlf: [UInt8] = [0x0D, 0x0A]

    static func appendHead(into out: inout [UInt8], status: HTTPStatus, headers: HTTPHeaders, date: [UInt8],
                           serverName: [UInt8], framing: Framing, requestID: String, connection: ConnectionToken) {
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        let code = status.code
        out.append(UInt8(48 + (code / 100) % 10))
        out.append(UInt8(48 + (code / 10) % 10))
        out.append(UInt8(48 + code % 10))
        out.append(0x20)
        out.append(contentsOf: status.reason.utf8)
        out.append(contentsOf: "\r\nDate: ".utf8)
        out.append(contentsOf: date)
        out.append(contentsOf: "\r\nServer: ".utf8)
        out.append(contentsOf: serverName)
        out.append(contentsOf: crlf)
        for field in headers.fields where !isManaged(field.name) && isSafe(field.name) && isSafe(field.value) {
            out.append(contentsOf: field.name.utf8)
            out.append(0x3A)
            out.append(0x20)
            out.append(contentsOf: field.value.utf8)
            out.append(contentsOf: crlf)
        }
        switch framing {
        case .none: break
        case .length(let n):
            out.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(n, into: &out)
            out.append(contentsOf: crlf)
        case .chunked:
            out.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8)
        }
        out.append(contentsOf: "X-Request-Id: ".utf8)
        out.append(contentsOf: requestID.utf8)
        switch connection {
        case .omitted: out.append(contentsOf: "\r\n\r\n".utf8)
        case .close: out.append(contentsOf: "\r\nConnection: close\r\n\r\n".utf8)
        case .keepAlive: out.append(contentsOf: "\r\nConnection: keep-alive\r\n\r\n".utf8)
        }
    }

    static func appendDecimal(_ n: Int, into out: inout [UInt8]) {
        if n < 10 {
            out.append(UInt8(48 + max(0, n)))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = n
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 {
                d[count] = UInt8(48 + v % 10)
                v /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(d[i]) }
        }
    }

    static func appendHex(_ n: Int, into out: inout [UInt8]) {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var shift = 60
        while shift > 0 && (n >> shift) & 0xF == 0 { shift -= 4 }
        while shift >= 0 {
            out.append(digits[(n >> shift) & 0xF])
            shift -= 4
        }
    }

    /// Fields the server sets itself; a handler's copies would contradict the framing.
    static func isManaged(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4: return HTTPHeaders.same(name, "Date")
        case 6: return HTTPHeaders.same(name, "Server")
        case 10: return HTTPHeaders.same(name, "Connection")
        case 12: return HTTPHeaders.same(name, "X-Request-Id")
        case 14: return HTTPHeaders.same(name, "Content-Length")
        case 17: return HTTPHeaders.same(name, "Transfer-Encoding")
        default: return false
        }
    }

    /// CR or LF from a handler would split the response.
    private static func isSafe(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            for byte in bytes where byte <= 0x0D && (byte == 0x0D || byte == 0x0A || byte == 0) { return false }
            return true
        }
    }
}
