/// Finds a code's number from its UTF-8 bytes without making a string: the lookup a bulk CSV
/// import does twice per row (indicator and region). Open addressing over FNV-1a hashes.
struct CodeIndex {
    private var keys: [UInt8] = []
    /// Per code: where its bytes start in `keys`; one more entry marks the end of the last.
    private var starts: [Int] = [0]
    /// Per slot: a code's number plus one, 0 when empty. Kept at most half full.
    private var slots: [Int32]
    private let mask: Int

    /// Numbers the codes by their position in `codes`.
    init(_ codes: [String]) {
        var size = 16
        while size < codes.count * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for (number, code) in codes.enumerated() {
            keys.append(contentsOf: code.utf8)
            starts.append(keys.count)
            var slot = Self.hash(Array(code.utf8)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number + 1)
        }
    }

    func number(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Self.hash(bytes) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            let number = entry - 1
            let start = starts[number], end = starts[number + 1]
            if keys.withUnsafeBufferPointer({ UnsafeBufferPointer(rebasing: $0[start..<end]).hasSameBytes(as: bytes) }) {
                return number
            }
            slot = (slot + 1) & mask
        }
    }

    private static func hash<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}
