import ZipArchive

/// Why a workbook could not be read, worded for whoever uploaded it.
public enum XLSXReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not an .xlsx at all: another kind of file, or a zip that holds no workbook.
    case notAWorkbook(String)
    /// Refused or damaged at the zip level: limits, zip bombs, truncation.
    case archive(ZipError)
    /// A part's XML was refused: declarations (entity expansion), malformed or cut short.
    case xml(part: String, XMLScanError)
    /// A part the workbook refers to is not in the file.
    case missingPart(String)
    case noSheets
    /// A cell's `r` attribute is not a cell of its row (or not a reference at all).
    case badCellReference(String, row: Int)
    /// Rows must come in increasing order, as Excel writes them: otherwise a row number would be ambiguous.
    case rowOutOfOrder(row: Int, after: Int)
    /// A shared-string cell whose index is not in the shared strings table.
    case badSharedString(CellReference, index: String)
    case tooManyRows(limit: Int)
    case tooManyColumns(CellReference, limit: Int)
    case tooManyCells(limit: Int)

    public var description: String {
        switch self {
        case .notAWorkbook(let what): return "not an Excel workbook (.xlsx): \(what)"
        case .archive(let error): return "the workbook cannot be read: \(error.description)"
        case .xml(let part, let error): return "the workbook's \(part) is refused: \(error.description)"
        case .missingPart(let part): return "the workbook is incomplete: it has no \(part)"
        case .noSheets: return "the workbook has no sheets"
        case .badCellReference(let text, let row): return "row \(row) has a cell at \"\(text)\", which is not a cell of that row"
        case .rowOutOfOrder(let row, let after): return "row \(row) comes after row \(after); rows must be in order"
        case .badSharedString(let cell, let index): return "\(cell) refers to shared string \(index), which does not exist"
        case .tooManyRows(let limit): return "the sheet has more than \(limit) rows"
        case .tooManyColumns(let cell, let limit):
            return "\(cell) is beyond the last column read (\(CellReference.columnLetters(max(limit - 1, 0))), \(limit) columns)"
        case .tooManyCells(let limit): return "the sheet has more than \(limit) cells"
        }
    }
}
