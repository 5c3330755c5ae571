/// Whether the break between two lines only wraps a line, so that the extractor should read
/// through it, or ends a sentence, a heading or a paragraph, which the lexer reads as a hard break.
///
/// Conservative: a line that is not full (shorter than the page's lines) is a heading, a title or
/// a paragraph's end unless the break falls inside a number (`20.` / `05亿元`, `27.1` / `%`). A
/// line is known to be full only when the text is wrapped, that is when many of its lines share
/// one width, as printed pages do and plain text with a paragraph per line does not.
struct LineWrap {
    /// The width of a full line, when the text is wrapped.
    let fullWidth: Int?

    init(lines: [TextLine], kept: [Bool], original: [Unicode.Scalar]) {
        var widths: [Int] = []
        for (i, line) in lines.enumerated() where kept[i] && !line.isBlank {
            let w = line.width(original)
            if w >= 8 { widths.append(w) }
        }
        guard widths.count >= 4 else {
            fullWidth = nil
            return
        }
        widths.sort(by: >)
        // The width a quarter of the lines reach; wrapped text has many lines at about that width.
        let w = widths[widths.count / 4]
        let near = widths.filter { $0 * 10 >= w * 9 && $0 * 20 <= w * 21 }.count
        fullWidth = near * 5 >= widths.count * 2 && near >= 3 ? w : nil
    }

    enum Join {
        /// Read straight through: the break and the spaces around it are left out.
        case through
        /// Latin words or numbers on both sides: the break stands for a space.
        case space
    }

    /// How to join `a` to `b`, the next line with content, or nil to keep the break.
    func join(_ a: TextLine, _ b: TextLine, _ n: [UInt32], original: [Unicode.Scalar]) -> Join? {
        let last = n[a.contentEnd - 1], first = n[b.contentStart]
        // A Word table cell of several paragraphs: the next cell goes on the same row.
        if first == 0x7C { return .through }
        if Self.isTableRow(a, n) || Self.isTableRow(b, n) { return nil }
        if splitsNumber(a, b, n) { return .through }
        if endsSentence(a, n) || Self.startsItem(b, n) { return nil }
        if Self.breaksWord(a, b, n, original: original) { return .through }
        guard let full = fullWidth, a.width(original) * 100 >= full * 85,
              !Self.hasColumnGap(a, n), !Self.hasColumnGap(b, n) else { return nil }
        // A number is read on (Chinese prose puts no space in one); Latin words keep a space.
        if ScalarText.isDigit(last) && ScalarText.isDigit(first) { return .through }
        return Self.isWordChar(last) && Self.isWordChar(first) ? .space : .through
    }

    private static func isWordChar(_ v: UInt32) -> Bool {
        ScalarText.isDigit(v) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
    }

    /// Three spaces or more inside a line: columns of a table as `-layout` sets them, whose rows
    /// may be as wide as the text and still never run on into the next.
    static func hasColumnGap(_ line: TextLine, _ n: [UInt32]) -> Bool {
        var run = 0
        for i in line.contentStart..<line.contentEnd {
            run = n[i] == 0x20 ? run + 1 : 0
            if run >= 3 { return true }
        }
        return false
    }

    static func isTableRow(_ line: TextLine, _ n: [UInt32]) -> Bool {
        var bars = 0
        for i in line.contentStart..<line.contentEnd where n[i] == 0x7C { bars += 1 }
        return bars >= 2
    }

    /// 占规上工业增 / 值的72.8%: a line of prose cut between two characters of a sentence, as text
    /// copied from a web page or a PDF can be, with or without a blank line after it. A line is
    /// prose when it is long and has clauses; a heading or a table's label is neither.
    static func breaksWord(_ a: TextLine, _ b: TextLine, _ n: [UInt32], original: [Unicode.Scalar]) -> Bool {
        guard a.width(original) >= 60, isIdeograph(n[a.contentEnd - 1]),
              isIdeograph(n[b.contentStart]) || ScalarText.isDigit(n[b.contentStart]), !startsItem(b, n) else { return false }
        var clauses = 0
        for i in a.contentStart..<a.contentEnd where n[i] == 0x2C || n[i] == 0x3B || n[i] == 0x3002 {
            clauses += 1
            if clauses >= 2 { return true }
        }
        return false
    }

