import Glibc

extension UnsafeBufferPointer where Element == UInt8 {
    /// Byte-for-byte equality through `memcmp`, for the per-field lookups of a bulk import
    /// (the generic `elementsEqual` compares one element at a time).
    func hasSameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == other.count else { return false }
        guard let a = baseAddress, let b = other.baseAddress else { return true }
        return memcmp(a, b, count) == 0
    }
}
