/// A zip archive read from memory: its central directory, checked against `ZipLimits` when it
/// is opened, and the contents of an entry on demand (stored or deflated, CRC-32 checked).
///
/// The one zip reader of the project: Word reports (.docx) and Excel workbooks (.xlsx) both go
/// through it. It is written here rather than taken from ZIPFoundation because what it must get
/// right is refusing hostile files before inflating them, which is a few checks on the
/// directory; the format itself, read-only, from memory, without ZIP64, is small, and the
/// system zlib already does the inflating.
///
/// ```swift
/// let archive = try ZipArchive(bytes)
/// let xml = try archive.contents(of: "word/document.xml")
/// ```
///
/// Hazards: the sizes in the directory are the sender's word. They are used only as bounds
/// (nothing inflates past the declared size) and checked afterwards with the CRC-32. Entries
/// are found by the central directory only; local headers are followed for the data's offset.
public struct ZipArchive: Sendable {
    public let entries: [ZipEntry]
    private let bytes: [UInt8]
    private let index: [String: Int]

    public static func looksLikeZip(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    public init(_ bytes: [UInt8], limits: ZipLimits = ZipLimits()) throws(ZipError) {
        let directory = try Self.endOfCentralDirectory(in: bytes)
        guard directory.entryCount <= limits.maxEntries else {
            throw .tooManyEntries(count: directory.entryCount, limit: limits.maxEntries)
        }
        var entries: [ZipEntry] = []
        var index: [String: Int] = [:]
        var total = 0
        var p = directory.offset
        for _ in 0..<directory.entryCount {
            let entry = try Self.centralHeader(at: &p, in: bytes, directoryEnd: directory.offset + directory.size)
            try Self.check(entry, against: limits)
            total += entry.uncompressedSize
            guard total <= limits.maxTotalBytes else { throw .totalTooLarge(bytes: total, limit: limits.maxTotalBytes) }
            guard index[entry.name] == nil else { throw .duplicateEntry(entry.name) }
            _ = try Self.dataRange(of: entry, in: bytes)
            index[entry.name] = entries.count
            entries.append(entry)
        }
        self.bytes = bytes
        self.entries = entries
        self.index = index
    }

    public func entry(named name: String) -> ZipEntry? { index[name].map { entries[$0] } }

    public func contents(of name: String) throws(ZipError) -> [UInt8] {
        guard let entry = entry(named: name) else { throw .missingEntry(name) }
        return try contents(of: entry)
    }

    public func contents(of entry: ZipEntry) throws(ZipError) -> [UInt8] {
        let data = bytes[try Self.dataRange(of: entry, in: bytes)]
        let output: [UInt8]
        switch entry.method {
        case .stored: output = Array(data)
        case .deflated:
            guard let inflated = Zlib.inflateRaw(data, expected: entry.uncompressedSize) else { throw .corruptEntry(entry.name) }
            output = inflated
        }
        guard Zlib.crc32(output) == entry.crc32 else { throw .corruptEntry(entry.name) }
        return output
    }

    // MARK: Directory (APPNOTE.TXT 4.3.12 and 4.3.16)

    private struct Directory {
        var entryCount: Int
        var offset: Int
        var size: Int
    }

    private static func endOfCentralDirectory(in b: [UInt8]) throws(ZipError) -> Directory {
        // 22 bytes and a comment of up to 64 KiB end the file; search backwards for the signature.
        guard b.count >= 22 else { throw .notAZip }
        var i = b.count - 22
        let lowest = max(0, b.count - 22 - 65_535)
        while i >= lowest, u32(b, i) != 0x0605_4B50 { i -= 1 }
        guard i >= lowest else { throw .notAZip }
        if i >= 20, u32(b, i - 20) == 0x0706_4B50 { throw .zip64 }
        let entriesHere = u16(b, i + 8), entryCount = u16(b, i + 10), size = u32(b, i + 12), offset = u32(b, i + 16)
        if entryCount == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw .zip64 }
        guard u16(b, i + 4) == 0, u16(b, i + 6) == 0, entriesHere == entryCount else {
            throw .damaged("it spans several disks")
        }
        guard offset + size <= i else { throw .damaged("the central directory lies outside the file") }
        return Directory(entryCount: entryCount, offset: offset, size: size)
    }

    private static func centralHeader(at p: inout Int, in b: [UInt8], directoryEnd: Int) throws(ZipError) -> ZipEntry {
        guard p + 46 <= directoryEnd, u32(b, p) == 0x0201_4B50 else { throw .damaged("a central directory header is missing") }
        let flags = u16(b, p + 8), method = u16(b, p + 10), crc = UInt32(u32(b, p + 16))
        let compressed = u32(b, p + 20), uncompressed = u32(b, p + 24)
        let nameLength = u16(b, p + 28), extraLength = u16(b, p + 30), commentLength = u16(b, p + 32)
        let local = u32(b, p + 42)
        guard p + 46 + nameLength <= directoryEnd else { throw .damaged("a name runs past the central directory") }
        let name = String(decoding: b[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
        p += 46 + nameLength + extraLength + commentLength
        guard p <= directoryEnd else { throw .damaged("a header runs past the central directory") }
        if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF { throw .zip64 }
        guard flags & 1 == 0 else { throw .encrypted(name) }
        let kind: ZipEntry.Method
        switch method {
        case 0:
            guard compressed == uncompressed else { throw .damaged("\(name) is stored with two different sizes") }
            kind = .stored
        case 8: kind = .deflated
        default: throw .unsupportedMethod(name: name, method: method)
        }
        return ZipEntry(name: name, method: kind, compressedSize: compressed, uncompressedSize: uncompressed,
                        crc32: crc, localHeaderOffset: local)
    }

    private static func check(_ entry: ZipEntry, against limits: ZipLimits) throws(ZipError) {
        // The ratio first: a bomb is named as one even when it is also over the size limit.
        if entry.uncompressedSize > limits.ratioExemptBytes {
            let ratio = entry.uncompressedSize / max(entry.compressedSize, 1)
            guard ratio <= limits.maxCompressionRatio else {
                throw .compressionRatioTooHigh(name: entry.name, ratio: ratio, limit: limits.maxCompressionRatio)
            }
        }
        guard entry.uncompressedSize <= limits.maxEntryBytes else {
            throw .entryTooLarge(name: entry.name, bytes: entry.uncompressedSize, limit: limits.maxEntryBytes)
        }
    }

    /// The compressed bytes of an entry: after its local header (APPNOTE 4.3.7), whose name and
    /// extra field lengths may differ from the central directory's.
    private static func dataRange(of entry: ZipEntry, in b: [UInt8]) throws(ZipError) -> Range<Int> {
        let local = entry.localHeaderOffset
        guard local + 30 <= b.count, u32(b, local) == 0x0403_4B50 else { throw .damaged("\(entry.name) has no local header") }
        let start = local + 30 + u16(b, local + 26) + u16(b, local + 28)
        guard start + entry.compressedSize <= b.count else { throw .damaged("\(entry.name) runs past the end of the file") }
        return start..<(start + entry.compressedSize)
    }

    private static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }
}
