import Crypto
import Domain

/// The SHA-256 an idempotent write is recognised by: its target, its Content-Type and its body,
/// each followed by a zero byte. The body is added as it streams in.
struct RequestDigest {
    private var hasher = SHA256()

    init(target: String, contentType: String) {
        hasher.update(data: Array(target.utf8))
        hasher.update(data: [0])
        hasher.update(data: Array(contentType.utf8))
        hasher.update(data: [0])
    }

    mutating func addBody(_ piece: [UInt8]) { hasher.update(data: piece) }

    /// Hex; the digest is complete only once the whole body was added.
    func finish() -> String {
        var hasher = hasher
        hasher.update(data: [0])
        return Hex.string(hasher.finalize())
    }
}
