/// How much a zip may claim before a byte of it is inflated. Every figure is checked against
/// the central directory when the archive is opened, and an entry never inflates past the size
/// the directory declared, so these bound the memory a hostile file can make us spend.
public struct ZipLimits: Sendable, Equatable {
    /// Entries in the central directory.
    public var maxEntries: Int
    /// The uncompressed size of any one entry.
    public var maxEntryBytes: Int
    /// The uncompressed sizes of all entries together, counted whether or not they are read, so
    /// that entries overlapping in the file (one compressed stream named many times) count each time.
    public var maxTotalBytes: Int
    /// Uncompressed over compressed size, per entry. Deflate reaches about 1030:1 at best, and
    /// ordinary XML 5 to 30:1; 100 is Apache POI's threshold for a zip bomb.
    public var maxCompressionRatio: Int
    /// Entries at most this large are not held to the ratio: a few kilobytes of repeated markup
    /// compress far and cost nothing.
    public var ratioExemptBytes: Int

    public init(maxEntries: Int = 10_000, maxEntryBytes: Int = 64 * 1024 * 1024, maxTotalBytes: Int = 256 * 1024 * 1024,
                maxCompressionRatio: Int = 100, ratioExemptBytes: Int = 1024 * 1024) {
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioExemptBytes = ratioExemptBytes
    }
}
