import ZipArchive

/// What a workbook may hold before it is refused. The defaults admit any sheet Excel itself can
/// make of the width an observation upload has, within the sizes of a CSV upload.
public struct SpreadsheetLimits: Sendable, Equatable {
    /// Checked on the zip's directory before anything is inflated. The total is the CSV import
    /// body limit (512 MiB): the text of a workbook is never allowed more than a CSV would be.
    public var archive: ZipLimits
    /// Non-empty rows of the sheet read.
    public var maxRows: Int
    /// Columns: a cell with something in it further right is refused.
    public var maxColumns: Int
    /// Cells of the rows read, counting the empty cells inside a row: bounds the memory rows take.
    public var maxCells: Int

    public init(archive: ZipLimits = ZipLimits(maxEntries: 1_000, maxEntryBytes: 256 * 1024 * 1024,
                                                maxTotalBytes: 512 * 1024 * 1024),
                maxRows: Int = CellReference.maxRow, maxColumns: Int = 256, maxCells: Int = 10_000_000) {
        self.archive = archive
        self.maxRows = maxRows
        self.maxColumns = maxColumns
        self.maxCells = maxCells
    }
}
