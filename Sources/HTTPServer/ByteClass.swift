import Glibc

/// Byte-level predicates of RFC 9110/9112 grammar, used by the parser without making Strings.
enum ByteClass {
    private static let tcharTable: [Bool] = (0..<256).map { b in
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return "!#$%&'*+-.^_`|~".utf8.contains(UInt8(b))
        }
    }

    @inline(__always) static func isTchar(_ b: UInt8) -> Bool { tcharTable[Int(b)] }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    static func equals(_ buf: UnsafeRawBufferPointer, _ range: Range<Int>, _ s: StaticString) -> Bool {
        guard range.count == s.utf8CodeUnitCount else { return false }
        let p = s.utf8Start
        for (k, i) in range.enumerated() where buf[i] != p[k] { return false }
        return true
    }

    static func equals(_ buf: UnsafeRawBufferPointer, _ range: Range<Int>, _ s: [UInt8]) -> Bool {
        guard range.count == s.count else { return false }
        for (k, i) in range.enumerated() where buf[i] != s[k] { return false }
        return true
    }

    /// `s` must be lowercase.
    static func equalsIgnoringCase(_ buf: UnsafeRawBufferPointer, _ range: Range<Int>, _ s: StaticString) -> Bool {
        guard range.count == s.utf8CodeUnitCount else { return false }
        let p = s.utf8Start
        for (k, i) in range.enumerated() where lower(buf[i]) != p[k] { return false }
        return true
    }

    static func find(_ byte: UInt8, _ buf: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let base = buf.baseAddress, from < buf.count,
              let hit = memchr(base + from, Int32(byte), buf.count - from) else { return nil }
        return UnsafeRawPointer(hit) - base
    }

    /// Calls `body` with each comma-separated element of a field value, OWS trimmed.
    static func forEachListElement(_ buf: UnsafeRawBufferPointer, _ range: Range<Int>, _ body: (Range<Int>) -> Void) {
        var start = range.lowerBound
        var i = start
        while i <= range.upperBound {
            if i == range.upperBound || buf[i] == 0x2C {
                var a = start, b = i
                while a < b && (buf[a] == 0x20 || buf[a] == 0x09) { a += 1 }
                while b > a && (buf[b - 1] == 0x20 || buf[b - 1] == 0x09) { b -= 1 }
                body(a..<b)
                start = i + 1
            }
            i += 1
        }
    }

    /// Splits `name: value` (RFC 9112 §5): no obs-fold, no whitespace before the colon, token
    /// name, value without control bytes other than HTAB. The value comes back OWS-trimmed.
    static func fieldLine(_ buf: UnsafeRawBufferPointer, _ line: Range<Int>)
        -> Result<(name: Range<Int>, value: Range<Int>), HTTPParseError>
    {
        let ls = line.lowerBound, le = line.upperBound
        if ls < le && (buf[ls] == 0x20 || buf[ls] == 0x09) {
            return .failure(HTTPParseError(.badRequest, "Obsolete line folding is not accepted."))
        }
        var p = ls
        while p < le && isTchar(buf[p]) { p += 1 }
        guard p > ls, p < le, buf[p] == 0x3A else {
            if p < le && (buf[p] == 0x20 || buf[p] == 0x09) {
                return .failure(HTTPParseError(.badRequest, "Whitespace between a field name and the colon."))
            }
            return .failure(HTTPParseError(.badRequest, "Invalid header field name."))
        }
        let name = ls..<p
        var a = p + 1, b = le
        while a < b && (buf[a] == 0x20 || buf[a] == 0x09) { a += 1 }
        while b > a && (buf[b - 1] == 0x20 || buf[b - 1] == 0x09) { b -= 1 }
        for i in a..<b {
            let c = buf[i]
            if (c < 0x20 && c != 0x09) || c == 0x7F {
                return .failure(HTTPParseError(.badRequest, "Invalid byte in a header field value."))
            }
        }
        return .success((name, a..<b))
    }

    /// Index after `http://` or `https://` (any case), or nil.
    static func absoluteFormSchemeEnd(_ buf: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        let s = range.lowerBound
        if range.count >= 7 && equalsIgnoringCase(buf, s..<s + 7, "http://") { return s + 7 }
        if range.count >= 8 && equalsIgnoringCase(buf, s..<s + 8, "https://") { return s + 8 }
        return nil
    }
}
