import Spreadsheet
import Testing
import ZipArchive

@Suite struct XLSXRoundTripTests {
    static let header = ["指标", "地区", "期间", "值", "状态", "备注"]
    static let rows: [[CellValue]] = [
        ["rd_intensity", "330100", "2022", 3.8, "final", .empty],
        ["rd_spending", "330100", "2022-Q3", 2_005_000_000, "provisional", "  前后有空格  "],
        ["tiny", "330102", "2022-09", 1e-05, .empty, "R&D <经费> \"投入\"\n第二行"],
        ["negative", "330103", "2022", -0.5, .empty, "控制字符\u{1}与_x0041_字面"],
        ["float", "330104", "2022", 0.30000000000000004, .empty, "😀 emoji"],
    ]

    @Test func whatIsWrittenReadsBack() throws {
        // given
        let second = WritableSheet(name: "说明", header: ["字段", "含义"], rows: [["值", "数值"]])
        let bytes = try XLSXWriter.write([WritableSheet(name: "观测值", header: Self.header, rows: Self.rows), second])
        // when
        let sheet = try XLSXReader.firstSheet(of: bytes)
        // then
        #expect(sheet.name == "观测值")
        #expect(sheet.rows.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(sheet.rows[0].cells == Self.header)
        #expect(sheet.rows[1].cells == ["rd_intensity", "330100", "2022", "3.8", "final"])
        #expect(sheet.rows[2].cells == ["rd_spending", "330100", "2022-Q3", "2005000000", "provisional", "  前后有空格  "])
        #expect(sheet.rows[3].cells == ["tiny", "330102", "2022-09", "1e-05", "", "R&D <经费> \"投入\"\n第二行"])
        #expect(sheet.rows[4].cells == ["negative", "330103", "2022", "-0.5", "", "控制字符\u{1}与_x0041_字面"])
        #expect(sheet.rows[5].cells == ["float", "330104", "2022", "0.30000000000000004", "", "😀 emoji"])
        #expect(sheet.rows[3].reference(column: 5).description == "F4")
        #expect(sheet.rows[1][5] == "" && sheet.rows[1][99] == "")
        // The same sheets, the same bytes.
        #expect(try XLSXWriter.write([WritableSheet(name: "观测值", header: Self.header, rows: Self.rows), second]) == bytes)
    }

    @Test func theHeaderIsBoldAndFrozenAndColumnsFitTheirText() throws {
        let bytes = try XLSXWriter.write([WritableSheet(name: "观测值", header: Self.header, rows: Self.rows)])
        let archive = try ZipArchive(bytes)
        let sheet = String(decoding: try archive.contents(of: "xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<c r="A1" t="s" s="1">"#))
        #expect(sheet.contains(#"<dimension ref="A1:F6"/>"#))
        // 指标 is 4 wide, rd_intensity 12: 12 + 2. In 备注, 控制字符…字面 is 22 wide (a Chinese
        // character counts 2), wider than the first line of the two-line text.
        #expect(sheet.contains(#"<col min="1" max="1" width="14.0" customWidth="1"/>"#))
        #expect(sheet.contains(#"<col min="2" max="2" width="8.0" customWidth="1"/>"#))
        #expect(sheet.contains(#"<col min="6" max="6" width="24.0" customWidth="1"/>"#))
        // Numbers are numbers, not text.
        #expect(sheet.contains(#"<c r="D2"><v>3.8</v></c>"#))
        let strings = String(decoding: try archive.contents(of: "xl/sharedStrings.xml"), as: UTF8.self)
        #expect(strings.contains("<si><t>R&amp;D &lt;经费&gt; \"投入\"\n第二行</t></si>"))
        #expect(strings.contains("控制字符_x0001_与_x005F_x0041_字面"))
        #expect(strings.contains(#"<t xml:space="preserve">  前后有空格  </t>"#))
        #expect(archive.entries.first?.name == "[Content_Types].xml")
    }

    @Test func aSheetWithoutHeaderStartsAtRowOneAndFreezesNothing() throws {
        let bytes = try XLSXWriter.write([WritableSheet(name: "data", header: [], rows: [[1, "a"], [], [2, "b"]])])
        let sheet = try XLSXReader.firstSheet(of: bytes)
        #expect(sheet.rows == [SheetRow(number: 1, cells: ["1", "a"]), SheetRow(number: 3, cells: ["2", "b"])])
        let xml = String(decoding: try ZipArchive(bytes).contents(of: "xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(!xml.contains("frozen"))
    }

    @Test func whatExcelCannotHoldIsRefusedWithTheCell() throws {
        let ok = WritableSheet(name: "ok", header: ["a"], rows: [])
        #expect(throws: XLSXWriteError.noSheets) { try XLSXWriter.write([]) }
        #expect(throws: XLSXWriteError.duplicateSheetName("OK")) { try XLSXWriter.write([ok, WritableSheet(name: "OK", header: [], rows: [])]) }
        for name in ["", "a/b", "[x]", "'quoted'", String(repeating: "长", count: 32), "History", "tab\there"] {
            #expect(throws: XLSXWriteError.self, "\(name)") { try XLSXWriter.write([WritableSheet(name: name, header: [], rows: [])]) }
        }
        #expect(try XLSXWriter.write([WritableSheet(name: String(repeating: "长", count: 31), header: [], rows: [])]).count > 0)
        #expect(throws: XLSXWriteError.notFinite(sheet: "s", CellReference(row: 3, column: 1))) {
            try XLSXWriter.write([WritableSheet(name: "s", header: ["a", "b"], rows: [["x", 1], ["y", .number(.nan)]])])
        }
        #expect(throws: XLSXWriteError.textTooLong(sheet: "s", CellReference(row: 2, column: 0))) {
            try XLSXWriter.write([WritableSheet(name: "s", header: ["a"], rows: [[.text(String(repeating: "x", count: 32_768))]])])
        }
        #expect(XLSXWriteError.notFinite(sheet: "s", CellReference(row: 3, column: 1)).description == "s!B3 is not a finite number")
    }
}
