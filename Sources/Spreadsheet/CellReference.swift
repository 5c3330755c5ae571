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
    public init?(_ text: String) {
        let bytes = text.utf8
        let letters = bytes.prefix { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }.count
        let digits = bytes.dropFirst(letters)
        guard letters > 0, let column = Self.columnIndex(bytes.prefix(letters)),
              !digits.isEmpty, digits.count <= 7, digits.first != UInt8(ascii: "0") else { return nil }
        var row = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            row = row * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard row <= Self.maxRow else { return nil }
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
    public static func columnIndex(_ letters: String) -> Int? { columnIndex(letters.utf8[...]) }

    private static func columnIndex(_ letters: Substring.UTF8View) -> Int? {
        guard !letters.isEmpty, letters.count <= 3 else { return nil }
        var n = 0
        for byte in letters {
            let upper = byte & ~0x20
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { return nil }
            n = n * 26 + Int(upper - UInt8(ascii: "A")) + 1
        }
        return n <= maxColumns ? n - 1 : nil
    }
}
