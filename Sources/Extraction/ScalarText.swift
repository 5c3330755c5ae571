/// The text being extracted from, as Unicode scalars, with a normalized twin for matching.
///
/// The extractor works in offsets into `normalized`, which folds full-width forms to ASCII and
/// reads through the mess of text that came out of a PDF or a Word file (`LayoutFolding`): it
/// leaves out spaces inside numbers and terms, line breaks that only wrap a line, page numbers
/// and running headers. `normalized` may therefore be shorter than `original`; `origin` maps
/// each normalized index back, and facts are cut from the original with `originalRange` so that
/// their offsets and quotes point into the text as stored.
struct ScalarText: Sendable {
    let original: [Unicode.Scalar]
    let normalized: [UInt32]
    /// `origin[i]` is the index in `original` of `normalized[i]`, strictly increasing.
    let origin: [Int32]

    init(_ text: String) {
        original = Array(text.unicodeScalars)
        (normalized, origin) = LayoutFolding.fold(original)
    }

    var count: Int { normalized.count }

    subscript(i: Int) -> UInt32 { i >= 0 && i < normalized.count ? normalized[i] : 0 }

    /// Full-width forms (U+FF01–U+FF5E) fold to ASCII; ideographic space to space; dashes to `-`;
    /// traditional characters to simplified ones.
    static func normalize(_ v: UInt32) -> UInt32 {
        switch v {
        case 0xFF01...0xFF5E: return v - 0xFEE0
        case 0x3000, 0xA0: return 0x20
        case 0x0C: return 0x0A   // pdftotext ends each page with a form feed: a line break
        case 0x2014, 0x2013, 0x2012, 0x2015, 0x2212, 0xFE63: return 0x2D  // dashes in 1—9月, 2021–2025
        case 0x201C, 0x201D, 0x300C, 0x300D: return 0x22
        case 0x3010, 0x3014: return 0x5B
        case 0x3011, 0x3015: return 0x5D
        case simplifiedRange:
            let s = simplified[Int(v - simplifiedRange.lowerBound)]
            return s == 0 ? v : s
        default: return v
        }
    }

    /// Traditional characters fold to simplified ones (規模以上工業增加值 reads as 规模以上工业增加值).
    private static let simplifiedRange: ClosedRange<UInt32> = 0x3400...0x9FFF
    private static let simplified: [UInt32] = {
        var table = [UInt32](repeating: 0, count: Int(simplifiedRange.upperBound - simplifiedRange.lowerBound) + 1)
        for (traditional, simple) in TraditionalChinese.pairs {
            table[Int(traditional - simplifiedRange.lowerBound)] = simple
        }
        return table
    }()

    static func normalized(_ s: String) -> [UInt32] { s.unicodeScalars.map { normalize($0.value) } }

    /// Whether `word` (already normalized) occurs at `i`.
    func has(_ word: [UInt32], at i: Int) -> Bool {
        guard i >= 0, i + word.count <= normalized.count else { return false }
        var k = 0
        while k < word.count {
            if normalized[i + k] != word[k] { return false }
            k += 1
        }
        return true
    }

    /// Where 2012年的 starts when it stands right before `i` (从2012年的全国第28位).
    func yearOfStart(before i: Int) -> Int? {
        guard self[i - 1] == 0x7684, self[i - 2] == 0x5E74 else { return nil }   // 年的
        var k = i - 3
        while k >= 0, Self.isDigit(self[k]) { k -= 1 }
        return i - 3 - k == 4 ? k + 1 : nil
    }

    /// Whether `word` ends exactly at `end` (exclusive).
    func has(_ word: [UInt32], endingAt end: Int) -> Bool { has(word, at: end - word.count) }

    /// Whether `word` occurs anywhere in `range` (Foundation's String.contains is slow on Linux).
    func contains(_ word: [UInt32], in range: Range<Int>) -> Bool {
        guard !word.isEmpty, range.count >= word.count else { return false }
        var i = range.lowerBound
        while i + word.count <= range.upperBound {
            if normalized[i] == word[0], has(word, at: i) { return true }
            i += 1
        }
        return false
    }

    func containsAny(_ words: [[UInt32]], in range: Range<Int>) -> Bool {
        words.contains { contains($0, in: range) }
    }

    /// The first of `words` found at `i`, longest first as given.
    func first(of words: [[UInt32]], at i: Int) -> [UInt32]? {
        for w in words where has(w, at: i) { return w }
        return nil
    }

    /// The original scalars a normalized range was read from, including any space, line break or
    /// page furniture left out between its first and last scalar.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        let lo = max(0, min(range.lowerBound, normalized.count))
        let hi = max(lo, min(range.upperBound, normalized.count))
        guard lo < hi else {
            let at = lo < normalized.count ? Int(origin[lo]) : original.count
            return at..<at
        }
        return Int(origin[lo])..<(Int(origin[hi - 1]) + 1)
    }

    /// The original text of a normalized range: what a fact quotes.
    func string(_ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: original[originalRange(range)])
        return String(s)
    }

    func normalizedString(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, normalized.count))
        let hi = max(lo, min(range.upperBound, normalized.count))
        var s = String.UnicodeScalarView()
        for v in normalized[lo..<hi] { if let u = Unicode.Scalar(v) { s.append(u) } }
        return String(s)
    }

    static func isDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }
    static func isCJK(_ v: UInt32) -> Bool { (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) }
}

extension Array where Element == UInt32 {
    init(word: String) { self = ScalarText.normalized(word) }
}

/// Normalized word lists, sorted longest first so the first hit is the longest.
func words(_ list: [String]) -> [[UInt32]] {
    list.map { ScalarText.normalized($0) }.sorted { $0.count > $1.count }
}

/// Normalized keys with their meanings, longest key first.
func keyed<T>(_ list: [(String, T)]) -> [([UInt32], T)] {
    list.map { (ScalarText.normalized($0.0), $0.1) }.sorted { $0.0.count > $1.0.count }
}
