/// Strong entity tags from a representation's bytes.
public enum EntityTag {
    /// 64-bit FNV-1a of the bytes, hex: cheap over a few kilobytes, and a collision costs no
    /// more than a needless 200.
    public static func hash(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// `"<hash>"`, quoted as a header wants it.
    public static func strong(_ bytes: [UInt8]) -> String { "\"" + hash(bytes) + "\"" }
}
