import Foundation
import Testing
import ZipArchive

@Suite struct ZipArchiveTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func archive(_ entries: [(String, [UInt8], ZipEntry.Method)]) throws -> [UInt8] {
        var writer = ZipWriter()
        for (name, contents, method) in entries { try writer.add(name, contents, method: method) }
        return writer.finish()
    }

    @Test func whatIsWrittenReadsBackStoredAndDeflated() throws {
        // given
        let xml = Array(String(repeating: "<row><c>指标</c></row>", count: 200).utf8)
        let bytes = try archive([("a/stored.txt", Array("plain".utf8), .stored), ("xl/表.xml", xml, .deflated),
                                 ("empty", [], .deflated)])
        // when
        let read = try ZipArchive(bytes)
        // then
        #expect(read.entries.map(\.name) == ["a/stored.txt", "xl/表.xml", "empty"])
        #expect(try read.contents(of: "a/stored.txt") == Array("plain".utf8))
        #expect(try read.contents(of: "xl/表.xml") == xml)
        #expect(try read.contents(of: "empty") == [])
        #expect(read.entry(named: "xl/表.xml")?.method == .deflated)
        #expect(read.entry(named: "xl/表.xml").map { $0.compressedSize < $0.uncompressedSize } == true)
        #expect(try bytes == archive([("a/stored.txt", Array("plain".utf8), .stored), ("xl/表.xml", xml, .deflated),
                                      ("empty", [], .deflated)]))
    }

    @Test func readsTheWordFixtureAsTheReportLoaderDoes() throws {
        let docx = try [UInt8](Data(contentsOf: Self.repository.appendingPathComponent("Tests/ExtractionTests/Fixtures/linan-2021-excerpt.docx")))
        let xml = try ZipArchive(docx).contents(of: "word/document.xml")
        #expect(String(decoding: xml, as: UTF8.self).contains("<w:body>"))
    }

    @Test func aZipBombIsRefusedBeforeInflating() throws {
        // given 16 MiB of zeros, which deflate to about 16 KiB
        let bomb = try archive([("xl/worksheets/sheet1.xml", [UInt8](repeating: 0, count: 16 * 1024 * 1024), .deflated)])
        // then
        let error = #expect(throws: ZipError.self) { try ZipArchive(bomb) }
        guard case .compressionRatioTooHigh(let name, let ratio, let limit) = error else {
            Issue.record("expected a refused ratio, not \(String(describing: error))")
            return
        }
        #expect(name == "xl/worksheets/sheet1.xml" && ratio > 1000 && limit == 100)
        #expect(error?.description.contains("zip bomb") == true)
        // A small entry is not held to the ratio: repeated markup compresses far.
        let small = try archive([("a", [UInt8](repeating: 0, count: 100_000), .deflated)])
        #expect(try ZipArchive(small).contents(of: "a").count == 100_000)
    }

    @Test func sizeAndCountLimitsAreChecked() throws {
        let bytes = try archive((0..<5).map { ("f\($0)", [UInt8](repeating: UInt8($0), count: 1000), .stored) })
        #expect(throws: ZipError.tooManyEntries(count: 5, limit: 4)) { try ZipArchive(bytes, limits: ZipLimits(maxEntries: 4)) }
        #expect(throws: ZipError.entryTooLarge(name: "f0", bytes: 1000, limit: 999)) {
            try ZipArchive(bytes, limits: ZipLimits(maxEntryBytes: 999))
        }
        #expect(throws: ZipError.totalTooLarge(bytes: 5000, limit: 4999)) {
            try ZipArchive(bytes, limits: ZipLimits(maxTotalBytes: 4999))
        }
        #expect(try ZipArchive(bytes, limits: ZipLimits(maxEntries: 5, maxEntryBytes: 1000, maxTotalBytes: 5000)).entries.count == 5)
    }

    @Test func truncatedGarbageAndCorruptFilesAreRefused() throws {
        let bytes = try archive([("a.xml", Array(String(repeating: "<a>text</a>", count: 100).utf8), .deflated)])
        #expect(throws: ZipError.notAZip) { try ZipArchive(Array(bytes.prefix(bytes.count / 2))) }
        #expect(throws: ZipError.notAZip) { try ZipArchive(Array("指标,地区\nrd,330100\n".utf8)) }
        #expect(throws: ZipError.notAZip) { try ZipArchive([]) }
        // A byte of the compressed data changed: the CRC-32 (or inflate) says so.
        var corrupt = bytes
        corrupt[40] ^= 0x55
        #expect(throws: ZipError.corruptEntry("a.xml")) { try ZipArchive(corrupt).contents(of: "a.xml") }
        // The directory pointing past the data.
        var cut = bytes
        cut.removeSubrange(30..<40)
        #expect(throws: ZipError.self) { try ZipArchive(cut) }
        #expect(throws: ZipError.missingEntry("b.xml")) { try ZipArchive(bytes).contents(of: "b.xml") }
    }

    @Test func aNameTwiceIsRefusedWrittenOrRead() throws {
        var writer = ZipWriter()
        try writer.add("a", [1])
        #expect(throws: ZipError.duplicateEntry("a")) { try writer.add("a", [2]) }
        // Rename the second of two entries, in both headers, to the first's name.
        var bytes = try archive([("a", [1], .stored), ("b", [2], .stored)])
        for i in bytes.indices where bytes[i] == UInt8(ascii: "b") && bytes[i - 1] == 0 && bytes[i - 2] == 0 { bytes[i] = UInt8(ascii: "a") }
        #expect(throws: ZipError.duplicateEntry("a")) { try ZipArchive(bytes) }
    }
}
