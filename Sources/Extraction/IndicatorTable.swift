import Domain

/// What the binder needs to know about catalogued indicators, computed once per extractor.
struct IndicatorTable: Sendable {
    var units: [String: IndicatorUnit] = [:]
    var ranges: [String: (min: Double?, max: Double?)] = [:]
    /// Classifiers a count indicator's values may carry: 家 for enterprises, 项 for projects.
    var classifiers: [String: Set<String>] = [:]
    /// Base indicators sharing a code stem (innovation_vouchers_amount / _enterprises).
    var siblings: [String: [String]] = [:]
    /// The bare nouns of a base indicator's names (国高企 from 推荐申报国高企), for 其中新认定企业.
    var nouns: [String: [[UInt32]]] = [:]
    /// Flow indicators (summed over a year), whose 累计 targets span several years.
    var flows: Set<String> = []

    /// Each base indicator's names without a leading verb (高新技术企业 from 新增高新技术企业), for
    /// composing a subject's noun with a measure the text names alone.
    var heads: [String: [[UInt32]]] = [:]

    /// Every catalogue name cut in two, keyed by its tail (营业收入 → 高新区): a clause that names
    /// the head and, a few words later, the tail names the indicator (高新区上半年实现营业收入).
    var splitNames: [[UInt32]: [(head: [UInt32], ref: IndicatorRef)]] = [:]

    private static let verbPrefixes = words([
        "推荐申报", "服务申报", "申报", "新认定", "新增", "认定", "累计", "有效", "新备案", "备案", "入库", "新建",
    ])

    init(indicators: [Indicator]) {
        var stems: [String: [String]] = [:]
        for ind in indicators {
            units[ind.code] = ind.unit
            ranges[ind.code] = (ind.minimum, ind.maximum)
            guard ind.base == nil else { continue }
            if ind.aggregation == .sum { flows.insert(ind.code) }
            if ind.unit == .count { classifiers[ind.code] = Self.classifiers(for: ind.nameZh) }
            if let cut = ind.code.lastIndex(of: "_") {
                stems[String(ind.code[..<cut]), default: []].append(ind.code)
            }
            var list: [[UInt32]] = []
            for name in [ind.nameZh] + ind.aliasesZh {
                let w = ScalarText.normalized(name)
                for p in Self.verbPrefixes where w.starts(with: p) && w.count > p.count {
                    list.append(Array(w[p.count...]))
                    break
                }
            }
            nouns[ind.code] = list
            for name in [ind.nameZh] + ind.aliasesZh {
                let w = ScalarText.normalized(name)
                guard w.count >= 5 else { continue }
                // A head is a noun of three or more (高新区): 新增 or 技术 alone says too little.
                for cut in 3...(w.count - 2) where w.count - cut <= 6 && !Self.verbPrefixes.contains(where: { w.starts(with: $0) }) {
                    splitNames[Array(w[cut...]), default: []].append((Array(w[..<cut]), IndicatorRef(base: ind.code)))
                }
            }
            heads[ind.code] = ([ind.nameZh] + ind.aliasesZh).map { name in
                let w = ScalarText.normalized(name)
                let verb = Self.verbPrefixes.first { w.starts(with: $0) && w.count > $0.count + 1 }
                return Array(w.dropFirst(verb?.count ?? 0))
            }
        }
        for (_, codes) in stems where codes.count > 1 {
            for c in codes { siblings[c] = codes.filter { $0 != c } }
        }
    }

    static func classifiers(for name: String) -> Set<String> {
        if name.contains("人员") || name.contains("人才") { return ["人", "人次", "名"] }
        if name.contains("项目") || name.contains("合同") || name.contains("交易") { return ["项", "个", "件", "份"] }
        if name.contains("企业") { return ["家", "家次", "个", "户"] }
        return ["家", "个", "项", "件", "所", "座"]
    }

    /// Whether a quantity can be a value of the indicator, by unit and range.
    func accepts(_ q: Quantity, code: String, value: Double) -> Bool {
        guard let unit = units[code] else { return false }
        switch (unit, q.unit) {
        case (.yuan, .money), (.percent, .percent), (.percentagePoints, .percentagePoints):
            break
        case (.count, .count(let c)):
            guard classifiers[code]?.contains(c) ?? true else { return false }
        case (.per1000Enterprises, .none), (.per1000Enterprises, .count("家")), (.per1000Enterprises, .count("个")):
            break
        case (.per10kPeople, .none), (.per10kPeople, .count("件")), (.per10kPeople, .count("项")):
            break
        case (.index, .none):
            break
        default:
            return false
        }
        if let r = ranges[code] {
            if let lo = r.min, value < lo { return false }
            if let hi = r.max, value > hi { return false }
        }
        if unit == .percent, code.hasSuffix(DerivedMeasure.growth.rawValue) == false, value > 100 || value < 0 {
            return false
        }
        return value >= 0 || unit == .percent
    }

    /// The indicator a prefix of one of `base`'s names and `measure` name together
    /// (技术合同 + 成交额 = 技术合同成交额), preferring the shortest prefix: the subject's head noun
    /// (高新技术产业 + 增加值), not a longer phrase that happens to end the same way.
    func compose(base: String, measure: [UInt32], matcher: AliasMatcher<MatchTarget>) -> IndicatorRef? {
        var best: (IndicatorRef, Int)?
        for head in heads[base] ?? [] {
            for n in stride(from: 2, through: min(head.count, (best?.1 ?? Int.max) - 1), by: 1) {
                if case .indicator(let r)? = matcher.lookup(Array(head[..<n]) + measure), r.followsOnly == nil {
                    best = (r, n)
                    break
                }
            }
        }
        return best?.0
    }
}
