import Domain

/// Indicator tables as plans and bulletins lay them out, one row per indicator:
///
///     指标 | 单位 | 2022年基数 | 2025年目标
///     R&D经费投入强度 | % | 3.3 | 3.8
///
/// Rows arrive as lines of `|`-separated cells (HTML tables become that). A header row with years
/// gives each column its year and whether it is a target; the row's first cell names the indicator
/// and, with a 单位 column or a parenthesis (亿元), the unit.
struct TableReader {
    let text: ScalarText
    let table: IndicatorTable
    let matcher: AliasMatcher<MatchTarget>
    let document: DocumentAnalysis

    private struct Column {
        var year: Int?
        var target: Bool
        var isUnit: Bool
    }

    private static let targetWords = words(["目标", "预期", "规划", "计划", "到"])
    private static let unitWords = words(["单位"])
    private static let units: [([UInt32], (Double, QuantityUnit))] = keyed([
        ("万亿元", (1e12, .money)), ("亿元", (1e8, .money)), ("万元", (1e4, .money)), ("元", (1, .money)),
        ("%", (1, .percent)), ("家", (1, .count("家"))), ("项", (1, .count("项"))), ("个", (1, .count("个"))),
        ("件", (1, .count("件"))),
    ])

    /// A column of a table with a row per region: 各市 | 规上工业研发费用 (亿元) | 增速 (%).
    private enum RegionColumn {
        case level(IndicatorRef, unit: (Double, QuantityUnit)?)
        /// The growth of the level in the column before.
        case growth(IndicatorRef)
        case other
    }

    func facts() -> [Fact] {
        var out: [Fact] = []
        var header: [Column]?
        var regionHeader: [RegionColumn]?
        for line in DocumentAnalysis.lines(text) where line.contains(where: { text[$0] == 0x7C }) {
            let cells = self.cells(line)
            guard cells.count >= 2 else { continue }
            if let h = headerColumns(cells) {
                header = h
                regionHeader = nil
                continue
            }
            if let h = regionHeaderColumns(cells) {
                regionHeader = h
                header = nil
                continue
            }
            if let columns = regionHeader {
                out += regionRow(cells, columns)
            } else if let columns = header {
                out += row(cells, columns)
            }
        }
        return out
    }

    private static let growthHeads = words(["增速", "增幅", "增长", "同比"])

    /// A header naming indicators, with no figures in it, and a growth column only after a level.
    private func regionHeaderColumns(_ cells: [Range<Int>]) -> [RegionColumn]? {
        var columns: [RegionColumn] = []
        var levels = 0
        var last: IndicatorRef?
        for c in cells {
            if QuantityReader.read(text, at: c.lowerBound) != nil, DocumentAnalysis.years(in: text, c).isEmpty { return nil }
            if let ref = indicator(at: c.lowerBound), ref.measure == nil {
                columns.append(.level(ref, unit: unitHint(c)))
                last = ref
                levels += 1
            } else if let ref = last, text.first(of: Self.growthHeads, at: c.lowerBound) != nil {
                columns.append(.growth(ref))
            } else {
                columns.append(.other)
            }
        }
        return levels >= 1 && cells.count >= 3 ? columns : nil
    }

    private func regionRow(_ cells: [Range<Int>], _ columns: [RegionColumn]) -> [Fact] {
        guard columns.count == cells.count,
              let regionIndex = cells.firstIndex(where: { regionCode(in: $0) != nil }),
              let region = regionCode(in: cells[regionIndex]) else { return [] }
        let year = document.reportYear
        let period = year.map { y in document.period?.period(in: y) ?? .year(y) }
        var out: [Fact] = []
        for (i, c) in cells.enumerated() where i != regionIndex {
            let code: String
            var q: Quantity
            switch columns[i] {
            case .other:
                continue
            case .level(let ref, let unit):
                guard var v = cellQuantity(c) else { continue }
                if v.unit == .none, let (scale, u) = unit {
                    v.value = (v.value * scale * 1e4).rounded() / 1e4
                    v.unit = u
                }
                code = ref.base
                q = v
            case .growth(let ref):
                guard let v = signedCellQuantity(c) else { continue }
                code = DerivedMeasure.growth.code(for: ref.base)
                q = v
                q.unit = .percent
            }
            guard let unit = table.units[code], table.accepts(q, code: code, value: q.value) || code.hasSuffix("_growth")
            else { continue }
            let start = cells[regionIndex].lowerBound
            let span = text.originalRange(start..<q.end)
            out.append(Fact(
                indicator: code, region: region, period: period, kind: .actual, value: q.value, unit: unit,
                bound: q.bound, status: .provisional, approximate: q.approximate, confidence: 0.7,
                reasons: period == nil ? [Fact.noPeriodReason] : [],
                quote: text.string(start..<q.end), start: span.lowerBound, end: span.upperBound))
        }
        return out
    }

