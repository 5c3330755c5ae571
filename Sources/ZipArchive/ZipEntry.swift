/// One file in a zip, as its central directory describes it.
public struct ZipEntry: Sendable, Equatable {
    public enum Method: Sendable, Equatable {
        case stored
        case deflated
    }

    /// The path inside the archive, `/`-separated, as written (UTF-8, or CP437 read as UTF-8).
    public var name: String
    public var method: Method
    public var compressedSize: Int
    public var uncompressedSize: Int
    public var crc32: UInt32
    /// Where the entry's local header starts in the archive's bytes.
    var localHeaderOffset: Int
}
