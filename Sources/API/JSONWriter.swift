/// Writes JSON straight into bytes: no reflection, no intermediate dictionaries. The caller
/// keeps the structure balanced; commas are placed by the writer.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func beginArray() { separator(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// An object key; the next value written belongs to it.
    mutating func key(_ name: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func key(_ name: String) {
        separator()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) { separator(); appendQuoted(value); needsComma = true }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func null() { separator(); append("null"); needsComma = true }

    mutating func bool(_ value: Bool) {
        separator()
        append(value ? "true" : "false")
        needsComma = true
    }

    mutating func int(_ value: some BinaryInteger) {
        separator()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    /// A string value written by `write` straight into the bytes (between the quotes), for
    /// values whose bytes are known to need no escaping (timestamps, periods).
    mutating func unescapedString(_ write: (inout [UInt8]) -> Void) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        write(&bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Integral values print without a fraction (yuan stay exact: 2005000000, not 2.005e9);
    /// others in the shortest form that reads back to the same double. Non-finite → null.
    mutating func number(_ value: Double?) {
        guard let value, value.isFinite else { null(); return }
        separator()
        bytes.append(contentsOf: Self.format(value).utf8)
        needsComma = true
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        let text = value.description
        // Swift writes 1e-05 style exponents that JSON accepts; only "inf"/"nan" are excluded above.
        return text
    }

    /// Pre-encoded JSON for a value (used for nested documents built elsewhere).
    mutating func raw(_ json: [UInt8]) { separator(); bytes.append(contentsOf: json); needsComma = true }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func separator() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendQuoted(_ s: String) {
        var text = s
        text.withUTF8 { buffer in
            bytes.append(UInt8(ascii: "\""))
            // One scan, then one copy: most of what we write (codes, names, enums) needs no escaping.
            var clean = true
            for byte in buffer where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                clean = false
                break
            }
            if clean {
                bytes.append(contentsOf: buffer)
            } else {
                appendEscaped(buffer)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    private mutating func appendEscaped(_ buffer: UnsafeBufferPointer<UInt8>) {
        for byte in buffer {
            switch byte {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20:
                for b in [0x5C, UInt8(ascii: "u"), 0x30, 0x30, Self.hexDigit(byte >> 4), Self.hexDigit(byte & 15)] { bytes.append(b) }
            default: bytes.append(byte)
            }
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 48 + nibble : 87 + nibble }
}
