import Glibc

/// Incremental HTTP/1.1 request parser over bytes (RFC 9112, strict).
///
/// The caller keeps unconsumed bytes and passes them again with more appended; the parser
/// consumes only whole units (a head, a chunk-size line, a trailer line) except body data,
/// which it takes as it comes. After `.head` the caller decides the body limit (it depends on
/// the route) and calls `beginBody`.
///
/// A streamed body (`RequestBodyStream`) runs through the same state machine: its reader takes
/// the decoded bytes with `takeBody` after every `parse`, so `body` never holds more than one read.
struct RequestParser {
    struct Limits: Sendable {
        var maxRequestLineBytes: Int
        var maxHeaderBytes: Int
        var maxHeaderCount: Int
    }

    enum Event {
        case needMore
        case head(RequestHead)
        case bodyComplete
        case error(HTTPParseError)
    }

    private enum State {
        case head
        case awaitingBodyDecision
        case body(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case failed
    }

    let limits: Limits
    private var state: State = .head
    // Head scanning progress, relative to the start of the unconsumed bytes, so that a head
    // arriving in many small reads is scanned once.
    private var scanned = 0
    private var headStart = 0
    private var lineStart = 0
    private var requestLineEnd = -1
    private var bodyLimit = Int.max
    private var received = 0
    private var trailerBytes = 0
    private(set) var body: [UInt8] = []

    static let maxChunkLineBytes = 4096

    init(limits: Limits) { self.limits = limits }

    /// True when no part of a request has been consumed or scanned.
    var isBetweenRequests: Bool {
        if case .head = state { return scanned == 0 }
        return false
    }

    var isReadingBody: Bool {
        switch state {
        case .body, .chunkSize, .chunkData, .chunkDataEnd, .trailers: return true
        default: return false
        }
    }

    /// `streaming`: the caller takes the body piece by piece, so no room is reserved for all of it.
    mutating func beginBody(_ framing: RequestHead.Framing, limit: Int, streaming: Bool = false) {
        bodyLimit = limit
        received = 0
        switch framing {
        case .none: state = .head
        case .length(let n):
            if !streaming { body.reserveCapacity(min(n, 1 << 20)) }
            state = n == 0 ? .head : .body(remaining: n)
        case .chunked: state = .chunkSize
        }
    }

    mutating func takeBody() -> [UInt8] {
        defer { body = [] }
        return body
    }

    mutating func parse(_ bytes: [UInt8]) -> (consumed: Int, event: Event) {
        bytes.withUnsafeBytes { parse($0) }
    }

    mutating func parse(_ buf: UnsafeRawBufferPointer) -> (consumed: Int, event: Event) {
        switch state {
        case .head: return parseHead(buf)
        case .awaitingBodyDecision: return (0, .needMore)
        case .failed: return (0, .error(HTTPParseError(.badRequest, "The connection is unusable after an error.")))
        default: return parseBody(buf)
        }
    }

    private mutating func fail(_ status: HTTPStatus, _ detail: String) -> Event {
        state = .failed
        return .error(HTTPParseError(status, detail))
    }

    // MARK: head

    private mutating func parseHead(_ buf: UnsafeRawBufferPointer) -> (consumed: Int, event: Event) {
        guard let base = buf.baseAddress, buf.count > 0 else { return (0, .needMore) }
        var pos = scanned
        while pos < buf.count {
            guard let hit = memchr(base + pos, 0x0A, buf.count - pos) else { break }
            let lf = UnsafeRawPointer(hit) - base
            // Size limits first, so the outcome does not depend on how the bytes were split.
            if requestLineEnd < 0 && lf - headStart > limits.maxRequestLineBytes + 1 {
                return (0, fail(.uriTooLong, "The request line exceeds \(limits.maxRequestLineBytes) bytes."))
            }
            if requestLineEnd >= 0 && lf - requestLineEnd > limits.maxHeaderBytes + 2 {
                return (0, fail(.headerFieldsTooLarge, "The header section exceeds \(limits.maxHeaderBytes) bytes."))
            }
            if lf == 0 || buf[lf - 1] != 0x0D { return (0, fail(.badRequest, "Lines must end with CRLF.")) }
            let emptyLine = lf - 1 == lineStart
            if requestLineEnd < 0 {
                if emptyLine {
                    // RFC 9112 §2.2: empty lines before the request line are ignored.
                    headStart = lf + 1
                    if headStart > limits.maxRequestLineBytes {
                        return (0, fail(.badRequest, "Too many empty lines before the request line."))
                    }
                } else {
                    requestLineEnd = lf
                }
            } else if emptyLine {
                let result = parseHeadSection(buf, end: lf + 1)
                resetHeadScan()
                switch result {
                case .success(let head):
                    state = .awaitingBodyDecision
                    return (lf + 1, .head(head))
                case .failure(let error):
                    state = .failed
                    return (0, .error(error))
                }
            }
            lineStart = lf + 1
            pos = lf + 1
        }
        scanned = buf.count
        if requestLineEnd < 0 {
            if buf.count - headStart > limits.maxRequestLineBytes + 1 {
                return (0, fail(.uriTooLong, "The request line exceeds \(limits.maxRequestLineBytes) bytes."))
            }
        } else if buf.count - requestLineEnd > limits.maxHeaderBytes + 2 {
            return (0, fail(.headerFieldsTooLarge, "The header section exceeds \(limits.maxHeaderBytes) bytes."))
        }
        return (0, .needMore)
    }

