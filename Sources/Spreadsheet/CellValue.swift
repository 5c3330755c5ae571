/// A cell to write: text, a number, or nothing.
public enum CellValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    case text(String)
    /// Written in the shortest form that reads back to the same double; must be finite.
    case number(Double)
    case empty

    public init(stringLiteral value: String) { self = .text(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}
