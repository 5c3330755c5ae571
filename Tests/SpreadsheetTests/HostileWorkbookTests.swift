import Spreadsheet
import Testing
import ZipArchive

/// Files made to hurt, or merely broken: each refused before it costs much, with an error that
/// says what was wrong.
@Suite struct HostileWorkbookTests {
    @Test func aZipBombIsRefusedBeforeInflating() throws {
        // given a worksheet of 64 MiB of spaces inside a valid workbook, about 64 KiB compressed
        let padding = String(repeating: " ", count: 64 * 1024 * 1024)
        let bomb = try Fixtures.workbook(sheetData: #"<row r="1"><c r="A1"><v>1</v></c></row>"# + padding)
        #expect(bomb.count < 1024 * 1024)
        // then
        let error = #expect(throws: XLSXReadError.self) { try XLSXReader.firstSheet(of: bomb) }
        guard case .archive(.compressionRatioTooHigh(let name, _, _))? = error else {
            Issue.record("expected a zip bomb, not \(String(describing: error))")
            return
        }
        #expect(name == "xl/worksheets/sheet1.xml")
        #expect(error?.description.contains("zip bomb") == true)
    }

    @Test func entityExpansionIsRefusedOutright() throws {
        // given the billion laughs: ten entities, each ten of the one before
        var doctype = #"<!DOCTYPE worksheet [<!ENTITY lol0 "lol">"#
        for n in 1...9 { doctype += "<!ENTITY lol\(n) \"" + String(repeating: "&lol\(n - 1);", count: 10) + "\">" }
        doctype += "]>"
        let laughs = try Fixtures.workbook(sheetData: #"<?xml version="1.0"?>"# + doctype
            + #"<worksheet xmlns="\#(Fixtures.main)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"#)
        // then
        #expect(throws: XLSXReadError.xml(part: "xl/worksheets/sheet1.xml", .declarationRefused("DOCTYPE"))) {
            try XLSXReader.firstSheet(of: laughs)
        }
        #expect(XLSXReadError.xml(part: "xl/worksheets/sheet1.xml", .declarationRefused("DOCTYPE")).description
            == "the workbook's xl/worksheets/sheet1.xml is refused: it declares <!DOCTYPE>: XML declarations are refused (no entity expansion, no external entities)")
    }

    @Test func externalEntitiesAndUndefinedEntitiesAreRefused() throws {
        let external = try Fixtures.workbook(sheetData: #"<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]><worksheet/>"#)
        #expect(throws: XLSXReadError.xml(part: "xl/worksheets/sheet1.xml", .declarationRefused("DOCTYPE"))) {
            try XLSXReader.firstSheet(of: external)
        }
        let undefined = try Fixtures.workbook(sheetData: #"<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row>"#)
        #expect(throws: XLSXReadError.xml(part: "xl/worksheets/sheet1.xml", .undefinedEntity("secret"))) {
            try XLSXReader.firstSheet(of: undefined)
        }
        // The shared strings are scanned the same way.
        let inStrings = try Fixtures.workbook(sheetData: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
                                              sharedStrings: #"<!ENTITY x "y"><si><t>a</t></si>"#)
        #expect(throws: XLSXReadError.xml(part: "xl/sharedStrings.xml", .declarationRefused("ENTITY"))) {
            try XLSXReader.firstSheet(of: inStrings)
        }
    }

    @Test func truncatedAndForeignFilesAreRefusedClearly() throws {
        let good = try XLSXWriter.write([WritableSheet(name: "s", header: ["指标"], rows: [["rd"]])])
        let truncated = #expect(throws: XLSXReadError.archive(.notAZip)) { try XLSXReader.firstSheet(of: Array(good.prefix(good.count - 100))) }
        #expect(truncated?.description == "the workbook cannot be read: not a zip archive (or one cut short: its directory is missing)")
        #expect(throws: XLSXReadError.notAWorkbook("the file is not a zip archive, as an .xlsx is")) {
            try XLSXReader.firstSheet(of: Array("指标,地区,期间,值\nrd,330100,2022,3.8\n".utf8))
        }
        #expect(throws: XLSXReadError.notAWorkbook("the file is not a zip archive, as an .xlsx is")) { try XLSXReader.firstSheet(of: []) }
        let xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        let legacy = #expect(throws: XLSXReadError.self) { try XLSXReader.firstSheet(of: xls) }
        #expect(legacy?.description.contains(".xls") == true)
        var word = ZipWriter()
        try word.add("word/document.xml", Array("<w:document/>".utf8))
        #expect(throws: XLSXReadError.notAWorkbook("a Word document")) { try XLSXReader.firstSheet(of: word.finish()) }
        // A worksheet whose XML was cut short inside a zip that is whole.
        let cut = try Fixtures.workbook(sheetData: #"<?xml version="1.0"?><worksheet xmlns="\#(Fixtures.main)"><sheetData><row r="1"><c r="A1"><v>1</v></c>"#)
        let error = #expect(throws: XLSXReadError.self) { try XLSXReader.firstSheet(of: cut) }
        guard case .xml(part: "xl/worksheets/sheet1.xml", .malformed(let what, _))? = error else {
            Issue.record("expected malformed XML, not \(String(describing: error))")
            return
        }
        #expect(what == "the part ends inside <row>")
    }

    @Test func rowColumnAndCellCapsNameWhereTheyWereCrossed() throws {
        let wide = try Fixtures.workbook(sheetData: #"<row r="7"><c r="A7"><v>1</v></c><c r="IW7"><v>2</v></c></row>"#)
        #expect(throws: XLSXReadError.tooManyColumns(CellReference(row: 7, column: 256), limit: 256)) { try XLSXReader.firstSheet(of: wide) }
        #expect(XLSXReadError.tooManyColumns(CellReference(row: 7, column: 256), limit: 256).description
            == "IW7 is beyond the last column read (IV, 256 columns)")
        let rows = (1...11).map { #"<row r="\#($0)"><c r="A\#($0)"><v>\#($0)</v></c></row>"# }.joined()
        let tall = try Fixtures.workbook(sheetData: rows)
        #expect(throws: XLSXReadError.tooManyRows(limit: 10)) { try XLSXReader.firstSheet(of: tall, limits: SpreadsheetLimits(maxRows: 10)) }
        #expect(try XLSXReader.firstSheet(of: tall, limits: SpreadsheetLimits(maxRows: 11)).rows.count == 11)
        #expect(throws: XLSXReadError.tooManyCells(limit: 256)) {
            try XLSXReader.firstSheet(of: wide, limits: SpreadsheetLimits(maxColumns: 300, maxCells: 256))
        }
    }

    @Test func inconsistentSheetsAreRefusedNamingTheCell() throws {
        let badIndex = try Fixtures.workbook(sheetData: #"<row r="3"><c r="C3" t="s"><v>5</v></c></row>"#, sharedStrings: "<si><t>a</t></si>")
        #expect(throws: XLSXReadError.badSharedString(CellReference(row: 3, column: 2), index: "5")) { try XLSXReader.firstSheet(of: badIndex) }
        let wrongRow = try Fixtures.workbook(sheetData: #"<row r="3"><c r="C4"><v>1</v></c></row>"#)
        #expect(throws: XLSXReadError.badCellReference("C4", row: 3)) { try XLSXReader.firstSheet(of: wrongRow) }
        let backwards = try Fixtures.workbook(sheetData: #"<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>"#)
        #expect(throws: XLSXReadError.rowOutOfOrder(row: 2, after: 3)) { try XLSXReader.firstSheet(of: backwards) }
    }
}
