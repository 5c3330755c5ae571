import Foundation
import Spreadsheet
import Testing
import ZipArchive

/// Workbooks another program wrote: openpyxl 3.1.5, through scripts/make-xlsx-fixtures.py.
@Suite struct OpenpyxlFixtureTests {
    /// What `zhibiao-template.xlsx` holds: a template as the writer makes it, with 值 to fill.
    static let template = [
        WritableSheet(name: "2022年第三季度", header: ["指标", "地区", "期间", "值", "状态", "备注"], rows: [
            ["rd_intensity", "330102", "2022-Q3", .empty, "final", .empty],
            ["rd_spending", "330102", "2022-Q3", .empty, "final", "亿元"],
            ["high_tech_enterprises", "330102", "2022-Q3", .empty, "final", "家"],
        ]),
        WritableSheet(name: "说明", header: ["指标", "单位", "上年同期"], rows: [
            ["rd_intensity", "%", 3.1], ["rd_spending", "亿元", 48.2], ["high_tech_enterprises", "家", 412],
        ]),
    ]

    @Test(.enabled(if: ProcessInfo.processInfo.environment["ZHIBIAO_UPDATE_FIXTURES"] != nil))
    func writeTheTemplateFixture() throws {
        try Data(XLSXWriter.write(Self.template)).write(to: Fixtures.directory.appendingPathComponent("zhibiao-template.xlsx"))
    }

    @Test func theTemplateFixtureIsWhatTheWriterWrites() throws {
        // Compared part by part, not byte by byte: another zlib may deflate differently.
        let committed = try ZipArchive(Fixtures.bytes("zhibiao-template.xlsx"))
        let written = try ZipArchive(XLSXWriter.write(Self.template))
        #expect(committed.entries.map(\.name) == written.entries.map(\.name))
        for entry in written.entries {
            #expect(try committed.contents(of: entry.name) == written.contents(of: entry), "\(entry.name)")
        }
    }

    @Test func aTemplateFilledByOpenpyxlReadsBack() throws {
        // given the template opened, filled and saved by openpyxl
        let sheet = try XLSXReader.firstSheet(of: Fixtures.bytes("openpyxl-filled.xlsx"))
        // then
        #expect(sheet.name == "2022年第三季度")
        #expect(sheet.rows == [
            SheetRow(number: 1, cells: ["指标", "地区", "期间", "值", "状态", "备注"]),
            SheetRow(number: 2, cells: ["rd_intensity", "330102", "2022-Q3", "3.8", "final"]),
            SheetRow(number: 3, cells: ["rd_spending", "330102", "2022-Q3", "52.75", "final", "亿元"]),
            SheetRow(number: 4, cells: ["high_tech_enterprises", "330102", "2022-Q3", "436", "provisional", "家，含新认定 24 家"]),
        ])
    }

    @Test func aWorkbookMadeByOpenpyxlReads() throws {
        // given a workbook openpyxl made from nothing, whose second sheet is the active one (and
        // whose text is all inline strings: openpyxl 3.1 writes no shared strings table)
        let sheet = try XLSXReader.firstSheet(of: Fixtures.bytes("openpyxl-observations.xlsx"))
        // then the first sheet is read, each kind of cell as Excel shows it
        #expect(sheet.name == "观测值")
        #expect(sheet.rows == [
            SheetRow(number: 1, cells: ["指标", "地区", "期间", "值", "状态", "备注"]),
            SheetRow(number: 2, cells: ["rd_intensity", "330100", "2022", "3.8", "final"]),
            SheetRow(number: 3, cells: ["rd_spending", "330100", "2022-Q3", "2005000000", "final", "亿元换算为元"]),
            SheetRow(number: 4, cells: ["tech_enterprises", "330106", "2022-09", "1523", "provisional", "R&D <核对>"]),
            // Row 5 is empty; row 6 has a date (its serial number), a tiny number, a boolean
            // and, last, a formula openpyxl never calculated, which reads as nothing.
            SheetRow(number: 6, cells: ["rd_intensity", "330108", "44834", "1e-05", "TRUE"]),
            SheetRow(number: 7, cells: ["patents", "330110", "2022", "-12.5", "", "  前后空格  "]),
        ])
        #expect(sheet.rows[4].reference(column: 3).description == "D6")
    }
}
