/// The rows of a worksheet part (`<sheetData>`, ECMA-376 Part 1, 18.3.1.80), as strings.
///
/// Rows and cells may omit their `r` attribute (the spec allows it; some generators do): a row
/// then follows the one before, a cell the cell before. A row with nothing in it but formatting
/// is skipped, and trailing empty cells are dropped.
struct WorksheetReader {
    let sharedStrings: [String]
    let limits: SpreadsheetLimits
    let part: String

    private struct Cell {
        enum Capture { case value, inline }
        let reference: CellReference
        let type: String
        var value = ""
        var inline = ""
        var capture: Capture?
        var phonetic = 0
    }

    func rows(_ xml: [UInt8]) throws(XLSXReadError) -> [SheetRow] {
        var scanner = try scanning(xml)
        var rows: [SheetRow] = []
        var cellCount = 0
        var inSheetData = false
        var row = 0, lastRow = 0, lastColumn = -1
        var filled: [(column: Int, text: String)] = []
        var cell: Cell?
        scan: while let event = try next(&scanner) {
            switch event {
            case .start(let tag):
                switch tag.name {
                case "sheetData": inSheetData = true
                case "row" where inSheetData:
                    row = try rowNumber(tag, after: lastRow)
                    lastColumn = -1
                    filled.removeAll(keepingCapacity: true)
                case "c" where row > 0:
                    let reference = try cellReference(tag, row: row, after: lastColumn)
                    lastColumn = reference.column
                    cell = Cell(reference: reference, type: tag.attribute("t") ?? "n")
                case "v": cell?.capture = .value
                case "t" where cell?.phonetic == 0: cell?.capture = .inline
                case "rPh": cell?.phonetic += 1
                default: break
                }
            case .text(let text):
                switch cell?.capture {
                case .value?: cell?.value += text
                case .inline?: cell?.inline += text
                case nil: break
                }
            case .end(let name):
                switch name {
                case "v", "t": cell?.capture = nil
                case "rPh": cell?.phonetic -= 1
                case "c":
                    guard let done = cell else { break }
                    cell = nil
                    let text = try value(of: done)
                    guard !text.isEmpty else { break }
                    guard done.reference.column < limits.maxColumns else {
                        throw .tooManyColumns(done.reference, limit: limits.maxColumns)
                    }
                    filled.append((done.reference.column, text))
                case "row" where row > 0:
                    if let last = filled.map(\.column).max() {
                        cellCount += last + 1
                        guard cellCount <= limits.maxCells else { throw .tooManyCells(limit: limits.maxCells) }
                        guard rows.count < limits.maxRows else { throw .tooManyRows(limit: limits.maxRows) }
                        var cells = [String](repeating: "", count: last + 1)
                        for (column, text) in filled { cells[column] = text }
                        rows.append(SheetRow(number: row, cells: cells))
                    }
                    lastRow = row
                    row = 0
                case "sheetData": break scan
                default: break
                }
            }
        }
        return rows
    }

    private func scanning(_ xml: [UInt8]) throws(XLSXReadError) -> XMLScanner {
        do { return try XMLScanner(xml) } catch { throw .xml(part: part, error) }
    }

    private func next(_ scanner: inout XMLScanner) throws(XLSXReadError) -> XMLScanner.Event? {
        do { return try scanner.next() } catch { throw .xml(part: part, error) }
    }

    private func rowNumber(_ tag: XMLScanner.Tag, after last: Int) throws(XLSXReadError) -> Int {
        guard let text = tag.attribute("r") else { return last + 1 }
        guard let number = Int(text), number >= 1, number <= CellReference.maxRow else {
            throw .badCellReference(text, row: last + 1)
        }
        guard number > last else { throw .rowOutOfOrder(row: number, after: last) }
        return number
    }

    private func cellReference(_ tag: XMLScanner.Tag, row: Int, after column: Int) throws(XLSXReadError) -> CellReference {
        guard let text = tag.attribute("r") else {
            guard column + 1 < CellReference.maxColumns else { throw .badCellReference("(a cell after XFD)", row: row) }
            return CellReference(row: row, column: column + 1)
        }
        guard let reference = CellReference(text), reference.row == row else { throw .badCellReference(text, row: row) }
        return reference
    }

    /// A cell's text by its type (ECMA-376 Part 1, 18.18.11, ST_CellType).
    private func value(of cell: Cell) throws(XLSXReadError) -> String {
        switch cell.type {
        case "s":
            guard let index = Int(cell.value), sharedStrings.indices.contains(index) else {
                throw .badSharedString(cell.reference, index: cell.value)
            }
            return sharedStrings[index]
        case "inlineStr": return EscapedText.decode(cell.inline)
        case "str": return EscapedText.decode(cell.value)
        case "b": return cell.value == "1" ? "TRUE" : cell.value == "0" ? "FALSE" : cell.value
        case "n": return StoredNumber.text(cell.value)
        // "e" (an error value such as #DIV/0!) and "d" (an ISO 8601 date) read as stored.
        default: return cell.value
        }
    }
}
