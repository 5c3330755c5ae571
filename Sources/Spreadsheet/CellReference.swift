/// A cell's address as Excel shows it: `C7` is column C (index 2) of row 7. Errors about a
/// workbook's contents name cells this way, so that the person who filled it finds them.
public struct CellReference: Sendable, Hashable, CustomStringConvertible {
    /// Excel's own bounds: XFD1048576 is the last cell of a sheet.
    public static let maxRow = 1_048_576
    public static let maxColumns = 16_384

    /// 1-based, as Excel numbers rows.
    public var row: Int
    /// 0-based: 0 is column A.
    public var column: Int

    public init(row: Int, column: Int) {
        precondition(row >= 1 && column >= 0, "a cell reference needs a row from 1 and a column from 0")
        self.row = row
        self.column = column
    }

    /// Reads `C7` or `AA10`: letters, then a row number, both within Excel's bounds; no `$`.
    public init?(_ text: some StringProtocol) {
        let letters = text.prefix { $0.isASCII && $0.isLetter }
        guard let column = Self.columnIndex(letters), let row = Int(text.dropFirst(letters.count)),
              row >= 1, row <= Self.maxRow, !text.dropFirst(letters.count).hasPrefix("+") else { return nil }
        self.init(row: row, column: column)
    }

    public var description: String { Self.columnLetters(column) + String(row) }

    /// The letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA, 16383 → XFD.
    public static func columnLetters(_ index: Int) -> String {
        precondition(index >= 0, "column indexes start at 0")
        var letters: [UInt8] = []
        var n = index + 1
        while n > 0 {
            letters.append(UInt8(ascii: "A") + UInt8((n - 1) % 26))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// The 0-based index of column letters (either case), or nil past XFD or for anything else.
    public static func columnIndex(_ letters: some StringProtocol) -> Int? {
        guard !letters.isEmpty, letters.utf8.count <= 3 else { return nil }
        var n = 0
        for byte in letters.utf8 {
            let upper = byte & ~0x20
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { return nil }
            n = n * 26 + Int(upper - UInt8(ascii: "A")) + 1
        }
        return n <= maxColumns ? n - 1 : nil
    }
}
