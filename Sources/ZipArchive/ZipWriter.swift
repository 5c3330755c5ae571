/// Builds a zip archive in memory, entry by entry: each deflated unless deflating would not make
/// it smaller, names flagged UTF-8, no ZIP64.
///
/// Every entry is dated 1980-01-01 00:00, the earliest DOS date, so that the same contents give
/// the same bytes (tests compare them; caches and digests stay stable).
public struct ZipWriter: Sendable {
    private var body: [UInt8] = []
    private var directory: [UInt8] = []
    private var names: Set<String> = []
    private var count: Int { names.count }

    public init() {}

    public mutating func add(_ name: String, _ contents: [UInt8], method: ZipEntry.Method = .deflated) throws(ZipError) {
        let nameBytes = Array(name.utf8)
        guard nameBytes.count <= 0xFFFF else { throw .tooLargeToWrite("the name \(name.prefix(40))…") }
        guard contents.count < 0xFFFF_FFFF else { throw .tooLargeToWrite(name) }
        guard count < 0xFFFF else { throw .tooLargeToWrite("an archive of more than 65,534 entries") }
        guard !names.contains(name) else { throw .duplicateEntry(name) }
        var data = contents
        var methodCode = 0
        if method == .deflated, let deflated = Zlib.deflateRaw(contents), deflated.count < contents.count {
            data = deflated
            methodCode = 8
        }
        let offset = body.count
        guard offset + 30 + nameBytes.count + data.count < 0xFFFF_FFFF else { throw .tooLargeToWrite("the archive") }
        let crc = Zlib.crc32(contents)

        // Local file header, APPNOTE 4.3.7.
        put32(&body, 0x0403_4B50)
        putCommon(&body, method: methodCode, crc: crc, compressed: data.count, size: contents.count, nameLength: nameBytes.count)
        put16(&body, 0)  // extra field length
        body += nameBytes
        body += data

        // Central directory header, APPNOTE 4.3.12.
        put32(&directory, 0x0201_4B50)
        put16(&directory, 20)  // made by: MS-DOS, version 2.0
        putCommon(&directory, method: methodCode, crc: crc, compressed: data.count, size: contents.count,
                  nameLength: nameBytes.count)
        put16(&directory, 0)  // extra field length
        put16(&directory, 0)  // comment length
        put16(&directory, 0)  // disk number
        put16(&directory, 0)  // internal attributes
        put32(&directory, 0)  // external attributes
        put32(&directory, offset)
        directory += nameBytes
        names.insert(name)
    }

    /// The archive: the entries, their directory, and the end record (APPNOTE 4.3.16).
    public func finish() -> [UInt8] {
        var out = body + directory
        put32(&out, 0x0605_4B50)
        put16(&out, 0)
        put16(&out, 0)
        put16(&out, count)
        put16(&out, count)
        put32(&out, directory.count)
        put32(&out, body.count)
        put16(&out, 0)  // comment length
        return out
    }

    /// The fields a local and a central header share, from "version needed" to the name length.
    private func putCommon(_ out: inout [UInt8], method: Int, crc: UInt32, compressed: Int, size: Int, nameLength: Int) {
        put16(&out, 20)  // version needed: 2.0, deflate
        put16(&out, 0x0800)  // flags: bit 11, the name is UTF-8
        put16(&out, method)
        put16(&out, 0)  // time 00:00:00
        put16(&out, 0x21)  // date 1980-01-01
        put32(&out, Int(crc))
        put32(&out, compressed)
        put32(&out, size)
        put16(&out, nameLength)
    }

    private func put16(_ out: inout [UInt8], _ value: Int) {
        out.append(UInt8(truncatingIfNeeded: value))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    private func put32(_ out: inout [UInt8], _ value: Int) {
        put16(&out, value & 0xFFFF)
        put16(&out, value >> 16)
    }
}
