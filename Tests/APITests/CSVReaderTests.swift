@testable import API
import Testing

/// The incremental CSV reader against the text read whole: every way of cutting the text into
/// pieces must give the same rows, and the same error at the same line.
@Suite struct CSVReaderTests {
    /// Quoted commas, doubled quotes and line breaks, CRLF and LF, blank lines, a BOM, Chinese
    /// text (three bytes a character) and a four-byte character, an empty last field.
    static let text = "\u{FEFF}indicator,region,note\r\n"
        + "rd_expenditure,330112,\"含逗号, 和\"\"引号\"\"\"\r\n"
        + "\r\n"
        + "tech_smes_new,330110,\"first line\nsecond line\"\n"
        + "\"quoted\",330122,😀 plain\n"
        + "a,b,\n"
        + "last,row,no line break"

    static let expected: [(line: Int, fields: [String])] = [
        (1, ["indicator", "region", "note"]),
        (2, ["rd_expenditure", "330112", "含逗号, 和\"引号\""]),
        (4, ["tech_smes_new", "330110", "first line\nsecond line"]),
        (6, ["quoted", "330122", "😀 plain"]),
        (7, ["a", "b", ""]),
        (8, ["last", "row", "no line break"]),
    ]

    @Test(arguments: [1, 2, 3, 5, 7, 64, 100_000])
    func piecesOfAnySizeGiveTheRowsOfTheWholeText(pieceSize: Int) throws {
        // given
        let bytes = Array(Self.text.utf8)
        // when
        let rows = try Self.read(bytes, pieceSize: pieceSize)
        // then
        #expect(rows.map(\.line) == Self.expected.map(\.line))
        #expect(rows.map(\.fields) == Self.expected.map(\.fields))
    }

    static let broken: [(text: String, line: Int, reason: String)] = [
        ("a,b\n1,\"2\n3\n", 2, "a quoted field is not closed"),
        ("a,b\n1,\"x\ny\"z\n", 3, "text after a closing quote"),
        ("a,b\n\n1,x\"y\n", 3, "a quote inside an unquoted field"),
    ]

    @Test(arguments: [1, 2, 3, 1000])
    func errorsNameTheSameLineWhateverThePieces(pieceSize: Int) {
        for (text, line, reason) in Self.broken {
            // when
            var failure: CSVReader.Failure?
            do {
                _ = try Self.read(Array(text.utf8), pieceSize: pieceSize)
            } catch {
                failure = error
            }
            // then
            #expect(failure?.line == line && failure?.reason == reason, "\(text.debugDescription): \(String(describing: failure))")
        }
    }

    @Test(arguments: [1, 2, 1000])
    func bytesThatAreNotUTF8AreRefusedWithTheirLine(pieceSize: Int) {
        // given: Latin-1 é on line 3; a BOM cut short is not one
        let latin1 = Array("a,b\n1,2\n3,caf".utf8) + [0xE9] + Array("\n".utf8)
        for bytes in [latin1, [0xEF, 0xBB] + Array("a,b\n".utf8)] {
            var failure: CSVReader.Failure?
            do {
                _ = try Self.read(bytes, pieceSize: pieceSize)
            } catch {
                failure = error
            }
            #expect(failure?.reason == "not UTF-8 (save the file as CSV UTF-8)")
            #expect(failure?.line == (bytes == latin1 ? 3 : 1))
        }
    }

    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        var state: UInt64 = 0x1234_5678
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let samples: [[UInt8]] = [
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80],
            [0xE4, 0xBD], [0x80], Array("指标".utf8),
        ] + (0..<2000).map { _ in (0..<Int(next() % 6)).map { _ in next() | 0x80 } }
        for sample in samples {
            let ours = sample.withUnsafeBufferPointer { CSVReader.isUTF8($0) }
            #expect(ours == (String(validating: sample, as: UTF8.self) != nil), "\(sample)")
        }
    }

    static func read(_ bytes: [UInt8], pieceSize: Int) throws(CSVReader.Failure) -> [(line: Int, fields: [String])] {
        var reader = CSVReader()
        var rows: [(Int, [String])] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + pieceSize, bytes.count)
            reader.feed(Array(bytes[offset..<end]))
            offset = end
            while try reader.nextRow() { rows.append((reader.line, (0..<reader.fieldCount).map { reader.string($0) })) }
        }
        reader.finish()
        while try reader.nextRow() { rows.append((reader.line, (0..<reader.fieldCount).map { reader.string($0) })) }
        return rows
    }
}