    private mutating func resetHeadScan() {
        scanned = 0
        headStart = 0
        lineStart = 0
        requestLineEnd = -1
    }

    private static let knownMethods: [([UInt8], HTTPMethod)] = HTTPMethod.all.map { (Array($0.rawValue.utf8), $0) }

    private func parseHeadSection(_ buf: UnsafeRawBufferPointer, end: Int) -> Result<RequestHead, HTTPParseError> {
        let bad = { (detail: String) in Result<RequestHead, HTTPParseError>.failure(HTTPParseError(.badRequest, detail)) }
        // Request line: method SP target SP version.
        let lineEnd = requestLineEnd - 1
        var p = headStart
        while p < lineEnd && ByteClass.isTchar(buf[p]) { p += 1 }
        guard p > headStart, p < lineEnd, buf[p] == 0x20 else { return bad("Malformed request line.") }
        let methodRange = headStart..<p
        p += 1
        let targetStart = p
        while p < lineEnd && buf[p] > 0x20 && buf[p] < 0x7F { p += 1 }
        guard p > targetStart, p < lineEnd, buf[p] == 0x20 else { return bad("Malformed request line.") }
        let targetRange = targetStart..<p
        p += 1
        guard lineEnd - p == 8, ByteClass.equals(buf, p..<p + 5, "HTTP/"),
              ByteClass.isDigit(buf[p + 5]), buf[p + 6] == 0x2E, ByteClass.isDigit(buf[p + 7])
        else { return bad("Malformed HTTP version.") }
        let major = Int(buf[p + 5] - 0x30), minor = Int(buf[p + 7] - 0x30)
        guard major == 1, minor <= 1 else {
            return .failure(HTTPParseError(.httpVersionNotSupported, "Only HTTP/1.0 and HTTP/1.1 are supported."))
        }
        guard let method = Self.knownMethods.first(where: { ByteClass.equals(buf, methodRange, $0.0) })?.1 else {
            return .failure(HTTPParseError(.notImplemented, "Unknown request method."))
        }
        if method == .CONNECT {
            return .failure(HTTPParseError(.notImplemented, "CONNECT is not supported."))
        }

        // Header fields.
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(8)
        var hostCount = 0
        var contentLength: Int? = nil
        var transferEncoding: [[UInt8]] = []
        var sawTransferEncoding = false
        var close = false, keepAliveToken = false, expectContinue = false
        var requestID: String? = nil
        var ls = requestLineEnd + 1
        let sectionEnd = end - 2
        while ls < sectionEnd {
            var lf = ls
            while buf[lf] != 0x0A { lf += 1 }
            let le = lf - 1
            let field: (name: Range<Int>, value: Range<Int>)
            switch ByteClass.fieldLine(buf, ls..<le) {
            case .success(let f): field = f
            case .failure(let e): return .failure(e)
            }
            if headers.count >= limits.maxHeaderCount {
                return .failure(HTTPParseError(.headerFieldsTooLarge, "More than \(limits.maxHeaderCount) header fields."))
            }
            let nameRange = field.name, valueRange = field.value
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: buf[nameRange]), as: UTF8.self)
            let value = String(decoding: UnsafeRawBufferPointer(rebasing: buf[valueRange]), as: UTF8.self)
            headers.append((name, value))
            switch nameRange.count {
            case 4 where ByteClass.equalsIgnoringCase(buf, nameRange, "host"):
                hostCount += 1
            case 14 where ByteClass.equalsIgnoringCase(buf, nameRange, "content-length"):
                var invalid = false
                ByteClass.forEachListElement(buf, valueRange) { r in
                    guard !r.isEmpty, r.count <= 15, r.allSatisfy({ ByteClass.isDigit(buf[$0]) }) else {
                        invalid = true
                        return
                    }
                    var n = 0
                    for i in r { n = n * 10 + Int(buf[i] - 0x30) }
                    if let cl = contentLength, cl != n { invalid = true }
                    contentLength = n
                }
                if invalid || contentLength == nil { return bad("Invalid or conflicting Content-Length.") }
            case 17 where ByteClass.equalsIgnoringCase(buf, nameRange, "transfer-encoding"):
                sawTransferEncoding = true
                ByteClass.forEachListElement(buf, valueRange) { r in
                    if r.isEmpty { return }
                    var coding = r
                    if let semi = r.firstIndex(where: { buf[$0] == 0x3B }) { coding = r.lowerBound..<semi }
                    while let last = coding.last, buf[last] == 0x20 || buf[last] == 0x09 {
                        coding = coding.lowerBound..<last
                    }
                    transferEncoding.append(coding.map { ByteClass.lower(buf[$0]) })
                }
            case 10 where ByteClass.equalsIgnoringCase(buf, nameRange, "connection"):
                ByteClass.forEachListElement(buf, valueRange) { r in
                    if ByteClass.equalsIgnoringCase(buf, r, "close") { close = true }
                    if ByteClass.equalsIgnoringCase(buf, r, "keep-alive") { keepAliveToken = true }
                }
            case 6 where ByteClass.equalsIgnoringCase(buf, nameRange, "expect"):
                guard ByteClass.equalsIgnoringCase(buf, valueRange, "100-continue") else {
                    return .failure(HTTPParseError(.expectationFailed, "Only 100-continue is supported."))
                }
                expectContinue = true
            case 12 where ByteClass.equalsIgnoringCase(buf, nameRange, "x-request-id"):
                if valueRange.count <= 200, valueRange.allSatisfy({ buf[$0] > 0x20 && buf[$0] < 0x7F }) {
                    requestID = value
                }
            default:
                break
            }
            ls = lf + 1
        }

