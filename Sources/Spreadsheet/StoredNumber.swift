import Domain

/// A number cell's stored text (`<v>`) as the rest of the project writes numbers. Excel stores
/// up to 17 significant digits (`3.7999999999999998` for 3.8) and exponents as `1E-3`; read
/// back as a double and written by `NumberText`, both become what a person typed. Text that is
/// not a plain decimal is returned as it is, so nothing `Double` alone would accept (`0x1p3`,
/// `nan`, `inf`) is turned into a number here.
enum StoredNumber {
    static func text(_ stored: String) -> String {
        guard isDecimal(stored), let value = Double(stored), value.isFinite else { return stored }
        return NumberText.format(value)
    }

    /// `[+-]digits[.digits][(e|E)[+-]digits]`, with digits on at least one side of the point.
    private static func isDecimal(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
