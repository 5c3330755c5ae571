/// One row of a sheet as read: its number as Excel shows it and its cells as strings.
public struct SheetRow: Sendable, Equatable {
    /// 1-based, the number at the sheet's left edge. Rows with nothing in them are not read, so
    /// numbers may skip.
    public var number: Int
    /// Index 0 is column A. An empty cell is ""; the row ends at its last non-empty cell.
    public var cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }

    /// The cell of a 0-based column, "" past the row's end.
    public subscript(column: Int) -> String { column < cells.count ? cells[column] : "" }

    /// Where a column of this row is, for messages: `reference(column: 2)` of row 7 is C7.
    public func reference(column: Int) -> CellReference { CellReference(row: number, column: column) }
}
