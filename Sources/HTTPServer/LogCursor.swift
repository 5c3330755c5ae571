import Glibc

/// A write position in memory the caller has sized, and the pieces every log line is made of,
/// with logfmt's and JSON's quoting rules. Nothing is bounds-checked here: the caller reserves
/// at least `worstCase` of what it writes first. Writing through a pointer, rather than
/// appending to an array piece by piece, is what keeps an access record at a few hundred
/// instructions.
///
/// logfmt writes a value bare unless it is empty or holds a space, `"`, `=`, `\` or a line
/// break, and then as a JSON string literal; JSON writes every key and value as one. Escaping
/// works on UTF-8 bytes: a multi-byte sequence never holds a byte below 0x80, so only ASCII
/// needs looking at.
struct LogCursor {
    private(set) var position: UnsafeMutablePointer<UInt8>

    init(_ start: UnsafeMutablePointer<UInt8>) { position = start }

    /// The most bytes a value of `count` bytes can take: quoted, every byte a `\u00XX`.
    static func worstCase(_ count: Int) -> Int { count * 6 + 2 }

    mutating func byte(_ byte: UInt8) {
        position.pointee = byte
        position += 1
    }

    mutating func bytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        memcpy(position, source, bytes.count)
        position += bytes.count
    }

    mutating func literal(_ text: StaticString) {
        bytes(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { bytes($0) }
    }

    /// Bare in logfmt when it may be, else quoted; always quoted in JSON.
    mutating func value(_ value: UnsafeBufferPointer<UInt8>, _ format: LogFormat) {
        if format == .logfmt && Self.isBare(value) {
            bytes(value)
        } else {
            byte(UInt8(ascii: "\""))
            escaped(value)
            byte(UInt8(ascii: "\""))
        }
    }

    mutating func value(_ text: String, _ format: LogFormat) {
        var text = text
        text.withUTF8 { value($0, format) }
    }

    /// The inside of a JSON string literal: `"`, `\` and control characters escaped.
    mutating func escaped(_ value: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for i in 0..<value.count where value[i] < 0x20 || value[i] == UInt8(ascii: "\"") || value[i] == UInt8(ascii: "\\") {
            bytes(UnsafeBufferPointer(rebasing: value[start..<i]))
            start = i + 1
            let byte = value[i]
            self.byte(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): self.byte(byte)
            case 0x0A: self.byte(UInt8(ascii: "n"))
            case 0x0D: self.byte(UInt8(ascii: "r"))
            case 0x09: self.byte(UInt8(ascii: "t"))
            default:
                let hex: StaticString = "0123456789abcdef"
                literal("u00")
                self.byte(hex.utf8Start[Int(byte >> 4)])
                self.byte(hex.utf8Start[Int(byte & 0xF)])
            }
        }
        bytes(UnsafeBufferPointer(rebasing: value[start...]))
    }

    mutating func escaped(_ text: String) {
        var text = text
        text.withUTF8 { escaped($0) }
    }

    mutating func decimal(_ value: UInt64) {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        var v = value
        var i = digits
        while i > 0 {
            i -= 1
            position[i] = 0x30 + UInt8(v % 10)
            v /= 10
        }
        position += digits
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
}