        if hostCount > 1 { return bad("More than one Host header field.") }
        if hostCount == 0 && minor == 1 { return bad("HTTP/1.1 requests need a Host header field.") }

        var framing = RequestHead.Framing.none
        if sawTransferEncoding {
            if contentLength != nil { return bad("Both Content-Length and Transfer-Encoding are present.") }
            let chunked = Array("chunked".utf8)
            for coding in transferEncoding where coding != chunked {
                return .failure(HTTPParseError(.notImplemented, "Unsupported transfer coding."))
            }
            guard transferEncoding.count == 1 else { return bad("Transfer-Encoding must be exactly chunked.") }
            framing = .chunked
        } else if let contentLength, contentLength > 0 {
            framing = .length(contentLength)
        }

        // Target: origin-form, absolute-form, or `*` for OPTIONS.
        var pathStart = targetRange.lowerBound
        let targetEnd = targetRange.upperBound
        if targetRange.contains(where: { buf[$0] == 0x23 }) { return bad("A request target has no fragment.") }
        if buf[pathStart] == 0x2F {
            // origin-form
        } else if let schemeEnd = ByteClass.absoluteFormSchemeEnd(buf, targetRange) {
            pathStart = schemeEnd
            while pathStart < targetEnd && buf[pathStart] != 0x2F && buf[pathStart] != 0x3F { pathStart += 1 }
            if pathStart == schemeEnd { return bad("Absolute-form target without a host.") }
        } else if targetRange.count == 1 && buf[pathStart] == 0x2A && method == .OPTIONS {
            // asterisk-form: no path to route.
        } else {
            return bad("Malformed request target.")
        }
        var queryStart = pathStart
        while queryStart < targetEnd && buf[queryStart] != 0x3F { queryStart += 1 }
        let pathRange = pathStart..<queryStart

        var segments: [String] = []
        var path: String
        if pathRange.isEmpty {
            path = "/"
        } else if buf[pathStart] != 0x2F {
            path = "*"
        } else {
            var segStart = pathStart + 1
            if segStart < queryStart {
                var i = segStart
                while i <= queryStart {
                    if i == queryStart || buf[i] == 0x2F {
                        guard let s = PercentDecoding.decode(UnsafeRawBufferPointer(rebasing: buf[segStart..<i]),
                                                             plusAsSpace: false)
                        else { return bad("Invalid percent-encoding or UTF-8 in the path.") }
                        segments.append(s)
                        segStart = i + 1
                    }
                    i += 1
                }
            }
            if pathRange.contains(where: { buf[$0] == 0x25 }) {
                path = "/" + segments.joined(separator: "/")
            } else {
                path = String(decoding: UnsafeRawBufferPointer(rebasing: buf[pathRange]), as: UTF8.self)
            }
        }

        var query: [(name: String, value: String)] = []
        if queryStart < targetEnd {
            var start = queryStart + 1
            var i = start
            while i <= targetEnd {
                if i == targetEnd || buf[i] == 0x26 {
                    if i > start {
                        var eq = start
                        while eq < i && buf[eq] != 0x3D { eq += 1 }
                        guard let name = PercentDecoding.decode(UnsafeRawBufferPointer(rebasing: buf[start..<eq]),
                                                                plusAsSpace: true),
                              let value = PercentDecoding.decode(
                                UnsafeRawBufferPointer(rebasing: buf[(eq < i ? eq + 1 : i)..<i]), plusAsSpace: true)
                        else { return bad("Invalid percent-encoding or UTF-8 in the query.") }
                        query.append((name, value))
                    }
                    start = i + 1
                }
                i += 1
            }
        }

