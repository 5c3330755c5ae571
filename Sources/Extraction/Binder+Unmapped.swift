import Domain

/// Figures bound to phrases the catalogue does not know, proposed as unmapped facts.
extension Binder {
    static let valueVerbs = words([
        "实现", "完成", "达到", "达", "为", "共", "累计", "共计", "总计", "合计", "已", "的", "有", "是", "增至", "突破",
        "超过", "约", "近", "逾", "超", "总额", "金额", "总量", "规模",
    ])

    static let phraseLead = words(["全年", "今年", "当年", "其中", "同期", "目前", "截至目前", "年内", "全部", "共有"])

    /// 全县工业总产值实现65.28亿元: the words before an unbound figure, when they read as the
    /// name of a measure, are proposed as an unmapped fact for a reviewer to map.
    mutating func proposeUnmapped(_ q: Quantity, index: Int, growthWord: (negative: Bool, start: Int)?) {
        if let g = growthWord {
            // 同比增长31.3%: the growth of the phrase the sentence last gave a figure for, or of the
            // phrase right before the growth word.
            guard q.unit == .percent else { return }
            let named = phrase(from: phraseStart(before: index), to: g.start)
            guard let subject = named.map({ (phrase: $0.text, region: resolve(clauseRegion), start: $0.start) }) ?? unmappedSubject
            else { return }
            recordUnmapped(q, phrase: subject.phrase, region: subject.region, start: min(subject.start, g.start),
                           isGrowth: true, value: g.negative ? -q.value : q.value)
            return
        }
        guard let named = phrase(from: phraseStart(before: index), to: q.start) else { return }
        let region = resolve(clauseRegion)
        unmappedSubject = (named.text, region, named.start)
        recordUnmapped(q, phrase: named.text, region: region, start: named.start, isGrowth: false, value: q.value)
    }

    func phraseStart(before index: Int) -> Int {
        var k = index - 1
        while k >= 0, tokens[k].start >= clauseStart {
            switch tokens[k].kind {
            case .growth: k -= 1
            default: return tokens[k].end
            }
        }
        return clauseStart
    }

    /// The measure's name between `from` and `to`, without leading time words and trailing verbs.
    func phrase(from: Int, to: Int) -> (text: String, start: Int)? {
        var lo = from, hi = to
        while lo < hi, text[lo] == 0x20 || text[lo] == 0x3001 { lo += 1 }
        while let w = text.first(of: Self.phraseLead, at: lo), lo + w.count <= hi { lo += w.count }
        var trimmed = true
        while trimmed, hi > lo {
            trimmed = false
            if text[hi - 1] == 0x20 { hi -= 1; trimmed = true; continue }
            if let w = Self.valueVerbs.first(where: { text.has($0, endingAt: hi) }), hi - w.count >= lo {
                hi -= w.count
                trimmed = true
            }
        }
        let n = hi - lo
        guard n >= 2, n <= 16 else { return nil }
        for i in lo..<hi {
            let v = text[i]
            let letter = (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x26
            guard ScalarText.isCJK(v) || letter else { return nil }
        }
        guard ScalarText.isCJK(text[hi - 1]) else { return nil }
        return (text.string(lo..<hi), lo)
    }

    mutating func recordUnmapped(_ q: Quantity, phrase: String, region: SubjectRegion, start: Int, isGrowth: Bool,
                                         value: Double) {
        guard region != .outside, value.isFinite, let (kind, period) = timing(code: nil, start: start) else { return }
        let unit: IndicatorUnit
        var classifier: String?
        switch q.unit {
        case .money: unit = .yuan
        case .percent, .times: unit = .percent
        case .percentagePoints: unit = .percentagePoints
        case .count(let c): unit = .count; classifier = c
        case .none: unit = .index
        }
        let lo = max(0, min(start, text.count))
        let hi = max(lo, min(q.end, text.count))
        let span = text.originalRange(lo..<hi)
        if unit == .count || unit == .yuan { lastUnmappedStart = lo }
        unmapped.append(UnmappedFact(
            phrase: phrase, region: region.code, period: period, kind: kind,
            value: q.unit == .times && isGrowth ? value * 100 : value, unit: isGrowth ? .percent : unit,
            classifier: classifier, isGrowth: isGrowth, bound: q.bound, approximate: q.approximate, confidence: 0.5,
            reasons: ["the phrase is not in the catalogue"] + reasons(region: region.code, period: period),
            quote: text.string(lo..<hi), start: span.lowerBound, end: span.upperBound))
    }
}
