import Domain

/// When a figure is for, and what a reviewer should know about it.
extension Binder {
    /// Whether a figure starting at `start` is an actual or a target, and for which period: from
    /// the sentence's years and period words, the section (plan or summary) and the document.
    func timing(code: String?, start: Int) -> (ObservationKind, Period?)? {
        let section = currentSection
        var kind = ObservationKind.actual
        var year: Int?
        if let to = toYear {
            kind = .target
            year = max(to, sentenceYear ?? to)
        } else if section.target {
            year = sentenceYear ?? sectionYear ?? section.year ?? document.reportYear
            if let explicit = sentenceYear, let from = section.planFrom, explicit < from {
                kind = .actual
            } else {
                kind = .target
            }
        } else {
            year = sentenceYear ?? document.reportYear
            // 今年将力争…达到6500亿元: a goal for a year not yet over when the report was written.
            if targetCue, let y = year, let ry = document.reportYear,
               y > ry || (y >= (document.date?.year ?? Int.max) && document.thisYear == y) {
                kind = .target
            }
        }
        // 提前完成“十四五”目标任务134%: how much of a plan's target is done is measured now.
        // It cannot be measured after the report was published.
        if !section.target, let code, code.hasSuffix(DerivedMeasure.targetCompletion.rawValue) {
            if kind == .target {
                kind = .actual
                year = (sentenceYear != toYear ? sentenceYear : nil) ?? document.thisYear
            }
            if let y = year, let published = document.date?.year, y > published { year = min(document.thisYear ?? published, published) }
        }
        // 2017年新增3家，较2017年增长100%: a figure compared with a year is of a later one.
        if let b = clauseBaseline, let y = year, y <= b, kind == .actual {
            year = max(b + 1, document.thisYear ?? b + 1)
        }
        if let y = year, y < Period.earliestYear { return nil }
        // 到2025年累计新增…300家 is a total over the plan's years, not the target of one year.
        if kind == .target, let code, table.flows.contains(code),
           text.contains(Self.cumulative, in: recent(start)) {
            return nil
        }
        // 由1.43%提升到1.98%: the start of a span with no year of its own is of an earlier, unsaid time.
        if spanStart { return (kind, nil) }
        var period = year.map(Period.year)
        if kind == .actual, let y = year, let hint = sentencePeriod ?? document.period { period = hint.period(in: y) }
        return (kind, period)
    }

    static let qualifiers: [([UInt32], String)] = keyed([
        ("区本级", "区本级"), ("市本级", "市本级"), ("县本级", "县本级"), ("规模以上", "规上"), ("规上", "规上"),
        ("同口径", "同口径"), ("可比价", "可比价"), ("年均", "年均"), ("预计", "预计"),
    ])

    /// 区本级, 规上, 同口径, 年均: what the clause says narrows or qualifies its figure.
    func note(before start: Int, end: Int) -> String? {
        var found: [String] = []
        var i = recent(start).lowerBound
        while i < end {
            if let q = Self.qualifiers.first(where: { text.has($0.0, at: i) }) {
                if !found.contains(q.1) { found.append(q.1) }
                i += q.0.count
            } else {
                i += 1
            }
        }
        return found.isEmpty ? nil : found.joined(separator: "、")
    }

    /// What a reviewer should know about a figure's place and time.
    func reasons(region: String?, period: Period?) -> [String] {
        var out: [String] = []
        if region == nil { out.append(Fact.noRegionReason) }
        if period == nil { out.append(Fact.noPeriodReason) }
        if sentenceYear == nil, let p = period, p.year == document.date?.year, document.reportYear == document.date?.year {
            out.append("period inferred from the publication date")
        }
        return out
    }
}