    private static func isIdeograph(_ v: UInt32) -> Bool { (0x4E00...0x9FFF).contains(v) }

    private static let enders: Set<UInt32> = Set("。!?;:…".unicodeScalars.map(\.value))
    private static let closers: Set<UInt32> = Set("\")]』」》".unicodeScalars.map(\.value))

    private func endsSentence(_ a: TextLine, _ n: [UInt32]) -> Bool {
        var i = a.contentEnd - 1
        if Self.closers.contains(n[i]), i > a.contentStart { i -= 1 }
        // A full stop after a digit followed by a digit is a decimal point, handled as a split number.
        return Self.enders.contains(n[i]) || n[i] == 0x2E
    }

    private static let units = ["%", "亿", "万", "元", "年", "月", "家", "倍", "个百分点"].map { ScalarText.normalized($0) }

    /// `20.` + `05亿元`, `20` + `.05亿元`, `27.1` + `%`, `2022` + `年`.
    private func splitsNumber(_ a: TextLine, _ b: TextLine, _ n: [UInt32]) -> Bool {
        let end = a.contentEnd, start = b.contentStart
        let last = n[end - 1], first = n[start]
        // A line of nothing but a number is a table cell or an item number (`1.`), not a wrap.
        guard n[a.contentStart..<end].contains(where: { !ScalarText.isDigit($0) && $0 != 0x2E && $0 != 0x20 }) else {
            return false
        }
        if last == 0x2E, ScalarText.isDigit(n[end - 2]), ScalarText.isDigit(first) { return true }
        guard ScalarText.isDigit(last) else { return false }
        if first == 0x2E, start + 1 < b.contentEnd, ScalarText.isDigit(n[start + 1]) { return true }
        return Self.units.contains { unit in
            start + unit.count <= b.contentEnd && n[start..<(start + unit.count)].elementsEqual(unit)
        }
    }

    private static let ordinals: Set<UInt32> = Set("一二三四五六七八九十".unicodeScalars.map(\.value))
    private static let bullets: Set<UInt32> = Set("●•■◆◇□○▪-*".unicodeScalars.map(\.value))
    private static let partNouns: Set<UInt32> = Set("章节条部分篇".unicodeScalars.map(\.value))

    /// 一、 (一) 1、 1. 1) 第二章 ① ● 附件: a heading or a list item starts here.
    static func startsItem(_ b: TextLine, _ n: [UInt32]) -> Bool {
        let s = b.contentStart, e = b.contentEnd
        func at(_ i: Int) -> UInt32 { i < e ? n[i] : 0 }
        let v = at(s)
        if (0x2460...0x24FF).contains(v) || (0x2776...0x2793).contains(v) || bullets.contains(v) { return true }
        if v == 0x9644, at(s + 1) == 0x4EF6 { return true }   // 附件
        var i = s
        if v == 0x28 || v == 0x7B2C { i += 1 }                  // ( 第
        let numberStart = i
        while ordinals.contains(at(i)) || ScalarText.isDigit(at(i)) { i += 1 }
        guard i > numberStart, i - numberStart <= 3 else { return false }
        let after = at(i)
        switch v {
        case 0x28: return after == 0x29
        case 0x7B2C: return partNouns.contains(after)
        default:
            if after == 0x3001 || after == 0x29 { return true }   // 、 )
            // 1. but not 1.5
            return after == 0x2E && ScalarText.isDigit(v) && !ScalarText.isDigit(at(i + 1))
        }
    }
}
