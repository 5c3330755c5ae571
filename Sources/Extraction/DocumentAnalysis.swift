import Domain

/// Document-level reading: metadata table, region, report year, title period and sections.
struct DocumentAnalysis {
    var metadata = DocumentMetadata()
    var region: Region?
    var reportYear: Int?
    /// When the report was published.
    var date: DocumentDate?
    /// What 今年 and 去年 are relative to.
    var thisYear: Int?
    var period: PeriodHint?
    var sections: [Section] = []
    /// The catalogue's regions, for resolving shared names.
    let regions: [String: Region]

    private static let publisherKeys = words(["发布单位", "发布机构", "发文机关", "发文单位", "信息来源", "来源"])
    private static let dateKeys = words(["发文日期", "发布日期", "成文日期", "发布时间", "发文时间"])
    private static let summaryWords = words(["完成情况", "落实情况", "工作总结", "工作回顾", "主要成效", "工作成效", "取得成效",
                                       "主要成绩", "开展情况", "进展情况", "运行情况", "基本情况", "回顾", "执行情况"])
    /// Strong plan words mark a section at any heading level; the weak ones only at the top.
    private static let strongPlanWords = words(["工作计划", "工作思路", "工作打算", "工作安排", "主要目标", "发展目标",
                                                "目标任务", "预期目标", "工作目标", "工作要点", "重点任务"])
    private static let planWords = strongPlanWords + words(["计划", "目标", "思路", "打算"])
    private static let planTitleWords = ["规划", "行动计划", "行动方案", "实施方案", "实施意见", "工作要点", "工作计划"]

    init(text: ScalarText, tokens: [Token], context: ExtractionContext, regions: [String: Region],
         regionMatcher: AliasMatcher<MatchTarget>) {
        self.regions = regions
        let lines = Self.lines(text)
        readMetadataTable(text)
        let title = context.title ?? Self.title(text, lines: lines)
        metadata.title = title

        // Region: caller, then publisher, then title, then the text's own mentions.
        if let code = context.region { region = regions[code] }
        if region == nil, let p = metadata.publisher { region = Self.mostSpecificRegion(in: p, regions, regionMatcher) }
        if region == nil, let t = title { region = Self.mostSpecificRegion(in: t, regions, regionMatcher) }
        if region == nil { region = Self.regionFromMentions(tokens, text: text, regions: regions) }
        metadata.region = region?.code ?? context.region

        let titleYears = title.map { Self.years(in: ScalarText($0)) } ?? []
        date = Self.dateYear(metadata.date).map { DocumentDate(year: $0, month: nil) }
            ?? DocumentDate.dateLine(text, lines: lines) ?? context.source.flatMap(DocumentDate.fromURL)
        // The text's own years come before the publication date: a 2021 bulletin is published in 2022.
        let statedYear = context.year ?? Self.reportYear(text) ?? titleYears.first
        reportYear = statedYear ?? Self.mostFrequentYear(tokens) ?? date?.year
        // 今年 in a 2021 summary is 2021; in a news item that only mentions last year's figure, it
        // is the year of publication.
        thisYear = statedYear ?? date?.year ?? reportYear
        // A report on 2023 published in April 2024 says 今年一季度 of 2024: by spring the year is the new one.
        if let d = date, let stated = statedYear, d.year > stated, let month = d.month, month >= 3 { thisYear = d.year }
        metadata.reportYear = reportYear

        // A title such as 2021年1-9月科技统计月报 dates every figure in the document.
        let titleEnd = lines.first { !Self.isMetadataLine(text, $0) && $0.count > 0 }?.upperBound ?? 0
        for tok in tokens where tok.start < titleEnd {
            if case .period(let p) = tok.kind { period = p }
        }

        var first = Section(start: 0, target: false, year: reportYear, planFrom: nil)
        if let t = title, !t.contains("总结"), !t.contains("完成情况"), !t.contains("执行情况"), Self.planTitleWords.contains(where: { t.contains($0) }) {
            let range = Self.yearRange(in: ScalarText(t))
            first.target = true
            first.planFrom = range?.0 ?? titleYears.first ?? reportYear
            first.year = range?.1 ?? titleYears.first ?? reportYear.map { $0 + 1 }
        }
        sections = [first]
        // The title already set the first section; headings come after it.
        for line in lines where !Self.isMetadataLine(text, line) && text.string(line).trimmingSpaces() != title {
            if let s = classifyHeading(text, line) { sections.append(s) }
        }
    }

