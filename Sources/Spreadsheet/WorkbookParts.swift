/// The fixed parts of a written workbook and the XML around its sheets (ECMA-376 Part 1,
/// transitional), in the element order Excel insists on: an element out of order is a file
/// Excel offers to "repair".
enum WorkbookParts {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    static func contentTypes(sheets: Int) -> String {
        var out = declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        out += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        out += #"<Default Extension="xml" ContentType="application/xml"/>"#
        out += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for n in 1...sheets {
            out += #"<Override PartName="/xl/worksheets/sheet\#(n).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        out += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        out += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        return out + "</Types>"
    }

    static let packageRelationships = declaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="\#(relationshipsNamespace)/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    static func workbook(sheetNames: [String]) -> String {
        var out = declaration + #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipsNamespace)">"#
        out += "<bookViews><workbookView/></bookViews><sheets>"
        for (i, name) in sheetNames.enumerated() {
            out += #"<sheet name="\#(XMLEscape.attribute(name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        return out + "</sheets></workbook>"
    }

    /// Sheets are rId1…rIdN, then the styles and the shared strings.
    static func workbookRelationships(sheets: Int) -> String {
        var out = declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for n in 1...sheets {
            out += #"<Relationship Id="rId\#(n)" Type="\#(relationshipsNamespace)/worksheet" Target="worksheets/sheet\#(n).xml"/>"#
        }
        out += #"<Relationship Id="rId\#(sheets + 1)" Type="\#(relationshipsNamespace)/styles" Target="styles.xml"/>"#
        out += #"<Relationship Id="rId\#(sheets + 2)" Type="\#(relationshipsNamespace)/sharedStrings" Target="sharedStrings.xml"/>"#
        return out + "</Relationships>"
    }

    /// Two cell formats: 0, the default, and 1, bold, for the header. Excel requires the two
    /// fills (none and gray125) and one border even when nothing uses them.
    static let styles = declaration + #"<styleSheet xmlns="\#(mainNamespace)">"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    static let headerStyle = 1

    /// Everything of a worksheet before its rows: the used range, the view (the header frozen),
    /// the column widths.
    static func worksheetHead(dimension: String, selected: Bool, frozenHeader: Bool, widths: [Double]) -> String {
        var out = declaration + #"<worksheet xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipsNamespace)">"#
        out += #"<dimension ref="\#(dimension)"/>"#
        out += #"<sheetViews><sheetView"# + (selected ? #" tabSelected="1""# : "") + #" workbookViewId="0">"#
        if frozenHeader {
            out += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            out += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#
        }
        out += "</sheetView></sheetViews>"
        out += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if !widths.isEmpty {
            out += "<cols>"
            for (i, width) in widths.enumerated() {
                out += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(width)" customWidth="1"/>"#
            }
            out += "</cols>"
        }
        return out + "<sheetData>"
    }

    static let worksheetTail = "</sheetData></worksheet>"
}
