import ZipArchive

/// Reads the first sheet of an .xlsx workbook into rows of strings (see `Sheet` for how each
/// kind of cell reads).
///
/// ```swift
/// let sheet = try XLSXReader.firstSheet(of: bytes)
/// for row in sheet.rows { print(row.reference(column: 2), row[2]) }   // C7 3.8
/// ```
///
/// The package is followed as Excel follows it: `_rels/.rels` names the workbook, the
/// workbook's first `<sheet>` and its relationships name the worksheet part and the shared
/// strings. Everything is checked before it costs anything: the zip's directory against
/// `limits.archive` (zip bombs), every XML part for declarations (entity expansion), the rows
/// against the row, column and cell caps.
public enum XLSXReader {
    public static func firstSheet(of bytes: [UInt8], limits: SpreadsheetLimits = SpreadsheetLimits()) throws(XLSXReadError) -> Sheet {
        let archive = try open(bytes, limits: limits)
        let workbook = try workbookPart(in: archive)
        let (name, relationshipID) = try firstSheetEntry(try contents(of: workbook, in: archive), part: workbook)
        let relsPart = PartRelationships.relsPart(of: workbook)
        let relationships = try PartRelationships(xml: try contents(of: relsPart, in: archive), source: workbook, part: relsPart)
        guard let sheetPart = relationships.target(id: relationshipID) else { throw .missingPart("the part of sheet \"\(name)\" (\(relationshipID))") }
        // A workbook with no text cells has no shared strings table.
        let strings = try relationships.target(type: "sharedStrings").map { part throws(XLSXReadError) in
            try SharedStrings.read(try contents(of: part, in: archive), part: part)
        } ?? []
        let reader = WorksheetReader(sharedStrings: strings, limits: limits, part: sheetPart)
        return Sheet(name: name, rows: try reader.rows(try contents(of: sheetPart, in: archive)))
    }

    private static func open(_ bytes: [UInt8], limits: SpreadsheetLimits) throws(XLSXReadError) -> ZipArchive {
        // An OLE compound file: an Excel 97–2003 .xls, or any workbook saved with a password
        // (Office encrypts the whole package into one).
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw .notAWorkbook("an Excel 97–2003 .xls or a workbook with a password; save it as an Excel Workbook (.xlsx) without one")
        }
        guard ZipArchive.looksLikeZip(bytes) else { throw .notAWorkbook("the file is not a zip archive, as an .xlsx is") }
        do {
            return try ZipArchive(bytes, limits: limits.archive)
        } catch {
            throw .archive(error)
        }
    }

    private static func workbookPart(in archive: ZipArchive) throws(XLSXReadError) -> String {
        if archive.entry(named: "_rels/.rels") != nil {
            let rels = try PartRelationships(xml: try contents(of: "_rels/.rels", in: archive), source: "", part: "_rels/.rels")
            if let part = rels.target(type: "officeDocument"), archive.entry(named: part) != nil {
                guard part.hasPrefix("xl/") || archive.entry(named: "word/document.xml") == nil else {
                    throw .notAWorkbook("a Word document")
                }
                return part
            }
        }
        if archive.entry(named: "xl/workbook.xml") != nil { return "xl/workbook.xml" }
        if archive.entry(named: "word/document.xml") != nil { throw .notAWorkbook("a Word document") }
        throw .notAWorkbook("a zip archive without a workbook in it")
    }

    /// The name and relationship id of the first `<sheet>` in the workbook's `<sheets>`: the
    /// first tab, hidden or not.
    private static func firstSheetEntry(_ xml: [UInt8], part: String) throws(XLSXReadError) -> (String, String) {
        let sheet: XMLScanner.Tag?
        do {
            sheet = try firstTag(named: "sheet", in: xml)
        } catch {
            throw .xml(part: part, error)
        }
        guard let sheet else { throw .noSheets }
        guard let id = sheet.attribute("id") else { throw .missingPart("the relationship of the first sheet") }
        return (sheet.attribute("name") ?? "", id)
    }

    private static func firstTag(named name: String, in xml: [UInt8]) throws(XMLScanError) -> XMLScanner.Tag? {
        var scanner = try XMLScanner(xml)
        while let event = try scanner.next() {
            if case .start(let tag) = event, tag.name == name { return tag }
        }
        return nil
    }

    private static func contents(of part: String, in archive: ZipArchive) throws(XLSXReadError) -> [UInt8] {
        do {
            return try archive.contents(of: part)
        } catch {
            if case .missingEntry = error { throw .missingPart(part) }
            throw .archive(error)
        }
    }
}
