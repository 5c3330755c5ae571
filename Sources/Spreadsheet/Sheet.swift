/// A sheet as read from a workbook: its name on the tab and its non-empty rows, in order.
///
/// Every cell is a string, as the sheet stores it:
/// - text (shared or inline strings, rich text joined, phonetic guides left out) as written;
/// - numbers in the shortest form that reads back to the same double (`3.8`, `2005000000`,
///   `1e-05`), whatever digits Excel stored (`3.7999999999999998`);
/// - booleans as `TRUE` and `FALSE`, error values as shown (`#DIV/0!`);
/// - a formula's cached result, and "" for a formula never calculated;
/// - dates as their serial numbers (`44834` is 2022-09-30): the format that makes a number a
///   date lives in the styles, which are not read. Periods are expected as text (`2022-Q3`).
public struct Sheet: Sendable, Equatable {
    public var name: String
    public var rows: [SheetRow]

    public init(name: String, rows: [SheetRow]) {
        self.name = name
        self.rows = rows
    }
}
