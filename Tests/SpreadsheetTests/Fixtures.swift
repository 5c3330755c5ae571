import Foundation
import ZipArchive

/// The committed workbooks (see scripts/make-xlsx-fixtures.py) and workbooks made by hand, part
/// by part, for what no generator at hand writes: inline strings, missing `r` attributes,
/// hostile XML.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A workbook of one sheet, "Sheet1", whose `<sheetData>` is `sheetData` (or the whole
    /// worksheet part, when it starts with `<?xml` or `<!`), with a shared strings table when
    /// `sharedStrings` is given (the `<si>` elements).
    static func workbook(sheetData: String, sharedStrings: String? = nil, method: ZipEntry.Method = .deflated) throws -> [UInt8] {
        var zip = ZipWriter()
        let sheet = sheetData.hasPrefix("<?xml") || sheetData.hasPrefix("<!")
            ? sheetData : #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\#(main)"><sheetData>\#(sheetData)</sheetData></worksheet>"#
        try zip.add("_rels/.rels", Array((#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).utf8))
        try zip.add("xl/workbook.xml", Array((#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\#(main)" xmlns:r="\#(relationships)">"#
            + #"<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#).utf8))
        var rels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="\#(relationships)/worksheet" Target="worksheets/sheet1.xml"/>"#
        if sharedStrings != nil {
            rels += #"<Relationship Id="rId2" Type="\#(relationships)/sharedStrings" Target="/xl/sharedStrings.xml"/>"#
        }
        try zip.add("xl/_rels/workbook.xml.rels", Array((rels + "</Relationships>").utf8))
        if let sharedStrings {
            try zip.add("xl/sharedStrings.xml", Array(#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="\#(main)">\#(sharedStrings)</sst>"#.utf8))
        }
        try zip.add("xl/worksheets/sheet1.xml", Array(sheet.utf8), method: method)
        return zip.finish()
    }
}
