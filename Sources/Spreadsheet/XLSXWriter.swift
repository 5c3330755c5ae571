import Domain
import ZipArchive

/// Writes sheets as an .xlsx workbook that Excel, WPS and LibreOffice open without repairs and
/// openpyxl reads: one worksheet per sheet in the order given (the first selected), text as
/// shared strings, numbers as numbers, the header bold and frozen, columns as wide as their
/// widest text.
///
/// ```swift
/// let bytes = try XLSXWriter.write([
///     WritableSheet(name: "观测值", header: ["指标", "地区", "期间", "值"],
///                   rows: [["rd_intensity", "330100", "2022", 3.8]]),
/// ])
/// ```
///
/// The same sheets give the same bytes: nothing in the file depends on the clock.
public enum XLSXWriter {
    public static let mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    public static func write(_ sheets: [WritableSheet]) throws(XLSXWriteError) -> [UInt8] {
        guard !sheets.isEmpty else { throw .noSheets }
        try checkNames(sheets.map(\.name))
        var strings = SharedStringTable()
        var worksheets: [String] = []
        for (i, sheet) in sheets.enumerated() {
            worksheets.append(try worksheet(sheet, selected: i == 0, strings: &strings))
        }
        var zip = ZipWriter()
        do {
            // [Content_Types].xml first: some readers look for it there.
            try zip.add("[Content_Types].xml", Array(WorkbookParts.contentTypes(sheets: sheets.count).utf8))
            try zip.add("_rels/.rels", Array(WorkbookParts.packageRelationships.utf8))
            try zip.add("xl/workbook.xml", Array(WorkbookParts.workbook(sheetNames: sheets.map(\.name)).utf8))
            try zip.add("xl/_rels/workbook.xml.rels", Array(WorkbookParts.workbookRelationships(sheets: sheets.count).utf8))
            try zip.add("xl/styles.xml", Array(WorkbookParts.styles.utf8))
            try zip.add("xl/sharedStrings.xml", Array(strings.xml.utf8))
            for (i, xml) in worksheets.enumerated() {
                try zip.add("xl/worksheets/sheet\(i + 1).xml", Array(xml.utf8))
            }
        } catch {
            throw .archive(error)
        }
        return zip.finish()
    }

    /// Excel's rules for the names on sheet tabs.
    private static func checkNames(_ names: [String]) throws(XLSXWriteError) {
        var seen: Set<String> = []
        for name in names {
            if name.isEmpty { throw .invalidSheetName(name, reason: "it is empty") }
            if name.utf16.count > 31 { throw .invalidSheetName(name, reason: "it is longer than 31 characters") }
            if let bad = name.first(where: { "[]:*?/\\".contains($0) }) {
                throw .invalidSheetName(name, reason: "it contains \(bad)")
            }
            if name.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                throw .invalidSheetName(name, reason: "it contains a control character")
            }
            if name.hasPrefix("'") || name.hasSuffix("'") {
                throw .invalidSheetName(name, reason: "it begins or ends with an apostrophe")
            }
            if name.lowercased() == "history" { throw .invalidSheetName(name, reason: "Excel reserves it") }
            guard seen.insert(name.lowercased()).inserted else { throw .duplicateSheetName(name) }
        }
    }

    private static func worksheet(_ sheet: WritableSheet, selected: Bool, strings: inout SharedStringTable) throws(XLSXWriteError) -> String {
        let hasHeader = !sheet.header.isEmpty
        let rowCount = sheet.rows.count + (hasHeader ? 1 : 0)
        let columnCount = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        guard rowCount <= CellReference.maxRow else { throw .tooManyRows(sheet: sheet.name, rows: rowCount) }
        guard columnCount <= CellReference.maxColumns else { throw .tooManyColumns(sheet: sheet.name, columns: columnCount) }
        let letters = (0..<columnCount).map(CellReference.columnLetters)

        var texts = [[String]](repeating: [], count: columnCount)
        var body = ""
        var rowNumber = 0
        func cell(_ value: CellValue, column: Int, style: Int?) throws(XLSXWriteError) {
            let reference = letters[column] + String(rowNumber)
            let styled = style.map { #" s="\#($0)""# } ?? ""
            switch value {
            case .empty: return
            case .text(let text):
                guard text.utf16.count <= 32_767 else {
                    throw .textTooLong(sheet: sheet.name, CellReference(row: rowNumber, column: column))
                }
                body += #"<c r="\#(reference)" t="s"\#(styled)><v>\#(strings.index(of: text))</v></c>"#
                texts[column].append(text)
            case .number(let number):
                guard number.isFinite else { throw .notFinite(sheet: sheet.name, CellReference(row: rowNumber, column: column)) }
                let text = NumberText.format(number)
                body += #"<c r="\#(reference)"\#(styled)><v>\#(text)</v></c>"#
                texts[column].append(text)
            }
        }
        if hasHeader {
            rowNumber = 1
            body += #"<row r="1">"#
            for (column, title) in sheet.header.enumerated() { try cell(.text(title), column: column, style: WorkbookParts.headerStyle) }
            body += "</row>"
        }
        for row in sheet.rows {
            rowNumber += 1
            guard row.contains(where: { $0 != .empty }) else { continue }
            body += #"<row r="\#(rowNumber)">"#
            for (column, value) in row.enumerated() { try cell(value, column: column, style: nil) }
            body += "</row>"
        }
        let dimension = columnCount == 0 || rowCount == 0 ? "A1" : "A1:\(letters[columnCount - 1])\(rowCount)"
        return WorkbookParts.worksheetHead(dimension: dimension, selected: selected, frozenHeader: hasHeader,
                                           widths: texts.map(ColumnWidth.of))
            + body + WorkbookParts.worksheetTail
    }
}
