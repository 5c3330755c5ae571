import Domain

/// A number read from the text with its scale, unit, approximation and bound.
struct Quantity: Sendable {
    /// In base units: 20.05亿元 is 2_005_000_000.
    var value: Double
    var unit: QuantityUnit
    var approximate: Bool
    var bound: Bound?
    /// Start of the number itself, and of any prefix such as 近, 约, 不低于.
    var numberStart: Int
    var start: Int
    var end: Int
    /// 27.6亿 read as yuan though the text gives no unit.
    var unitInferred = false
}
