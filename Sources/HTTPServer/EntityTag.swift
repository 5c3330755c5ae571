/// Strong entity tags from a representation's bytes.
public enum EntityTag {
    /// A 64-bit FNV-1a-style hash of the bytes, hex: cheap over a few kilobytes, and a collision costs no
    /// more than a needless 200.
    public static func hash(_ bytes: [UInt8]) -> String {
        // FNV-1a over 8-byte words, then the tail byte by byte: a series body is kilobytes, and
        // byte-at-a-time multiplies were a visible share of a series request.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01B3
        bytes.withUnsafeBytes { raw in
            let words = raw.count / 8
            for i in 0..<words {
                h ^= raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
                h &*= prime
                h ^= h >> 29
            }
            for i in (words * 8)..<raw.count {
                h ^= UInt64(raw[i])
                h &*= prime
            }
        }
        var digits = [UInt8](repeating: 48, count: 16)
        for i in 0..<16 {
            let nibble = UInt8((h >> UInt64(60 - 4 * i)) & 15)
            digits[i] = nibble < 10 ? 48 + nibble : 87 + nibble
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// `"<hash>"`, quoted as a header wants it.
    public static func strong(_ bytes: [UInt8]) -> String { "\"" + hash(bytes) + "\"" }
}