        let target = String(decoding: UnsafeRawBufferPointer(rebasing: buf[targetRange]), as: UTF8.self)
        // HTTP/1.0 with Transfer-Encoding has faulty framing by RFC 9112 §6.1: serve it, then close.
        let keepAlive = minor == 1 ? !close : (keepAliveToken && !close && !sawTransferEncoding)
        return .success(RequestHead(method: method, target: target, path: path, segments: segments, query: query,
                                    version: (major, minor), headers: HTTPHeaders(headers), framing: framing,
                                    keepAlive: keepAlive, expectContinue: expectContinue, requestID: requestID))
    }

    // MARK: body

    private mutating func parseBody(_ buf: UnsafeRawBufferPointer) -> (consumed: Int, event: Event) {
        var pos = 0
        let count = buf.count
        while true {
            switch state {
            case .body(let remaining):
                let n = min(remaining, count - pos)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: buf[pos..<pos + n]))
                pos += n
                if remaining == n {
                    state = .head
                    return (pos, .bodyComplete)
                }
                state = .body(remaining: remaining - n)
                return (pos, .needMore)

            case .chunkSize:
                guard let lf = ByteClass.find(0x0A, buf, from: pos) else {
                    if count - pos > Self.maxChunkLineBytes { return (pos, fail(.badRequest, "Chunk size line too long.")) }
                    return (pos, .needMore)
                }
                guard lf > pos, buf[lf - 1] == 0x0D, lf - pos <= Self.maxChunkLineBytes else {
                    return (pos, fail(.badRequest, "Malformed chunk size line."))
                }
                let le = lf - 1
                var i = pos
                var size = 0
                while i < le, let d = PercentDecoding.hex(buf[i]) {
                    if i - pos >= 15 { return (pos, fail(.badRequest, "Chunk size too large.")) }
                    size = size << 4 | Int(d)
                    i += 1
                }
                if i == pos { return (pos, fail(.badRequest, "Malformed chunk size.")) }
                while i < le && (buf[i] == 0x20 || buf[i] == 0x09) { i += 1 }
                if i < le {
                    // chunk-ext: accepted and ignored, but it must not smuggle control bytes.
                    guard buf[i] == 0x3B, (i..<le).allSatisfy({ buf[$0] == 0x09 || (buf[$0] >= 0x20 && buf[$0] != 0x7F) })
                    else { return (pos, fail(.badRequest, "Malformed chunk extension.")) }
                }
                pos = lf + 1
                if size == 0 {
                    trailerBytes = 0
                    state = .trailers
                } else {
                    if size > bodyLimit - received {
                        return (pos, fail(.contentTooLarge, "The request body exceeds \(bodyLimit) bytes."))
                    }
                    received += size
                    state = .chunkData(remaining: size)
                }

            case .chunkData(let remaining):
                let n = min(remaining, count - pos)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: buf[pos..<pos + n]))
                pos += n
                if remaining == n {
                    state = .chunkDataEnd
                } else {
                    state = .chunkData(remaining: remaining - n)
                    return (pos, .needMore)
                }

            case .chunkDataEnd:
                if count - pos < 2 { return (pos, .needMore) }
                guard buf[pos] == 0x0D, buf[pos + 1] == 0x0A else {
                    return (pos, fail(.badRequest, "Chunk data not followed by CRLF."))
                }
                pos += 2
                state = .chunkSize

            case .trailers:
                guard let lf = ByteClass.find(0x0A, buf, from: pos) else {
                    if trailerBytes + count - pos > limits.maxHeaderBytes {
                        return (pos, fail(.headerFieldsTooLarge, "Trailer section too large."))
                    }
                    return (pos, .needMore)
                }
                if trailerBytes + lf + 1 - pos > limits.maxHeaderBytes {
                    return (pos, fail(.headerFieldsTooLarge, "Trailer section too large."))
                }
                guard lf > pos, buf[lf - 1] == 0x0D else { return (pos, fail(.badRequest, "Lines must end with CRLF.")) }
                if lf - 1 == pos {
                    state = .head
                    return (lf + 1, .bodyComplete)
                }
                if case .failure(let e) = ByteClass.fieldLine(buf, pos..<lf - 1) {
                    state = .failed
                    return (pos, .error(e))
                }
                trailerBytes += lf + 1 - pos
                pos = lf + 1

            case .head, .awaitingBodyDecision, .failed:
                return (pos, .needMore)
            }
        }
    }
}
