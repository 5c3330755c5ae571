/// Why a zip could not be read or written. Each case names what was wrong, so that a refusal
/// can be shown to whoever sent the file.
public enum ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No end-of-central-directory record: not a zip, or cut short.
    case notAZip
    /// A header points outside the file or does not carry its signature: truncated or corrupt.
    case damaged(String)
    case tooManyEntries(count: Int, limit: Int)
    case entryTooLarge(name: String, bytes: Int, limit: Int)
    case totalTooLarge(bytes: Int, limit: Int)
    /// A zip bomb: far more bytes out than in.
    case compressionRatioTooHigh(name: String, ratio: Int, limit: Int)
    /// Two entries of one name: readers disagree on which one counts, so neither does.
    case duplicateEntry(String)
    case unsupportedMethod(name: String, method: Int)
    case encrypted(String)
    /// ZIP64 (over 4 GiB or 65,535 entries), which nothing this project reads needs.
    case zip64
    case missingEntry(String)
    /// The compressed data does not inflate to the size and CRC-32 the directory declares.
    case corruptEntry(String)
    /// The name or contents of an entry to write are beyond what a zip without ZIP64 holds.
    case tooLargeToWrite(String)

    public var description: String {
        switch self {
        case .notAZip: return "not a zip archive (or one cut short: its directory is missing)"
        case .damaged(let what): return "the zip archive is damaged: \(what)"
        case .tooManyEntries(let count, let limit): return "the zip archive has \(count) entries; at most \(limit) are read"
        case .entryTooLarge(let name, let bytes, let limit):
            return "\(name) would inflate to \(bytes) bytes, more than the limit of \(limit)"
        case .totalTooLarge(let bytes, let limit):
            return "the zip archive would inflate to \(bytes) bytes in all, more than the limit of \(limit)"
        case .compressionRatioTooHigh(let name, let ratio, let limit):
            return "\(name) is compressed \(ratio):1, more than \(limit):1 (a zip bomb?)"
        case .duplicateEntry(let name): return "the zip archive names \(name) twice"
        case .unsupportedMethod(let name, let method): return "\(name) uses compression method \(method); only stored and deflated entries are read"
        case .encrypted(let name): return "\(name) is encrypted"
        case .zip64: return "the zip archive needs ZIP64 (over 4 GiB or 65,535 entries), which is not read"
        case .missingEntry(let name): return "the zip archive has no \(name)"
        case .corruptEntry(let name): return "\(name) is corrupt: it does not inflate to the size and checksum its directory declares"
        case .tooLargeToWrite(let what): return "\(what) is too large for a zip without ZIP64"
        }
    }
}