    /// The region a cell names (杭州, 宁波市), when the whole cell is its name.
    private func regionCode(in c: Range<Int>) -> String? {
        guard let (payload, end) = matcher.longest(in: text, at: c.lowerBound), end == c.upperBound,
              case .region(let code) = payload else {
            if case .regions(let codes)? = matcher.longest(in: text, at: c.lowerBound)?.payload {
                return document.resolve(codes)
            }
            return nil
        }
        return code
    }

    /// -2.8 in a growth column.
    private func signedCellQuantity(_ c: Range<Int>) -> Quantity? {
        guard text[c.lowerBound] == 0x2D, c.count > 1 else { return cellQuantity(c) }
        guard var q = cellQuantity(c.lowerBound + 1..<c.upperBound) else { return nil }
        q.value = -q.value
        q.start = c.lowerBound
        return q
    }

    private func cells(_ line: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = line.lowerBound
        for i in line where text[i] == 0x7C {
            out.append(trim(start..<i))
            start = i + 1
        }
        out.append(trim(start..<line.upperBound))
        return out.filter { !$0.isEmpty }
    }

    private func trim(_ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, text[lo] == 0x20 { lo += 1 }
        while hi > lo, text[hi - 1] == 0x20 { hi -= 1 }
        return lo..<hi
    }

    private func headerColumns(_ cells: [Range<Int>]) -> [Column]? {
        var columns: [Column] = []
        var years = 0
        for c in cells {
            let year = DocumentAnalysis.years(in: text, c).first
            if year != nil { years += 1 }
            let target = text.containsAny(Self.targetWords, in: c)
                || (year.map { y in document.sections.first?.planFrom.map { y >= $0 } ?? false } ?? false)
            columns.append(Column(year: year, target: target, isUnit: text.containsAny(Self.unitWords, in: c)))
        }
        // A header names years in at least one cell and has no number that is not a year.
        return years >= 1 && cells.allSatisfy({ QuantityReader.read(text, at: $0.lowerBound) == nil
            || DocumentAnalysis.years(in: text, $0).first != nil }) ? columns : nil
    }

    private func row(_ cells: [Range<Int>], _ columns: [Column]) -> [Fact] {
        // The indicator is named in the first cell that names one (a 序号 column may come before).
        guard columns.count == cells.count,
              let nameIndex = cells.firstIndex(where: { indicator(at: $0.lowerBound) != nil }),
              let ref = indicator(at: cells[nameIndex].lowerBound) else { return [] }
        let first = cells[nameIndex]
        let code = ref.measure?.code(for: ref.base) ?? ref.base
        guard let unit = table.units[code] else { return [] }
        var hint = unitHint(first)
        for (i, c) in cells.enumerated() where columns[i].isUnit { hint = unitHint(c) ?? hint }
        var out: [Fact] = []
        for (i, c) in cells.enumerated() where i > nameIndex {
            let column = columns[i]
            guard let year = column.year, !column.isUnit, var q = cellQuantity(c) else { continue }
            if q.unit == .none, let (scale, u) = hint {
                q.value = (q.value * scale * 1e4).rounded() / 1e4
                q.unit = u
            }
            guard table.accepts(q, code: code, value: q.value) else { continue }
            let region = document.metadata.region
            let span = text.originalRange(first.lowerBound..<q.end)
            out.append(Fact(
                indicator: code, region: region, period: .year(year), kind: column.target ? .target : .actual,
                value: q.value, unit: unit, bound: q.bound, status: .provisional, approximate: q.approximate,
                confidence: 0.7, quote: text.string(first.lowerBound..<q.end), start: span.lowerBound,
                end: span.upperBound))
        }
        return out
    }

    private func indicator(at i: Int) -> IndicatorRef? {
        guard case .indicator(let ref)? = matcher.longest(in: text, at: i)?.payload, ref.followsOnly == nil else {
            return nil
        }
        return ref
    }

    /// ≥3.8 and ≤5 as bounds, otherwise the quantity at the cell's start.
    private func cellQuantity(_ c: Range<Int>) -> Quantity? {
        var i = c.lowerBound
        var bound: Bound?
        switch text[i] {
        case 0x2265, 0x3E: bound = .min; i += 1     // ≥ >
        case 0x2264, 0x3C: bound = .max; i += 1     // ≤ <
        default: break
        }
        while i < c.upperBound, text[i] == 0x20 { i += 1 }
        guard i < c.upperBound, ScalarText.isDigit(text[i]), var q = QuantityReader.read(text, at: i),
              q.end <= c.upperBound else { return nil }
        if let b = bound { q.bound = b }
        return q
    }

    private func unitHint(_ c: Range<Int>) -> (Double, QuantityUnit)? {
        for i in c {
            if let u = Self.units.first(where: { text.has($0.0, at: i) }) { return u.1 }
        }
        return nil
    }
}
