import Domain

/// Reads a number with its scale, unit, approximation and bound at a position of the text.
enum QuantityReader {
    private static let scales: [([UInt32], Double)] = [
        (Array(word: "万亿"), 1e12), (Array(word: "千万"), 1e7), (Array(word: "百万"), 1e6),
        (Array(word: "亿"), 1e8), (Array(word: "万"), 1e4), (Array(word: "千"), 1e3),
    ]
    private static let classifiers = words([
        "家次", "人次", "户次", "家", "个", "项", "件", "人", "所", "座", "张", "台", "套", "篇", "次",
        "期", "场", "批", "名", "户", "支", "条", "处", "份", "种", "款", "位", "例", "栋", "平方米", "亩",
    ])
    private static let money = words(["美元", "元"])
    private static let percentagePoints = words(["个百分点", "百分点"])
    private static let approxBefore = words(["将近", "接近", "大约", "近", "约", "超", "逾"])
    private static let minBefore = words(["不低于", "不少于", "超过", "高于", "大于", "突破"])
    private static let maxBefore = words(["不超过", "不高于", "控制在", "低于", "少于", "小于"])
    private static let prefixes: [([UInt32], Bound?)] =
        (minBefore.map { ($0, Bound.min) } + maxBefore.map { ($0, Bound.max) } + approxBefore.map { ($0, nil) })
        .sorted { $0.0.count > $1.0.count }
    private static let minAfter = words(["及以上", "以上"])
    private static let maxAfter = words(["以内", "以下"])
    private static let approxAfter = words(["左右"])
    private static let roughly = words(["多", "余"])
    /// Words that may follow a bare 亿 without making it something other than money.
    private static let afterBareScale = words(["以上", "左右", "同比", "增长", "比上年", "较上年", "和", "及"])

    /// Reads Arabic digits (with thousands separators and a decimal part) at `i`.
    static func arabic(_ t: ScalarText, at i: Int) -> (value: Double, end: Int)? {
        guard ScalarText.isDigit(t[i]) else { return nil }
        var j = i
        var text = ""
        while j < t.count {
            let v = t[j]
            if ScalarText.isDigit(v) {
                text.unicodeScalars.append(Unicode.Scalar(UInt8(v)))
                j += 1
            } else if v == 0x2C, ScalarText.isDigit(t[j + 1]), ScalarText.isDigit(t[j + 2]),
                      ScalarText.isDigit(t[j + 3]), !ScalarText.isDigit(t[j + 4]), !text.contains(".") {
                j += 1  // thousands separator: exactly three digits follow
            } else if v == 0x2E, ScalarText.isDigit(t[j + 1]), !text.contains(".") {
                text.append(".")
                j += 1
            } else {
                break
            }
        }
        guard let value = Double(text) else { return nil }
        return (value, j)
    }

    /// A full quantity at `i`: Arabic digits, or a Chinese numeral followed by a unit.
    static func read(_ t: ScalarText, at i: Int) -> Quantity? {
        var value: Double
        var j: Int
        var chinese = false
        if let a = arabic(t, at: i) {
            (value, j) = a
        } else if ChineseNumeral.isStart(t, at: i), let c = ChineseNumeral.parse(t, at: i) {
            (value, j) = c
            chinese = true
        } else {
            return nil
        }
        var approximate = false
        var inferredMoney = false
        var bound: Bound?
        // 400余家次, 9000多人次: a little more than the figure, which is what is recorded.
        if let after = t.first(of: roughly, at: j), !ScalarText.isDigit(t[j + after.count]) {
            approximate = true
            j += after.count
        }
        var scale = 1.0
        if !chinese {
            for (w, factor) in scales where t.has(w, at: j) {
                // 17.6亿 is 1760000000 exactly, not 1760000000.0000002.
                value = (value * factor * 1e4).rounded() / 1e4
                scale = factor
                j += w.count
                break
            }
        }
        var unit = QuantityUnit.none
        if t.has([0x25], at: j) {
            unit = .percent
            j += 1
        } else if let w = t.first(of: percentagePoints, at: j) {
            unit = .percentagePoints
            j += w.count
        } else if let w = t.first(of: money, at: j) {
            unit = .money
            j += w.count
        } else if t[j] == 0x500D {  // 倍
            unit = .times
            j += 1
        } else if t[j] == 0x6210, value <= 10, !ScalarText.isCJK(t[j + 1]) || t.first(of: roughly + minAfter + approxAfter, at: j + 1) != nil {
            // 增长近六成, 占九成以上: tenths, as a percent.
            unit = .percent
            value *= 10
            j += 1
        } else if let w = t.first(of: classifiers, at: j) {
            var name = String.UnicodeScalarView()
            for v in w { if let u = Unicode.Scalar(v) { name.append(u) } }
            unit = .count(String(name))
            j += w.count
        }
        // 突破千亿: hundreds of millions without a unit are yuan, in words as in digits.
        if chinese, unit == .none, t[j - 1] == 0x4EBF, !ScalarText.isCJK(t[j]) || t.first(of: afterBareScale, at: j) != nil {
            unit = .money
            inferredMoney = true
        }
        if chinese, unit == .none { return nil }
        // 一批, 两批: a batch is not a count of anything.
        if chinese, case .count(let c) = unit, c == "批" { return nil }
        // 产值27.6亿: hundreds of millions without a unit are yuan in these reports.
        if unit == .none, scale >= 1e8, !ScalarText.isCJK(t[j]) || t.first(of: afterBareScale, at: j) != nil {
            unit = .money
            inferredMoney = true
        }
        if !approximate, let w = t.first(of: roughly, at: j) {
            approximate = true
            j += w.count
        }
        if let w = t.first(of: approxAfter, at: j) {
            approximate = true
            j += w.count
        }
        if let w = t.first(of: minAfter, at: j) {
            bound = .min
            j += w.count
        } else if let w = t.first(of: maxAfter, at: j) {
            bound = .max
            j += w.count
        }
        var start = i
        // Longest prefix wins: 不少于 (min) over 少于 (max), 超过 (min) over 超 (approximate).
        if let (w, effect) = prefixes.first(where: { t.has($0.0, endingAt: i) }) {
            start = i - w.count
            switch effect {
            case .min: bound = bound ?? .min
            case .max: bound = bound ?? .max
            case nil: approximate = true
            }
        }
        return Quantity(value: value, unit: unit, approximate: approximate, bound: bound,
                        numberStart: i, start: start, end: j, unitInferred: inferredMoney)
    }
}
