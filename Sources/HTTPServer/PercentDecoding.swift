/// Percent-decoding of request targets to UTF-8 strings. nil means a malformed escape or bytes
/// that are not UTF-8, which the parser answers with 400.
enum PercentDecoding {
    static func decode(_ bytes: UnsafeRawBufferPointer, plusAsSpace: Bool) -> String? {
        var needsWork = false
        for b in bytes where b == 0x25 || (plusAsSpace && b == 0x2B) {
            needsWork = true
            break
        }
        // The parser admits only visible ASCII into a target, so without escapes it is UTF-8 already.
        if !needsWork { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x25 {
                guard i + 2 < bytes.count, let hi = hex(bytes[i + 1]), let lo = hex(bytes[i + 2]) else { return nil }
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(plusAsSpace && b == 0x2B ? 0x20 : b)
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}
