/// A sheet to write: a name for its tab, a header row (bold, frozen above the rows as they
/// scroll) and rows under it. An empty header writes the rows from row 1, with nothing frozen.
public struct WritableSheet: Sendable, Equatable {
    /// Excel's rules hold: 1 to 31 characters, none of `[ ] : * ? / \`, no apostrophe at either
    /// end, unique in the workbook without regard to case.
    public var name: String
    public var header: [String]
    public var rows: [[CellValue]]

    public init(name: String, header: [String], rows: [[CellValue]]) {
        self.name = name
        self.header = header
        self.rows = rows
    }
}
