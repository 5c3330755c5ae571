/// Folds a report's text into what the extractor reads, keeping where each scalar came from.
///
/// Besides the one-to-one folds of `ScalarText.normalize`, it leaves out what printing and
/// copying out of PDF or Word add to Chinese prose:
/// - a single space next to a Chinese character (`2022 年`, `286.61 亿元`, `R&D 经费`), between a
///   number and `%`, and around the dash of `1 - 9月`; spaces between Latin words and numbers, and
///   runs of spaces (table columns), stay;
/// - a line break that only wraps a line (`LineWrap`), with the spaces around it;
/// - page numbers and running headers and footers (`PageFurniture`);
/// - zero-width spaces, joiners and soft hyphens.
enum LayoutFolding {
    static func fold(_ original: [Unicode.Scalar]) -> (normalized: [UInt32], origin: [Int32]) {
        var n: [UInt32] = []
        n.reserveCapacity(original.count)
        for s in original { n.append(ScalarText.normalize(s.value)) }
        let lines = TextLine.split(n, original: original)
        let furniture = PageFurniture.find(lines, n)
        let wrap = LineWrap(lines: lines, kept: furniture.map { !$0 }, original: original)

        // Each text line's join to the next text line: across blank lines only at a page break,
        // where the blank lines are the page's margins rather than a paragraph's end.
        var joins = [LineWrap.Join?](repeating: nil, count: lines.count)
        var previous: Int?
        var sawBlank = false
        for (i, line) in lines.enumerated() where !furniture[i] {
            if line.isBlank {
                sawBlank = true
                continue
            }
            if let p = previous, !(sawBlank && lines[p].page == line.page) {
                joins[p] = wrap.join(lines[p], line, n, original: original)
            } else if let p = previous, LineWrap.breaksWord(lines[p], line, n, original: original) {
                joins[p] = .through
            }
            previous = i
            sawBlank = false
        }

        var out = Output(capacity: n.count)
        var joining = false
        for (i, line) in lines.enumerated() {
            if furniture[i] || (joining && line.isBlank) { continue }
            if !joining { out.copy(n, line.start..<line.contentStart) }
            joining = false
            foldSpaces(n, line.contentStart..<line.contentEnd, into: &out)
            if let join = joins[i] {
                if join == .space { out.append(0x20, from: line.end) }
                joining = true
            } else {
                out.copy(n, line.contentEnd..<min(line.end + 1, n.count))
            }
        }
        return (out.normalized, out.origin)
    }

    private struct Output {
        var normalized: [UInt32] = []
        var origin: [Int32] = []

        init(capacity: Int) {
            normalized.reserveCapacity(capacity)
            origin.reserveCapacity(capacity)
        }

        mutating func append(_ v: UInt32, from index: Int) {
            normalized.append(v)
            origin.append(Int32(truncatingIfNeeded: index))
        }

        mutating func copy(_ n: [UInt32], _ range: Range<Int>) {
            for i in range where !LayoutFolding.isInvisible(n[i]) { append(n[i], from: i) }
        }
    }

    static func isInvisible(_ v: UInt32) -> Bool {
        (0x200B...0x200D).contains(v) || v == 0x2060 || v == 0xFEFF || v == 0xAD
    }

    /// Chinese characters and punctuation, kana, full-width forms: scripts written without spaces.
    static func isWide(_ v: UInt32) -> Bool { v >= 0x2E80 && !(0xFE00...0xFE0F).contains(v) }

    private static func isDash(_ v: UInt32) -> Bool { v == 0x2D || v == 0x7E }

    /// Copies a line's content, leaving out the single spaces that cannot mean anything there.
    private static func foldSpaces(_ n: [UInt32], _ range: Range<Int>, into out: inout Output) {
        var i = range.lowerBound
        while i < range.upperBound {
            let v = n[i]
            if v == 0x28, i > range.lowerBound, ScalarText.isCJK(n[i - 1]), let end = pinyinGlossEnd(n, from: i, in: range) {
                i = end
                continue
            }
            if v != 0x20 {
                if !isInvisible(v) { out.append(v, from: i) }
                i += 1
                continue
            }
            var end = i
            while end < range.upperBound, n[end] == 0x20 { end += 1 }
            // Content has no space at either end, so both neighbours exist.
            if end - i != 1 || !dropsSpace(n, at: i, in: range) {
                for k in i..<end { out.append(0x20, from: k) }
            }
            i = end
        }
    }

    private static let toneLetters: Set<UInt32> = Set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".unicodeScalars.map(\.value))

    /// 研發(fā)經(jīng)費: pages that print a character's reading after it in parentheses. The reading
    /// (lower-case pinyin, most often with a tone mark) is left out; 研究与试验发展(R&D) stays.
    private static func pinyinGlossEnd(_ n: [UInt32], from open: Int, in range: Range<Int>) -> Int? {
        var j = open + 1
        var tone = false
        while j < range.upperBound, j - open <= 8 {
            let v = n[j]
            if v == 0x29 {
                return j > open + 1 && (tone || j - open <= 4) ? j + 1 : nil
            }
            if toneLetters.contains(v) {
                tone = true
            } else if !(v >= 0x61 && v <= 0x7A) {
                return nil
            }
            j += 1
        }
        return nil
    }

    private static func dropsSpace(_ n: [UInt32], at i: Int, in range: Range<Int>) -> Bool {
        let left = n[i - 1], right = n[i + 1]
        // Table cells keep their padding: `指标 | 单位`.
        if left == 0x7C || right == 0x7C || left == 0x09 || right == 0x09 { return false }
        if isWide(left) || isWide(right) { return true }
        if ScalarText.isDigit(left), right == 0x25 { return true }
        func digitBefore(_ j: Int) -> Bool {
            j >= range.lowerBound && (ScalarText.isDigit(n[j]) || (n[j] == 0x20 && j - 1 >= range.lowerBound && ScalarText.isDigit(n[j - 1])))
        }
        func digitAfter(_ j: Int) -> Bool {
            j < range.upperBound && (ScalarText.isDigit(n[j]) || (n[j] == 0x20 && j + 1 < range.upperBound && ScalarText.isDigit(n[j + 1])))
        }
        // 18 158家: a space between thousands.
        if ScalarText.isDigit(left), ScalarText.isDigit(right), i + 3 < range.upperBound || i + 3 == range.upperBound,
           (i + 1..<min(i + 4, range.upperBound)).allSatisfy({ ScalarText.isDigit(n[$0]) }),
           i + 4 >= range.upperBound || !ScalarText.isDigit(n[i + 4]),
           (1...3).contains((range.lowerBound..<i).reversed().prefix { ScalarText.isDigit(n[$0]) }.count),
           i - 4 < range.lowerBound || !ScalarText.isDigit(n[i - 4]) {
            return true
        }
        // 1 - 9月, 2021 ~ 2025年
        if isDash(left), ScalarText.isDigit(right), digitBefore(i - 2) { return true }
        if ScalarText.isDigit(left), isDash(right), digitAfter(i + 2) { return true }
        return false
    }
}