    static func lines(_ text: ScalarText) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for i in 0..<text.count where text[i] == 0x0A {
            out.append(start..<i)
            start = i + 1
        }
        out.append(start..<text.count)
        return out
    }

    static func isMetadataLine(_ text: ScalarText, _ line: Range<Int>) -> Bool {
        var bars = 0
        for i in line where text[i] == 0x7C { bars += 1 }
        return bars >= 2
    }

    /// The first short line that is not part of the metadata table and reads like a title.
    static func title(_ text: ScalarText, lines: [Range<Int>]) -> String? {
        for line in lines.prefix(6) where !isMetadataLine(text, line) {
            let s = text.string(line).trimmingSpaces()
            if s.isEmpty { continue }
            // 今天是 2023年12月28日 and a bare date line are the page's furniture, not its title.
            if DocumentDate.isVisitLine(text, line) || DocumentDate.firstDate(text, in: line) != nil { continue }
            let n = s.unicodeScalars.count
            if n <= 60, !s.contains("。"), !s.contains(","), !s.contains("，") { return s }
            return nil
        }
        return nil
    }

    private mutating func readMetadataTable(_ text: ScalarText) {
        let limit = min(text.count, 3000)
        var i = 0
        while i < limit {
            if metadata.publisher == nil, let w = text.first(of: Self.publisherKeys, at: i),
               let v = Self.cellValue(text, after: i + w.count), !v.isEmpty {
                metadata.publisher = v
                i += w.count
                continue
            }
            if metadata.date == nil, let w = text.first(of: Self.dateKeys, at: i),
               let v = Self.cellValue(text, after: i + w.count), let d = Self.isoDate(v) {
                metadata.date = d
                i += w.count
                continue
            }
            i += 1
        }
    }

    /// The value of a `key | value |` or `key：value` cell.
    static func cellValue(_ text: ScalarText, after i: Int) -> String? {
        var j = i
        while j < text.count, [0x20, 0x09, 0x7C, 0x3A].contains(text[j]) { j += 1 }
        let start = j
        while j < text.count, ![0x7C, 0x09, 0x0A, 0x0D].contains(text[j]) {
            if text[j] == 0x20, text[j + 1] == 0x20 || start == j { break }
            if text[j] == 0x20, !ScalarText.isDigit(text[j - 1]) { break }
            j += 1
        }
        guard j > start, j - start <= 40 else { return nil }
        return text.string(start..<j).trimmingSpaces()
    }

    /// 2022-03-24, 2022/3/24 or 2022年3月24日 as 2022-03-24.
    static func isoDate(_ s: String) -> String? {
        var parts: [Int] = []
        var current = ""
        for ch in s.unicodeScalars {
            let v = ScalarText.normalize(ch.value)
            if ScalarText.isDigit(v) {
                current.unicodeScalars.append(Unicode.Scalar(UInt8(v)))
            } else if !current.isEmpty {
                parts.append(Int(current) ?? 0)
                current = ""
            }
        }
        if !current.isEmpty { parts.append(Int(current) ?? 0) }
        guard parts.count >= 3, (1949...2100).contains(parts[0]), (1...12).contains(parts[1]),
              (1...31).contains(parts[2]) else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts[0])-\(two(parts[1]))-\(two(parts[2]))"
    }

    static func dateYear(_ date: String?) -> Int? {
        guard let d = date, d.count >= 4 else { return nil }
        return Int(d.prefix(4))
    }

    static func mostSpecificRegion(in s: String, _ regions: [String: Region],
                                   _ matcher: AliasMatcher<MatchTarget>) -> Region? {
        let t = ScalarText(s)
        var best: Region?
        var i = 0
        while i < t.count {
            if let (target, end) = matcher.longest(in: t, at: i) {
                // 海南 alone names the province before 海南藏族自治州 or 海南区.
                let code: String?
                switch target {
                case .region(let c): code = c
                case .regions(let codes):
                    let provinces = codes.filter { regions[$0]?.level == .province }
                    code = provinces.count == 1 ? provinces[0] : nil
                case .indicator: code = nil
                }
                if let code, let r = regions[code] {
                    if let b = best, depth(r, regions) <= depth(b, regions) {} else { best = r }
                }
                i = end
            } else {
                i += 1
            }
        }
        return best
    }

    /// The one of several regions sharing a name that the context points at: the one under a
    /// region named nearby, or else the one closest to the report's own region; nil when the
    /// context does not single one out.
    func resolve(_ codes: [String], near: [String] = []) -> String? {
        let nearby = Set(near)
        let underNearby = codes.filter { code in ancestors(of: code).contains(where: nearby.contains) }
        if underNearby.count == 1 { return underNearby[0] }
        guard let own = region else { return nil }
        let ownLine = [own.code] + ancestors(of: own.code)
        // The deeper the shared ancestor, the closer the candidate.
        let closeness = codes.map { code -> Int in
            let line = [code] + ancestors(of: code)
            guard let shared = ownLine.firstIndex(where: { line.contains($0) }) else { return -1 }
            return ownLine.count - shared
        }
        guard let best = closeness.max(), best > 0 else { return nil }
        let tied = codes.indices.filter { closeness[$0] == best }.map { codes[$0] }
        if tied.count == 1 { return tied[0] }
        // 淮安 is 淮安市 and 淮安区: a bare name is the larger place; its district is written 淮安区.
        let levels = tied.map { Self.size(regions[$0]?.level) }
        guard let top = levels.max(), levels.filter({ $0 == top }).count == 1, let i = levels.firstIndex(of: top) else { return nil }
        return tied[i]
    }

    private static func size(_ level: RegionLevel?) -> Int {
        switch level {
        case .nation: 5
        case .province: 4
        case .city: 3
        case .district, .county: 2
        case .zone: 1
        case nil: 0
        }
    }

    func ancestors(of code: String) -> [String] {
        var out: [String] = []
        var p = regions[code]?.parent
        while let c = p, out.count < 10 {
            out.append(c)
            p = regions[c]?.parent
        }
        return out
    }

    static func depth(_ r: Region, _ regions: [String: Region]) -> Int {
        var d = 0
        var p = r.parent
        while let code = p, d < 10 {
            d += 1
            p = regions[code]?.parent
        }
        return d
    }

    /// The region named most often, preferring the level 我区/我县/我市 point at.
    static func regionFromMentions(_ tokens: [Token], text: ScalarText, regions: [String: Region]) -> Region? {
        var counts: [String: Int] = [:]
        var firstSeen: [String: Int] = [:]
        var wantsCounty = 0, wantsDistrict = 0, wantsCity = 0, wantsProvince = 0
        for tok in tokens {
            switch tok.kind {
            case .region(.code(let c)):
                counts[c, default: 0] += 1
                if firstSeen[c] == nil { firstSeen[c] = tok.start }
            case .region(.relative(.own)):
                switch text[tok.start + 1] {
                case 0x533A: wantsDistrict += 1   // 区
                case 0x53BF: wantsCounty += 1     // 县
                case 0x7701: wantsProvince += 1   // 省
                default: wantsCity += 1
                }
            default: break
            }
        }
        let preferred: Set<RegionLevel>
        if wantsProvince > max(wantsDistrict, wantsCounty, wantsCity) {
            preferred = [.province]
        } else if wantsDistrict >= max(wantsCounty, wantsCity), wantsDistrict > 0 {
            preferred = [.district, .zone]
        } else if wantsCounty >= wantsCity, wantsCounty > 0 {
            preferred = [.county]
        } else if wantsCity > 0 {
            preferred = [.city, .county]
        } else {
            preferred = Set(RegionLevel.allCases)
        }
        let candidates = counts.keys.compactMap { regions[$0] }.filter { preferred.contains($0.level) }
        // 我市 in a report that names only its districts (金安区, 叶集区): the city they share.
        if candidates.isEmpty, preferred.contains(.city) {
            var parents: [String: Int] = [:]
            for (code, n) in counts { if let p = regions[code]?.parent, regions[p]?.level == .city { parents[p, default: 0] += n } }
            if let best = parents.max(by: { $0.value < $1.value }), best.value >= 2, let city = regions[best.key] { return city }
        }
        // 我省 in a report that names only its cities and counties (海口市, 三亚市): their province.
        if candidates.isEmpty, preferred == [.province] {
            var provinces: [String: Int] = [:]
            for (code, n) in counts {
                var c = code
                while let p = regions[c]?.parent { c = p }
                if c != code, regions[c]?.level == .province { provinces[c, default: 0] += n }
            }
            if let best = provinces.max(by: { $0.value < $1.value }), best.value >= 2, let province = regions[best.key] {
                return province
            }
        }
        let pool = candidates.isEmpty ? counts.keys.compactMap { regions[$0] } : candidates
        return pool.max { a, b in
            let ca = counts[a.code] ?? 0, cb = counts[b.code] ?? 0
            if ca != cb { return ca < cb }
            return (firstSeen[a.code] ?? 0) > (firstSeen[b.code] ?? 0)
        }
    }

    private static let sinceMarker = Array(word: "年以来")
    private static let reportYearMarkers = words(["年以来", "年工作总结", "年度工作总结", "年重点工作", "年科技工作",
                                                   "年全年", "年度科技", "年工作完成情况", "年主要指标"])

    /// The year a summary is about: 2021年以来, 2021年工作总结, 2021年重点工作.
    static func reportYear(_ text: ScalarText) -> Int? {
        let limit = min(text.count, 4000)
        var i = 0
        while i + 4 < limit {
            if ScalarText.isDigit(text[i]), !ScalarText.isDigit(text[i - 1]), ScalarText.isDigit(text[i + 3]),
               !ScalarText.isDigit(text[i + 4]), let y = Int(text.normalizedString(i..<i + 4)), (1949...2100).contains(y),
               text[i - 1] != 0x2D, text[i - 1] != 0x81EA, text[i - 1] != 0x4ECE,   // 自2014年以来 is a span
               let marker = text.first(of: reportYearMarkers, at: i + 4),
               Lexer.startsSentence(text, i) || marker != sinceMarker {
                return y
            }
            i += 1
        }
        return nil
    }

    static func years(in t: ScalarText) -> [Int] { years(in: t, 0..<t.count) }

    /// 2000亿元 and 2018.5 are amounts, not years.
    private static let notAfterYear: Set<UInt32> = Set("亿万千元家项件个人%.".unicodeScalars.map(\.value))

    static func years(in t: ScalarText, _ range: Range<Int>) -> [Int] {
        var out: [Int] = []
        var i = range.lowerBound
        while i + 3 < range.upperBound {
            if ScalarText.isDigit(t[i]), !ScalarText.isDigit(t[i - 1]), ScalarText.isDigit(t[i + 3]),
               !ScalarText.isDigit(t[i + 4]), !notAfterYear.contains(t[i + 4]),
               let y = Int(t.normalizedString(i..<i + 4)), (1949...2100).contains(y) {
                out.append(y)
                i += 4
            } else {
                i += 1
            }
        }
        return out
    }

    /// 2023-2025年 or 2023—2025 in a plan's title.
    static func yearRange(in t: ScalarText) -> (Int, Int)? {
        let ys = years(in: t)
        guard ys.count >= 2, ys[1] > ys[0], ys[1] - ys[0] <= 15 else { return nil }
        return (ys[0], ys[1])
    }

    static func mostFrequentYear(_ tokens: [Token]) -> Int? {
        var counts: [Int: Int] = [:]
        for tok in tokens { if case .year(let y, false) = tok.kind { counts[y, default: 0] += 1 } }
        // On a tie the later year: a report is about its latest figures.
        return counts.max { $0.value == $1.value ? $0.key < $1.key : $0.value < $1.value }?.key
    }

    private static let ordinals: Set<UInt32> = Set("一二三四五六七八九十".unicodeScalars.map(\.value))

    /// A heading opens a section when it says the figures under it are results or plans.
    func classifyHeading(_ text: ScalarText, _ line: Range<Int>) -> Section? {
        var i = line.lowerBound
        while i < line.upperBound, text[i] == 0x20 { i += 1 }
        guard i < line.upperBound else { return nil }
        var headEnd = i
        while headEnd < line.upperBound, ![0x3002, 0x2C, 0x3B, 0x3A].contains(text[headEnd]) { headEnd += 1 }
        let headLength = headEnd - i
        let topLevel = Self.ordinals.contains(text[i]) && text[i + 1] == 0x3001     // 一、
            || (text[i] == 0x7B2C && headLength <= 12)                             // 第一部分
            || (headEnd == line.upperBound && headLength <= 24)                    // a short line of its own
        let subLevel = text[i] == 0x28 || ScalarText.isDigit(text[i])               // (一) 1、 1.
        guard (topLevel || subLevel), headLength <= 30 else { return nil }
        let headRange = i..<headEnd
        if text.containsAny(Self.summaryWords, in: headRange) {
            let y = Self.years(in: text, headRange).first ?? reportYear
            return Section(start: line.lowerBound, target: false, year: y, planFrom: nil)
        }
        guard text.containsAny(topLevel ? Self.planWords : Self.strongPlanWords, in: headRange) else { return nil }
        let headYears = Self.years(in: text, headRange)
        let range = headYears.count >= 2 && headYears[1] > headYears[0] && headYears[1] - headYears[0] <= 15
            ? (headYears[0], headYears[1]) : nil
        let year = range?.1 ?? headYears.first ?? sections.last.flatMap { $0.target ? $0.year : nil }
            ?? reportYear.map { $0 + 1 }
        let from = range?.0 ?? headYears.first ?? sections.last.flatMap { $0.target ? $0.planFrom : nil }
            ?? reportYear.map { $0 + 1 }
        return Section(start: line.lowerBound, target: true, year: year, planFrom: from)
    }
}
