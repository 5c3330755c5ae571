/// A column's width in Excel's unit (the width of a `0` in the default font), from the widest
/// text in it: characters of East Asian scripts take two units, as they do on screen.
enum ColumnWidth {
    static let minimum = 8.0
    static let maximum = 60.0
    /// Room for the cell's padding and a bold header.
    static let padding = 2.0

    static func of(_ texts: [String]) -> Double {
        let widest = texts.map(displayWidth).max() ?? 0
        return min(max(Double(widest) + padding, minimum), maximum)
    }

    /// The widest line of a text, in units.
    static func displayWidth(_ text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) } }
            .max() ?? 0
    }

    /// Hangul, CJK (radicals to Yi, compatibility ideographs, extension planes) and full-width
    /// forms (Unicode's East Asian Width W and F, in broad ranges).
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD: return true
        default: return false
        }
    }
}
