/// One line of a text being folded: its scalars, the page it is on, and where its content starts
/// and ends without the spaces around it.
struct TextLine {
    /// First scalar of the line.
    var start: Int
    /// Index of its terminator (line feed or form feed), or the end of the text.
    var end: Int
    /// Counted by form feeds, which pdftotext writes at the end of every page.
    var page: Int
    var contentStart: Int
    var contentEnd: Int

    var isBlank: Bool { contentStart >= contentEnd }

    /// Splits at line feeds and form feeds. `n` is the text folded one to one (spaces already
    /// ASCII); `original` tells form feeds apart, which the fold turned into line feeds.
    static func split(_ n: [UInt32], original: [Unicode.Scalar]) -> [TextLine] {
        var lines: [TextLine] = []
        var start = 0
        var page = 0
        var i = 0
        while i <= n.count {
            if i == n.count || n[i] == 0x0A {
                var lo = start, hi = i
                while lo < hi, isBlank(n[lo]) { lo += 1 }
                while hi > lo, isBlank(n[hi - 1]) { hi -= 1 }
                lines.append(TextLine(start: start, end: i, page: page, contentStart: lo, contentEnd: hi))
                if i < n.count, original[i].value == 0x0C { page += 1 }
                start = i + 1
            }
            i += 1
        }
        return lines
    }

    /// A carriage return before a line feed is part of the line's end, not of its content.
    static func isBlank(_ v: UInt32) -> Bool { v == 0x20 || v == 0x09 || v == 0x0D }

    /// Columns the line takes on the page, wide scripts counting two: how full it is.
    func width(_ original: [Unicode.Scalar]) -> Int {
        var w = 0
        for i in start..<contentEnd {
            let v = original[i].value
            w += v >= 0x2E80 || (0x2010...0x2027).contains(v) ? 2 : 1
        }
        return w
    }
}
