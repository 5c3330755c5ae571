import Spreadsheet
import Testing

/// Each kind of cell a sheet can store, in workbooks made part by part.
@Suite struct CellKindTests {
    @Test func sharedAndInlineStringsReadTheSame() throws {
        // given the same texts once through the shared strings table and once inline, rich text
        // runs and a phonetic guide among them
        let shared = #"<si><t>指标</t></si><si><r><t>R&amp;D</t></r><r><rPr><b/></rPr><t>经费</t></r><rPh sb="0" eb="2"><t>けいひ</t></rPh></si>"#
            + #"<si><t xml:space="preserve"> 空格 </t></si><si><t>_x000D_换行</t></si>"#
        let viaShared = try Fixtures.workbook(sheetData: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>"#
            + #"<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>"#, sharedStrings: shared)
        let viaInline = try Fixtures.workbook(sheetData: #"<row r="1"><c r="A1" t="inlineStr"><is><t>指标</t></is></c>"#
            + #"<c r="B1" t="inlineStr"><is><r><t>R&amp;D</t></r><r><t>经费</t></r><rPh><t>けいひ</t></rPh></is></c>"#
            + #"<c r="C1" t="inlineStr"><is><t xml:space="preserve"> 空格 </t></is></c>"#
            + #"<c r="D1" t="inlineStr"><is><t>_x000D_换行</t></is></c></row>"#)
        // then
        let expected = [SheetRow(number: 1, cells: ["指标", "R&D经费", " 空格 ", "\r换行"])]
        #expect(try XLSXReader.firstSheet(of: viaShared).rows == expected)
        #expect(try XLSXReader.firstSheet(of: viaInline).rows == expected)
    }

    @Test func numbersBooleansErrorsAndFormulasReadAsShown() throws {
        let bytes = try Fixtures.workbook(sheetData: #"<row r="2" spans="1:8">"#
            + #"<c r="A2"><v>3.7999999999999998</v></c><c r="B2" t="n"><v>2.005E+9</v></c>"#
            + #"<c r="C2" t="b"><v>1</v></c><c r="D2" t="b"><v>0</v></c><c r="E2" t="e"><v>#DIV/0!</v></c>"#
            + #"<c r="F2" t="str"><f>A2&amp;"%"</f><v>3.8%</v></c><c r="G2"><f>SUM(A2:B2)</f></c>"#
            + #"<c r="H2" s="3"><v>44834</v></c></row>"#)
        let sheet = try XLSXReader.firstSheet(of: bytes)
        // A formula never calculated (G2) is empty; a date (H2) is its serial number.
        #expect(sheet.rows == [SheetRow(number: 2, cells: ["3.8", "2005000000", "TRUE", "FALSE", "#DIV/0!", "3.8%", "", "44834"])])
    }

    @Test func cellsAndRowsWithoutReferencesFollowTheOneBefore() throws {
        let bytes = try Fixtures.workbook(sheetData: #"<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>"#
            + #"<row r="4"><c r="C4"><v>2</v></c><c><v>3</v></c></row><row><c><v>4</v></c></row>"#)
        let sheet = try XLSXReader.firstSheet(of: bytes)
        #expect(sheet.rows == [SheetRow(number: 1, cells: ["a", "1"]), SheetRow(number: 4, cells: ["", "", "2", "3"]),
                               SheetRow(number: 5, cells: ["4"])])
    }

    @Test func formattedEmptyCellsAndRowsAreNotRead() throws {
        let bytes = try Fixtures.workbook(sheetData: #"<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1" s="2"/>"#
            + #"<c r="C1" t="inlineStr"><is><t></t></is></c></row><row r="2" ht="30" customHeight="1"><c r="A2" s="1"/></row>"#)
        #expect(try XLSXReader.firstSheet(of: bytes).rows == [SheetRow(number: 1, cells: ["x"])])
    }

    @Test func aPrefixedNamespaceAndAStoredSheetRead() throws {
        let sheet = #"<?xml version="1.0" encoding="UTF-8"?><!-- a comment --><x:worksheet xmlns:x="\#(Fixtures.main)"><x:sheetData>"#
            + #"<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t><![CDATA[<原样>]]></x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"#
        let bytes = try Fixtures.workbook(sheetData: sheet, method: .stored)
        #expect(try XLSXReader.firstSheet(of: bytes).rows == [SheetRow(number: 1, cells: ["<原样>"])])
    }
}
