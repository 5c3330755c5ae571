import Glibc

/// Appends one log record as a line of bytes, field by field, to a buffer: the one encoder of
/// the service's log lines, used for the buffered access log (no String per record) and for
/// every other line (`LineLogHandler`).
///
/// logfmt writes a value bare unless it is empty or holds a space, `"`, `=`, `\` or a line
/// break, and then as a JSON string literal; JSON writes every key and value as one. Escaping
/// works on UTF-8 bytes: a multi-byte sequence never holds a byte below 0x80, so only ASCII
/// needs looking at.
public struct LogLineEncoder {
    public let format: LogFormat
    private var fields = 0

    public init(format: LogFormat) { self.format = format }

    /// Starts a line; call once before the first field.
    public mutating func begin(into out: inout [UInt8]) {
        fields = 0
        if format == .json { out.append(UInt8(ascii: "{")) }
    }

    /// Ends the line with its newline.
    public func end(into out: inout [UInt8]) {
        if format == .json { out.append(UInt8(ascii: "}")) }
        out.append(0x0A)
    }

    public mutating func field(_ key: String, _ value: String, into out: inout [UInt8]) {
        self.key(key, into: &out)
        var value = value
        value.withUTF8 { Self.appendValue($0, format: format, into: &out) }
    }

    /// A whole number, which needs no quoting in logfmt; a string in JSON like every value.
    public mutating func field(_ key: String, _ value: UInt64, into out: inout [UInt8]) {
        beginBare(key, into: &out)
        Self.appendDecimal(value, into: &out)
        endBare(into: &out)
    }

    /// A field whose value the caller appends between this and `endBare`, and which needs no
    /// quoting or escaping (a timestamp, digits): bare in logfmt, a string in JSON.
    public mutating func beginBare(_ key: String, into out: inout [UInt8]) {
        self.key(key, into: &out)
        if format == .json { out.append(UInt8(ascii: "\"")) }
    }

    public func endBare(into out: inout [UInt8]) {
        if format == .json { out.append(UInt8(ascii: "\"")) }
    }

    /// A field whose value is written in parts between `beginQuoted` and `endQuoted`: always
    /// quoted, as a value with a space would be anyway (the access log's `msg`).
    public mutating func beginQuoted(_ key: String, into out: inout [UInt8]) {
        self.key(key, into: &out)
        out.append(UInt8(ascii: "\""))
    }

    public static func endQuoted(into out: inout [UInt8]) { out.append(UInt8(ascii: "\"")) }

    private mutating func key(_ key: String, into out: inout [UInt8]) {
        defer { fields += 1 }
        switch format {
        case .logfmt:
            if fields > 0 { out.append(0x20) }
            out.append(contentsOf: key.utf8)
            out.append(UInt8(ascii: "="))
        case .json:
            if fields > 0 { out.append(UInt8(ascii: ",")) }
            var key = key
            key.withUTF8 { Self.appendQuoted($0, into: &out) }
            out.append(UInt8(ascii: ":"))
        }
    }

    static func appendValue(_ value: UnsafeBufferPointer<UInt8>, format: LogFormat, into out: inout [UInt8]) {
        if format == .logfmt && isBare(value) {
            out.append(contentsOf: value)
        } else {
            appendQuoted(value, into: &out)
        }
    }

    /// A JSON string literal, which is also logfmt's quoting.
    public static func appendQuoted(_ value: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendEscaped(value, into: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// The inside of a JSON string literal: `"`, `\` and control characters escaped.
    public static func appendEscaped(_ value: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var start = 0
        for i in 0..<value.count {
            let byte = value[i]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: value[start..<i])) }
            start = i + 1
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                let hex: StaticString = "0123456789abcdef"
                out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30])
                out.append(hex.utf8Start[Int(byte >> 4)])
                out.append(hex.utf8Start[Int(byte & 0xF)])
            }
        }
        if start < value.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: value[start...])) }
    }

    /// Whether logfmt may write the value without quotes: not empty, and no space, `"`, `=`,
    /// `\` or line break (LF, VT, FF, CR, NEL, LS, PS: what `Character.isNewline` calls one).
    static func isBare(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        if value.isEmpty { return false }
        for i in 0..<value.count {
            switch value[i] {
            case 0x20, UInt8(ascii: "\""), UInt8(ascii: "="), UInt8(ascii: "\\"), 0x0A...0x0D:
                return false
            case 0xC2 where i + 1 < value.count && value[i + 1] == 0x85:
                return false
            case 0xE2 where i + 2 < value.count && value[i + 1] == 0x80 && (value[i + 2] == 0xA8 || value[i + 2] == 0xA9):
                return false
            default:
                continue
            }
        }
        return true
    }

    static func appendDecimal(_ value: UInt64, into out: inout [UInt8]) {
        if value < 10 {
            out.append(0x30 + UInt8(value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var v = value
            var i = 20
            while v > 0 {
                i -= 1
                digits[i] = 0x30 + UInt8(v % 10)
                v /= 10
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i...]))
        }
    }
}
