/// When a report was published, read from what it says about itself: a 发布时间 cell, a date
/// line under the title, or the date in its URL (…/202204/…, /2023-08-19/, t20221123_…).
///
/// The date anchors what the text leaves relative: 今年 and 1-3月 are of the publication year,
/// 去年 the year before.
struct DocumentDate: Sendable, Hashable {
    var year: Int
    var month: Int?

    /// Lines saying what day it is now (今天是 2023年12月28日) date the visit, not the report.
    private static let visitWords = words(["今天是", "今日", "当前时间", "现在时间"])

    static func isVisitLine(_ text: ScalarText, _ line: Range<Int>) -> Bool { text.containsAny(visitWords, in: line) }

    /// A line of its own near the top that is, or ends in, a date: `2022年10月26日`,
    /// `2023-02-13 12:26:41`, `Admin 2017-12-13`.
    static func dateLine(_ text: ScalarText, lines: [Range<Int>]) -> DocumentDate? {
        for line in lines.prefix(12) where line.count <= 40 {
            if text.containsAny(visitWords, in: line) { continue }
            if let d = firstDate(text, in: line), text.containsAny(words(["。", ","]), in: line) == false { return d }
        }
        return nil
    }

    /// The first full date (year, month and day) in `range`.
    static func firstDate(_ text: ScalarText, in range: Range<Int>) -> DocumentDate? {
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            if ScalarText.isDigit(text[i]), !ScalarText.isDigit(text[i - 1]),
               let d = DocumentAnalysis.isoDate(text.normalizedString(i..<min(range.upperBound, i + 11))),
               let y = Int(d.prefix(4)), let m = Int(d.dropFirst(5).prefix(2)) {
                return DocumentDate(year: y, month: m)
            }
            i += 1
        }
        return nil
    }

    /// A date in a URL's path: 2023-08-19, 2023/0209, 202204, 20211110, t20221123_2804133.
    static func fromURL(_ url: String) -> DocumentDate? {
        let path = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).dropFirst(3).joined(separator: "/")
        let s = Array(path.unicodeScalars.map(\.value))
        var i = 0
        while i < s.count {
            guard ScalarText.isDigit(s[i]), i == 0 || !ScalarText.isDigit(s[i - 1]) else { i += 1; continue }
            var j = i
            while j < s.count, ScalarText.isDigit(s[j]) { j += 1 }
            let run = String(String.UnicodeScalarView(s[i..<j].compactMap(Unicode.Scalar.init)))
            if let d = date(run: run, next: j < s.count ? Array(s[j...].prefix(6)) : []) { return d }
            i = j
        }
        return nil
    }

    private static func date(run: String, next: [UInt32]) -> DocumentDate? {
        func valid(_ y: Int, _ m: Int?) -> DocumentDate? {
            guard (1990...2100).contains(y) else { return nil }
            if let m, !(1...12).contains(m) { return nil }
            return DocumentDate(year: y, month: m)
        }
        let digits = run.compactMap(\.wholeNumberValue)
        func number(_ r: Range<Int>) -> Int { digits[r].reduce(0) { $0 * 10 + $1 } }
        switch digits.count {
        case 8: return valid(number(0..<4), number(4..<6))                  // 20211110
        case 6: return valid(number(0..<4), number(4..<6))                  // 202204
        case 4:
            // 2023-08-19, 2023/0209, 2022/3/2: a year followed by a month; nian=2017 or /2017/: a year.
            guard let sep = next.first, sep == 0x2D || sep == 0x2F, next.count > 1 else {
                return next.first.map { $0 == 0x26 || $0 == 0x2F } ?? true ? valid(number(0..<4), nil) : nil
            }
            var month = 0, k = 1, n = 0
            while k < next.count, ScalarText.isDigit(next[k]) { month = month * 10 + Int(next[k] - 0x30); k += 1; n += 1 }
            if n == 4 { month /= 100 }
            guard n >= 1 else { return nil }
            return valid(number(0..<4), month)
        default: return nil
        }
    }
}
