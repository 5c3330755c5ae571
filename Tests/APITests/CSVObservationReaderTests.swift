@testable import API
import Domain
import Storage
import Testing

/// The CSV import reads most rows straight from their bytes, past `ObservationValidator`. These
/// tests hold that shortcut to the validator: for rows at and around every rule, the batch and
/// the problems must be exactly those the validator gives for the same rows read as text.
@Suite struct CSVObservationReaderTests {
    static let header = "indicator,region,period,kind,value,status,bound,note,scope"

    static let rows: [String] = [
        "rd_expenditure,330112,2021,,1250.5,final,,,",
        " rd_expenditure , 330112 , 2021-09 , actual , 12 , final ,,,",
        "rd_expenditure,330112,2021Q3,,-0,,,,",
        "rd_expenditure,330112,2021-q3,,0.10,,,,",
        "rd_expenditure,330112,2021-Q3,target,00012,estimated,min,,",
        "rd_expenditure,330112,2021,actual,5,,min,,",
        "rd_expenditure,330112,2021,,1e3,,,,",
        "rd_expenditure,330112,2021,,+5,,,,",
        "rd_expenditure,330112,2021,,12.,,,,",
        "rd_expenditure,330112,2021,,.5,,,,",
        "rd_expenditure,330112,2021,,123456789012345,,,,",
        "rd_expenditure,330112,2021,,1234567890123456,,,,",
        "rd_expenditure,330112,2021,,0.000000000000001,,,,",
        "rd_expenditure,330112,2021,,-1,,,,",
        "rd_expenditure,330112,2021,,N/A,,,,",
        "rd_expenditure,330112,2021,,,,,,",
        "rd_expenditure,330112,2021,,  ,,,,",
        "rd_expenditure,330112,2021,,nan,,,,",
        "rd_expenditure,330112,2021,,5,Final,,,",
        "rd_expenditure,330112,2021,,5,withdrawn,,,",
        "rd_expenditure,330112,2021,plan,5,,,,",
        "rd_expenditure,330112,2021,,5,,,   ,",
        "rd_expenditure,330112,2021,,5,,,\"R&D, 研发经费\",",
        "rd_expenditure,330112,2021,,5,,,,city",
        "rd_expenditure,330112,1948,,5,,,,",
        "rd_expenditure,330112,2999,,5,,,,",
        "rd_expenditure,330112,202109,,5,,,,",
        "rd_expenditure,999999,2021,,5,,,,",
        "no_such_indicator,330112,2021,,5,,,,",
        "RD_EXPENDITURE,330112,2021,,5,,,,",
        ",330112,2021,,5,,,,",
        "rd_intensity,330112,2021,,100,,,,",
        "rd_intensity,330112,2021,,100.5,,,,",
        "rd_intensity_rank,330112,2021,,4,,,,city",
        "rd_intensity_rank,330112,2021,,4,,,,",
        "rd_intensity_rank,330112,2021,,4.5,,,,city",
        "rd_intensity_rank,330112,2021,,0,,,,province",
        "rd_intensity_rank,330112,2021,,4,,,,galaxy",
        "tech_smes_new,330112,2021-03,,12,,,,",
        "tech_smes_new,330112,2021-04,,12.5,,,,",
        "rd_expenditure_growth,330112,2021,,-27.5,,,,",
        "innovation_index,330112,2021-Q1,,150,,,,",
        "rd_expenditure,330112,2020,,5,,,\(String(repeating: "注", count: 700)),",
        "rd_expenditure,330112,2019,,5,,,\(String(repeating: "注", count: 2001)),",
        "rd_expenditure,330112,2018,,5,,,\(String(repeating: "n", count: 2000)),",
        "rd_expenditure,330112,2021,,5,,,,",
    ]

