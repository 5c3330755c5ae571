import Spreadsheet
import Testing

@Suite struct CellReferenceTests {
    @Test func columnLettersAreExcels() {
        #expect(CellReference.columnLetters(0) == "A")
        #expect(CellReference.columnLetters(25) == "Z")
        #expect(CellReference.columnLetters(26) == "AA")
        #expect(CellReference.columnLetters(51) == "AZ")
        #expect(CellReference.columnLetters(701) == "ZZ")
        #expect(CellReference.columnLetters(702) == "AAA")
        #expect(CellReference.columnLetters(16_383) == "XFD")
        for index in [0, 1, 25, 26, 27, 700, 701, 702, 16_383] {
            #expect(CellReference.columnIndex(CellReference.columnLetters(index)) == index)
        }
        #expect(CellReference.columnIndex("xfd") == 16_383)
        #expect(CellReference.columnIndex("XFE") == nil)
        #expect(CellReference.columnIndex("AAAA") == nil)
        #expect(CellReference.columnIndex("") == nil)
        #expect(CellReference.columnIndex("A1") == nil)
    }

    @Test func referencesReadAndPrintAsExcelShowsThem() {
        #expect(CellReference(row: 7, column: 2).description == "C7")
        #expect(CellReference("C7") == CellReference(row: 7, column: 2))
        #expect(CellReference("AA10") == CellReference(row: 10, column: 26))
        #expect(CellReference("XFD1048576") == CellReference(row: 1_048_576, column: 16_383))
        for bad in ["", "C", "7", "7C", "C0", "C-1", "C+7", "$C$7", "C7 ", "XFE1", "A1048577", "指7"] {
            #expect(CellReference(bad) == nil, "\(bad)")
        }
    }
}
