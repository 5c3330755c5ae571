import ZipArchive

/// Why sheets could not be written as a workbook Excel opens: each is a limit or rule of Excel's
/// that the data broke, named with the sheet and cell.
public enum XLSXWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSheets
    case invalidSheetName(String, reason: String)
    case duplicateSheetName(String)
    case tooManyRows(sheet: String, rows: Int)
    case tooManyColumns(sheet: String, columns: Int)
    /// Excel holds at most 32,767 characters in a cell.
    case textTooLong(sheet: String, CellReference)
    case notFinite(sheet: String, CellReference)
    case archive(ZipError)

    public var description: String {
        switch self {
        case .noSheets: return "a workbook needs at least one sheet"
        case .invalidSheetName(let name, let reason): return "\"\(name)\" cannot name a sheet: \(reason)"
        case .duplicateSheetName(let name): return "two sheets are named \"\(name)\""
        case .tooManyRows(let sheet, let rows): return "sheet \"\(sheet)\" would have \(rows) rows; Excel holds \(CellReference.maxRow)"
        case .tooManyColumns(let sheet, let columns):
            return "sheet \"\(sheet)\" would have \(columns) columns; Excel holds \(CellReference.maxColumns)"
        case .textTooLong(let sheet, let cell): return "\(sheet)!\(cell) holds more than 32,767 characters, Excel's limit"
        case .notFinite(let sheet, let cell): return "\(sheet)!\(cell) is not a finite number"
        case .archive(let error): return "the workbook could not be zipped: \(error.description)"
        }
    }
}