    @Test func theShortcutAgreesWithTheValidatorRowForRow() throws {
        // given
        let f = try APIFixture()
        let catalogue = try f.store.catalogue()
        let csv = ([Self.header] + Self.rows).joined(separator: "\n") + "\n"
        // when
        var fast = ObservationBatchBuilder(catalogue: catalogue, token: nil, positions: .line, maxRows: .max)
        var reader = CSVObservationReader(builder: fast)
        try reader.feed(Array(csv.utf8), into: &fast)
        try reader.finish(into: &fast)
        let slow = try Self.throughTheValidator(csv, catalogue: catalogue)
        // then: the same rows kept, with the same values, and the same problems
        #expect(fast.received == Self.rows.count && slow.received == Self.rows.count)
        #expect(Self.describe(fast.batch) == Self.describe(slow.batch))
        var fastCopy = fast, slowCopy = slow
        let fastProblems = fastCopy.refusal().map { $0.listed.map { "\($0.position) \($0.problem.field): \($0.problem.reason)" } }
        let slowProblems = slowCopy.refusal().map { $0.listed.map { "\($0.position) \($0.problem.field): \($0.problem.reason)" } }
        #expect(fastProblems == slowProblems)
        // and the shortcut took the 14 plain rows (the others went to the validator), so that this
        // compared it with something
        #expect(reader.shortcutRows == 14)
    }

    @Test(arguments: [1, 3, 7, 64])
    func piecesGiveTheSameBatchAsTheWholeText(pieceSize: Int) throws {
        let f = try APIFixture()
        let catalogue = try f.store.catalogue()
        let bytes = Array(("\u{FEFF}" + ([Self.header] + Self.rows).joined(separator: "\r\n")).utf8)
        func read(_ size: Int) throws -> ObservationBatchBuilder {
            var builder = ObservationBatchBuilder(catalogue: catalogue, token: nil, positions: .line, maxRows: .max)
            var reader = CSVObservationReader(builder: builder)
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + size, bytes.count)
                try reader.feed(Array(bytes[offset..<end]), into: &builder)
                offset = end
            }
            try reader.finish(into: &builder)
            return builder
        }
        let whole = try read(bytes.count), pieces = try read(pieceSize)
        #expect(Self.describe(pieces.batch) == Self.describe(whole.batch))
        #expect(pieces.received == whole.received)
    }

    @Test func plainDecimalsReadAsDoubleReadsThem() {
        var state: UInt64 = 42
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        // Up to 15 digits, which is what the shortcut takes; longer numbers go to the validator.
        var texts = ["0", "-0", "1", "0.1", "0.3", "2.675", "90071992547.993", "123456789012345", "999999999999999",
                     "0.00000000000001", "1.79769313486231"]
        for _ in 0..<20_000 {
            let digits = Int(next() % 14) + 1
            let fraction = Int(next() % UInt64(digits + 1))
            var text = String(next() % 2 == 0 ? "" : "-")
            for i in 0..<digits {
                if i == digits - fraction, fraction > 0 { text += i == 0 ? "0." : "." }
                text += String(next() % 10)
            }
            texts.append(text)
        }
        for text in texts {
            let ours = Array(text.utf8).withUnsafeBufferPointer { CSVObservationReader.plainDecimal($0) }
            #expect(ours?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
        for text in ["", "-", ".", "1.", ".5", "1e3", "+1", "1,5", " 1", "1234567890123456", "0x10", "1..2", "--1"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { CSVObservationReader.plainDecimal($0) } == nil, "\(text)")
        }
    }

    /// The reference: each row read as text fields and given to the validator, as the API did
    /// before the shortcut.
    static func throughTheValidator(_ csv: String, catalogue: CatalogueSnapshot) throws -> ObservationBatchBuilder {
        var builder = ObservationBatchBuilder(catalogue: catalogue, token: nil, positions: .line, maxRows: .max)
        var reader = CSVReader()
        reader.feed(Array(csv.utf8))
        reader.finish()
        var names: [String]?
        while try reader.nextRow() {
            let fields = (0..<reader.fieldCount).map { reader.string($0) }
            guard let header = names else {
                names = fields
                continue
            }
            try builder.count()
            builder.add(ObservationInput(fields: zip(header, fields).filter { !$0.1.isEmpty }.map { ($0.0, .text($0.1)) }),
                        at: reader.line)
        }
        return builder
    }

    static func describe(_ batch: ObservationBatch) -> [String] {
        batch.rows.map { row in
            let key = batch.key(row)
            return "\(row.position) \(key.indicator) \(key.region) \(key.period) \(key.kind) \(key.scope?.rawValue ?? "-") "
                + "\(row.value.bitPattern) \(row.status) \(row.bound?.rawValue ?? "-") \(batch.note(row) ?? "-")"
        }.sorted()
    }
}
