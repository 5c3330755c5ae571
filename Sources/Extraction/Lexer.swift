import Domain

/// Turns the text into tokens: catalogue mentions, numbers with units, years, periods, growth and
/// rank phrases, and the clause and sentence breaks the binder scopes them by.
struct Lexer {
    let text: ScalarText
    let matcher: AliasMatcher<MatchTarget>
    /// Each indicator's unit, to tell a name's head from a longer spelling of the same measure.
    let units: [String: IndicatorUnit]

    private static let growthWords = words([
        "同比增长", "比上年增长", "比去年增长", "同比增加", "同比提高", "同比上升", "年均增长", "增长率",
        "增长", "增幅", "增速", "增加", "提高", "上升",
    ])
    private static let rateNouns: Set<[UInt32]> = Set(words(["增速", "增幅", "增长率"]))
    private static let planNouns = words(["目标", "任务", "规划"])
    private static let targetNouns = words(["目标任务", "年度任务", "全年任务", "任务"])
    private static let accomplish = Array(word: "完成")
    private static let completionWords = words([
        "年度任务完成率", "年度目标完成率", "目标完成率", "任务完成率", "完成率", "完成年度目标的", "完成年度任务的",
        "完成目标任务的", "完成年度目标任务的", "完成目标的", "完成任务的", "完成全年任务的", "完成全年目标的",
        "完成全年目标任务的", "完成目标任务",
    ])
    private static let declineWords = words(["同比下降", "同比减少", "比上年下降", "下降", "减少"])
    private static let relativeRegions: [([UInt32], RelativeRegion)] = keyed([
        ("全区", .own), ("我区", .own), ("本区", .own), ("全县", .own), ("我县", .own), ("本县", .own),
        ("我市", .own), ("本市", .own), ("全市", .city), ("全省", .province), ("我省", .province),
        ("本省", .province), ("全国", .nation), ("我国", .nation),
    ])
    private static let rankTriggers = words([
        "位居", "跃居", "名列", "位列", "排名", "居于", "居", "列", "排", "稳居", "跃升至", "上升至", "提升至", "升至",
        "跃升到", "上升到", "升到", "保持", "排在", "位于", "处于",
    ])
    private static let rankScopes: [([UInt32], RankScope)] = keyed([
        ("全国", .nation), ("全省", .province), ("全市", .city), ("全区", .district), ("全县", .district),
        ("省内", .province), ("市内", .city), ("省", .province), ("市", .city),
    ])
    private static let groupNouns = words([
        "设区市", "县(市、区)", "县(市,区)", "县市区", "区县(市)", "区、县(市)", "区县", "地市", "城市", "县(市)",
        "区(县、市)", "区(县市)", "省份", "省(区、市)", "省区市",
    ])
    private static let periodWords: [([UInt32], PeriodHint)] = keyed([
        ("前三季度", .quarter(3)), ("一至三季度", .quarter(3)), ("第三季度", .quarter(3)),
        ("上半年", .quarter(2)), ("一季度", .quarter(1)), ("第一季度", .quarter(1)),
        ("前两个季度", .quarter(2)), ("二季度", .quarter(2)), ("三季度", .quarter(3)),
    ])
    /// First scalars of every keyword the lexer looks for, to skip other positions quickly.
    private static let keywordStarts: Set<UInt32> = {
        var all = growthWords + declineWords + rankTriggers + cueWords + words(["分别", "其中", "预计", "前"]) + relativeYears.map(\.0) + nowWords + completionWords + targetNouns + planPeriods.map(\.0)
        all += relativeRegions.map(\.0) + rankScopes.map(\.0) + periodWords.map(\.0)
        return Set(all.compactMap(\.first))
    }()
    private static let toWords = words(["到", "至"])
    private static let since = Array(word: "以来")
    private static let fullYear = Array(word: "全年")
    /// The five-year plans reports name instead of years: 十三五期间 ends in 2020, 十四五末 is 2025.
    private static let planPeriods: [([UInt32], Int)] = keyed([("十二五", 2015), ("十三五", 2020), ("十四五", 2025), ("十五五", 2030)])
    private static let planEnds = words(["末", "期末", "时期末"])

    /// Whether only spaces stand between `i` and the start of its sentence or line.
    static func startsSentence(_ t: ScalarText, _ i: Int) -> Bool {
        var j = i - 1
        while j >= 0, t[j] == 0x20 { j -= 1 }
        return j < 0 || [0x0A, 0x0D, 0x3002, 0x21, 0x3F, 0x3B, 0x0C].contains(t[j])
    }
    private static let comparisonWords = words(["较", "比", "与", "同比", "相比", "对比", "是", "相当于", "高于", "低于", "快于", "慢于"])
    private static let nowWords = words(["截至目前", "截止目前", "至此", "目前", "近日"])
    private static let relativeYears: [([UInt32], Int)] = keyed([
        ("今年", 0), ("本年", 0), ("当年", 0), ("全年", 0), ("去年", -1), ("上年", -1), ("明年", 1), ("前年", -2),
        // 过去五年…提高7个百分点: a span that ended with the year before the report.
        ("过去五年", -1), ("过去5年", -1), ("近五年", -1), ("近5年", -1), ("五年来", -1), ("5年来", -1),
    ])
    /// 比上年增长, 上年同期: a compared year, not the figure's.
    private static let notRelativeAfter = words(["同期", "同比", "底", "末"])
    private static let notToWords = words(["截至", "截止", "截至到", "截止到"])
    private static let changeVerbs = words(["提高", "提升", "上升", "增长", "增加", "跃升", "攀升", "升", "下降", "降低", "扩大"])
    private static let basisWords = words(["的基础上", "基础上"])
    private static let cueWords = words(["力争", "目标", "确保", "预期", "计划", "将"])
    private static let year = Array(word: "年")
    private static let yearDegree = Array(word: "年度")
    private static let month = Array(word: "月")
    private static let day = Array(word: "日")

    func tokens() -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(text.count / 8)
        var i = 0
        let t = text
        while i < t.count {
            let v = t[i]
            switch v {
            case 0x0A, 0x0D:
                out.append(Token(kind: .paragraphBreak, start: i, end: i + 1))
                i += 1
                continue
            case 0x3002, 0x21, 0x3F:              // 。 ! ?
                out.append(Token(kind: .sentenceBreak(hard: true), start: i, end: i + 1))
                i += 1
                continue
            case 0x3B:                            // ;
                out.append(Token(kind: .sentenceBreak(hard: false), start: i, end: i + 1))
                i += 1
                continue
            case 0x2C, 0x3A:                      // , :
                out.append(Token(kind: .clauseBreak, start: i, end: i + 1))
                i += 1
                continue
            default:
                break
            }
            if ScalarText.isDigit(v) {
                let (tokens, end) = digits(at: i)
                out.append(contentsOf: tokens)
                i = max(end, i + 1)
                continue
            }
            if !Self.keywordStarts.contains(v), !matcher.mayStart(with: v), !ChineseNumeral.isStart(t, at: i), t[i + 2] != 0x53BF {
                i += 1
                continue
            }
            if v == 0x524D, let (n, end) = topList(at: i) {
                out.append(Token(kind: .topList(n), start: i, end: end))
                i = end
                continue
            }
            if let (rank, end) = rank(at: i, afterPlace: out.last.map { $0.end == i && $0.isRegion } ?? false) {
                out.append(Token(kind: .rank(rank), start: i, end: end))
                i = end
                continue
            }
            if let p = Self.periodWords.first(where: { t.has($0.0, at: i) }) {
                out.append(Token(kind: .period(p.1), start: i, end: i + p.0.count))
                i += p.0.count
                continue
            }
            if let (target, end) = matcher.longest(in: t, at: i) {
                switch target {
                case .indicator(let ref):
                    let (head, headEnd) = headOfName(ref, from: i, end: end)
                    out.append(Token(kind: .mention(head), start: i, end: headEnd))
                    i = headEnd
                    continue
                case .region(let code):
                    if !isPartOfName(end) {
                        out.append(Token(kind: .region(.code(code)), start: i, end: end))
                    }
                case .regions(let codes):
                    if !isPartOfName(end) {
                        out.append(Token(kind: .region(.ambiguous(codes)), start: i, end: end))
                    }
                }
                i = end
                continue
            }
            if let r = Self.relativeRegions.first(where: { t.has($0.0, at: i) }) {
                out.append(Token(kind: .region(.relative(r.1)), start: i, end: i + r.0.count))
                i += r.0.count
                continue
            }
            if isUnknownCounty(at: i) {
                out.append(Token(kind: .region(.unknown), start: i, end: i + 3))
                i += 3
                continue
            }
            if let p = Self.planPeriods.first(where: { t.has($0.0, at: i) }) {
                var end = i + p.0.count
                if t[end] == 0x201D || t[end] == 0x22 { end += 1 }   // “十四五”末
                if let w = t.first(of: Self.planEnds, at: end) {
                    out.append(Token(kind: .year(p.1, to: true), start: i, end: end + w.count))
                    i = end + w.count
                } else if t.first(of: Self.planNouns, at: end) != nil {
                    // 完成“十四五”目标任务134%: the plan's name, which dates nothing.
                    i = end
                } else {
                    // 十三五期间 / “十三五”以来: figures of the plan's span, dated by its last year.
                    out.append(Token(kind: .year(p.1, to: false), start: i, end: end))
                    i = end
                }
                continue
            }
            // 完成“十四五”目标任务134%, 完成年度目标任务215%: a share of the target named before it.
            if let w = t.first(of: Self.targetNouns, at: i) {
                var j = i + w.count
                if t[j] == 0x7684 { j += 1 }   // 的
                if ScalarText.isDigit(t[j]), t.has(Self.accomplish, endingAt: i) || t.containsAny([Self.accomplish], in: max(0, i - 10)..<i) {
                    out.append(Token(kind: .completion, start: i, end: j))
                    i = j
                    continue
                }
            }
            if let w = t.first(of: Self.completionWords, at: i) {
                out.append(Token(kind: .completion, start: i, end: i + w.count))
                i += w.count
                continue
            }
            if let w = t.first(of: Self.nowWords, at: i) {
                out.append(Token(kind: .asPublished, start: i, end: i + w.count))
                i += w.count
                continue
            }
            if let r = Self.relativeYears.first(where: { t.has($0.0, at: i) }) {
                let end = i + r.0.count
                // 2021年全年 keeps its year.
                let dated = r.1 == 0 && (t[i - 1] == 0x5E74 || t[i - 1] == 0x5EA6) && t.has(Self.fullYear, at: i)
                let compared = Self.comparisonWords.contains { t.has($0, endingAt: i) } || t[i - 1] == 0x4E8E || dated   // 于
                if !compared, t.first(of: Self.notRelativeAfter, at: end) == nil {
                    out.append(Token(kind: .relativeYear(r.1), start: i, end: end))
                }
                i = end
                continue
            }
            if let w = t.first(of: Self.declineWords, at: i) {
                out.append(Token(kind: .growth(negative: true, rate: false), start: i, end: i + w.count))
                i += w.count
                continue
            }
            if let w = t.first(of: Self.growthWords, at: i) {
                // 增长到57家 states the level reached, not a rate; 增加值 is a measure.
                if Self.toWords.contains(where: { t.has($0, at: i + w.count) }) || (t[i + w.count] == 0x503C && w.last == 0x52A0) {
                    i += w.count + 1
                    continue
                }
                out.append(Token(kind: .growth(negative: false, rate: Self.rateNouns.contains(w)), start: i, end: i + w.count))
                i += w.count
                continue
            }
            if v == 0x5206, t[i + 1] == 0x522B {   // 分别
                out.append(Token(kind: .respectively, start: i, end: i + 2))
                i += 2
                continue
            }
            if v == 0x5176, t[i + 1] == 0x4E2D {   // 其中
                out.append(Token(kind: .among, start: i, end: i + 2))
                i += 2
                continue
            }
            if v == 0x9884, t[i + 1] == 0x8BA1 {   // 预计
                out.append(Token(kind: .estimate, start: i, end: i + 2))
                i += 2
                continue
            }
            if let w = t.first(of: Self.cueWords, at: i) {
                out.append(Token(kind: .targetCue, start: i, end: i + w.count))
                i += w.count
                continue
            }
            if ChineseNumeral.isStart(t, at: i), !ScalarText.isDigit(t[i - 1]), let q = QuantityReader.read(t, at: i) {
                out.append(quantityToken(q))
                i = max(q.end, i + 1)
                continue
            }
            i += 1
        }
        return out
    }

    /// Chinese names are head-final: where a name of another measure begins inside the one just
    /// read and runs past its end, the later one is the head. 全社会R&D经费投入强度 reads
    /// 全社会R&D经费投入 first, yet names the intensity; the span keeps the modifiers. A name of
    /// the same kind of measure is a modifier's narrowing instead: 规模以上工业企业研发经费投入
    /// stays the industrial expenditure, though 研发经费投入 ends after 规模以上工业企业研发经费.
    private func headOfName(_ ref: IndicatorRef, from i: Int, end: Int) -> (IndicatorRef, Int) {
        var best = (ref, end)
        var k = i + 1
        while k < best.1 {
            if matcher.mayStart(with: text[k]), let (target, e) = matcher.longest(in: text, at: k), e > best.1,
               case .indicator(let r) = target, r.measure != ref.measure || units[r.base] != units[ref.base] {
                best = (r, e)
            }
            k += 1
        }
        return best
    }

    /// 西湖大学 and 杭州银行 name institutions, not the region.
    private static let notCountyFirst: Set<UInt32> = Set("全我本该各区市省州地郡每年月日度一两三四五六七八九十".unicodeScalars.map(\.value))
    private static let notCountySecond: Set<UInt32> = Set("区市各省".unicodeScalars.map(\.value))
    private static let notCountyAfter: Set<UInt32> = Set("级域委政长里内城乡镇属直财人区市".unicodeScalars.map(\.value))

    /// 白玉县, 龙游县: a two-character county name the catalogue does not know.
    private func isUnknownCounty(at i: Int) -> Bool {
        let t = text
        guard t[i + 2] == 0x53BF, ScalarText.isCJK(t[i]), ScalarText.isCJK(t[i + 1]),
              !Self.notCountyFirst.contains(t[i]), !Self.notCountySecond.contains(t[i + 1]),
              !Self.notCountyAfter.contains(t[i + 3]) else { return false }
        return matcher.longest(in: t, at: i) == nil && matcher.longest(in: t, at: i + 1) == nil
    }

    private static let institutions = words(["大学", "学院", "银行", "研究院", "实验室", "集团", "股份", "公司", "医院"])

    private func isPartOfName(_ end: Int) -> Bool { text.first(of: Self.institutions, at: end) != nil }

    private func quantityToken(_ q: Quantity) -> Token {
        if case .count(let c) = q.unit, c == "个", text.first(of: Self.groupNouns, at: q.end) != nil {
            return Token(kind: .groupSize, start: q.start, end: q.end)
        }
        return Token(kind: .quantity(q), start: q.start, end: q.end)
    }

    private func digitRun(at i: Int) -> Int {
        var j = i
        while ScalarText.isDigit(text[j]) { j += 1 }
        return j
    }

    /// Years, year ranges, dates, month periods, codes and plain quantities.
    private func digits(at i: Int) -> ([Token], Int) {
        let t = text
        if ScalarText.isDigit(t[i - 1]) || (t[i - 1] >= 0x41 && t[i - 1] <= 0x7A && t[i - 1] != 0x5F) {
            return ([], digitRun(at: i))  // part of a code like A123 or a longer number
        }
        let runEnd = digitRun(at: i)
        let runLength = runEnd - i
        let n = Int(t.normalizedString(i..<runEnd)) ?? 0
        let sep = t[runEnd]
        let isDash = sep == 0x2D || sep == 0x7E || sep == 0x81F3   // - ~ 至
        // Codes, dates and phone numbers: digits joined by / - . : to more digits.
        if (sep == 0x2F || sep == 0x2D || sep == 0x3A) && ScalarText.isDigit(t[runEnd + 1]) {
            let otherEnd = digitRun(at: runEnd + 1)
            let isYearRange = runLength == 4 && otherEnd - runEnd - 1 == 4
                && (t.has(Self.year, at: otherEnd) || t[otherEnd] == 0x29 || t[otherEnd] == 0x5D)
            let isMonthRange = sep == 0x2D && runLength <= 2 && n == 1 && t.has(Self.month, at: otherEnd)
            if isMonthRange { return monthRange(from: i, lastStart: runEnd + 1, lastEnd: otherEnd) }
            if !isYearRange {
                var j = runEnd
                while ScalarText.isDigit(t[j]) || ((t[j] == 0x2F || t[j] == 0x2D || t[j] == 0x3A || t[j] == 0x2E)
                                                     && ScalarText.isDigit(t[j + 1])) { j += 1 }
                return ([], j)
            }
            var j = otherEnd
            if t.has(Self.yearDegree, at: j) { j += 2 } else if t.has(Self.year, at: j) { j += 1 }
            return ([], j)
        }
        if isDash, runLength <= 2, n == 1, ScalarText.isDigit(t[runEnd + 1]) {
            let lastEnd = digitRun(at: runEnd + 1)
            if t.has(Self.month, at: lastEnd) { return monthRange(from: i, lastStart: runEnd + 1, lastEnd: lastEnd) }
        }
        if isDash, runLength == 4, ScalarText.isDigit(t[runEnd + 1]) {
            let otherEnd = digitRun(at: runEnd + 1)
            if otherEnd - runEnd - 1 == 4 {
                var j = otherEnd
                if t.has(Self.yearDegree, at: j) { j += 2 } else if t.has(Self.year, at: j) { j += 1 }
                return ([], j)
            }
        }
        if runLength == 4, (1949...2100).contains(n), t.has(Self.year, at: runEnd) {
            var end = runEnd + 1
            if t[end] == 0x5EA6 { end += 1 }   // 度
            // 2022年3月24日 is a date, not a period.
            if ScalarText.isDigit(t[end]) {
                let mEnd = digitRun(at: end)
                if t.has(Self.month, at: mEnd), ScalarText.isDigit(t[mEnd + 1]) {
                    let dEnd = digitRun(at: mEnd + 1)
                    if t.has(Self.day, at: dEnd) { return ([], dEnd + 1) }
                }
            }
            // 较2017年 compares; 自2014年以来 starts a span: neither dates the figure.
            // …，2019年以来，年均增长24.7%: a span's start inside a sentence (at a sentence's start,
            // 2021年以来 opens a summary of that year).
            let spanStart = t.has(Self.since, at: end) && !Self.startsSentence(t, i)
            // 在2022年的基础上实现“双倍增”: the year the growth starts from.
            let base = t[i - 1] == 0x5728 && t.first(of: Self.basisWords, at: end) != nil   // 在
            if Self.comparisonWords.contains(where: { t.has($0, endingAt: i) }) || t[i - 1] == 0x81EA || spanStart || base {
                return ([Token(kind: .baselineYear(n), start: i, end: end)], end)
            }
            let notTo = Self.notToWords.contains { t.has($0, endingAt: i) }
            // 从2012年的第28位提高到2021年的第21位: the year a change reached, not a goal.
            let reached = t[end] == 0x7684 && Self.changeVerbs.contains { t.has($0, endingAt: i - 1) }
            let isTo = !notTo && !reached && Self.toWords.contains { t.has($0, endingAt: i) }
            let start = isTo ? i - 1 : i
            return ([Token(kind: .year(n, to: isTo), start: start, end: end)], end)
        }
        if runLength <= 2, t.has(Self.month, at: runEnd) {
            // 截至9月底 / 9月末 is the year to date; a bare 9月 or 3月24日 is a date.
            let after = t[runEnd + 1]
            if after == 0x5E95 || after == 0x672B, (1...12).contains(n) {   // 底 末
                return ([Token(kind: .period(.month(n)), start: i, end: runEnd + 2)], runEnd + 2)
            }
            if ScalarText.isDigit(after) {
                let dEnd = digitRun(at: runEnd + 1)
                if t.has(Self.day, at: dEnd) { return ([], dEnd + 1) }
            }
            return ([], runEnd + 1)
        }
        // 连续5年, 近3年来: a span of years, not a figure.
        if runLength <= 2, t.has(Self.year, at: runEnd), !ScalarText.isDigit(t[runEnd + 1]) { return ([], runEnd + 1) }
        if let q = QuantityReader.read(t, at: i) {
            return ([quantityToken(q)], q.end)
        }
        return ([], runEnd)
    }

    private func monthRange(from i: Int, lastStart: Int, lastEnd: Int) -> ([Token], Int) {
        let m = Int(text.normalizedString(lastStart..<lastEnd)) ?? 0
        var end = lastEnd + 1
        if text[end] == 0x4EFD { end += 1 }   // 份
        guard (1...12).contains(m) else { return ([], end) }
        return ([Token(kind: .period(.month(m)), start: i, end: end)], end)
    }

    private static let firstPlace = Array(word: "首位")
    /// 全国区县第二, 全省城市第三: the group between the scope and the ordinal.
    private static let rankGroups = words(["区县", "县区", "城市", "地市", "省会城市", "副省级城市", "县(市、区)", "县市区"])

    /// 居全省第24位, 全市排名第三, 位列全省前10位.
    /// 提高到2021年的第21位: a bare ordinal that a change reached in a year.
    private func reachedInYear(before i: Int) -> Bool {
        guard let k = text.yearOfStart(before: i) else { return false }
        return Self.toWords.contains { text.has($0, endingAt: k) }
    }

    /// `afterPlace`: a place's name ends at `i`, which scopes a bare 第 (广东省第一).
    private func rank(at i: Int, afterPlace: Bool = false) -> (RankPhrase, Int)? {
        let t = text
        var j = i
        var scope: RankScope?
        if let s = Self.rankScopes.first(where: { t.has($0.0, at: j) }), s.0.count == 2 {
            scope = s.1
            j += s.0.count
        }
        // 全国区县第二, 全省第一: a scope straight before 第 ranks without a verb.
        let trigger: [UInt32]
        if let w = t.first(of: Self.rankTriggers, at: j) {
            trigger = w
        } else if scope != nil || (t[j] == 0x7B2C && (afterPlace || reachedInYear(before: j))),
                  let gap = Self.rankGroups.first(where: { t.has($0, at: j) }) ?? (t[j] == 0x7B2C ? [] : nil) {
            trigger = gap
        } else {
            return nil
        }
        j += trigger.count
        // 居全省首位: first place.
        if t.has(Self.firstPlace, at: j) || (scope == nil && Self.rankScopes.contains(where: { t.has($0.0 + Self.firstPlace, at: j) })) {
            if scope == nil, let s = Self.rankScopes.first(where: { t.has($0.0, at: j) }) {
                scope = s.1
                j += s.0.count
            }
            return (RankPhrase(value: 1, scope: scope, bound: nil), j + Self.firstPlace.count)
        }
        if scope == nil, let s = Self.rankScopes.first(where: { t.has($0.0, at: j) }) {
            scope = s.1
            j += s.0.count
        }
        if t[j] == 0x4E2D { j += 1 }  // 中
        let isFirst = t[j] == 0x7B2C   // 第
        let isTop = t[j] == 0x524D     // 前
        guard isFirst || isTop else { return nil }
        j += 1
        let number: (value: Double, end: Int)?
        if let a = QuantityReader.arabic(t, at: j) {
            number = a
        } else {
            number = ChineseNumeral.parse(t, at: j, allowBigUnits: false)
        }
        guard let (value, numberEnd) = number, value >= 1, value <= 10_000, value == value.rounded() else {
            return nil
        }
        j = numberEnd
        let suffix = t[j]
        let endsClause = j >= t.count || [0x2C, 0x3002, 0x3B, 0x0A, 0x20, 0x21, 0x3A, 0x3001, 0x29].contains(suffix)
        if suffix == 0x4F4D || suffix == 0x540D || (isTop && (suffix == 0x5F3A || suffix == 0x7532)) {   // 位 名 强 甲
            j += 1
        } else if isTop || !(endsClause || trigger.first == 0x6392) {   // 排名第三 / 位居全市第一。
            // 居第一方阵: an ordinal that runs into a noun is not a rank.
            return nil
        }
        // 排名前五位的区是…: a rank that describes a noun introduces a list; it ranks nothing itself.
        if t[j] == 0x7684 { return nil }   // 的
        return (RankPhrase(value: Int(value), scope: scope, bound: isTop ? .max : nil), j)
    }

    private static let listVerbs = words(["分别是", "分别为", "依次是", "依次为", "是", "为"])

    /// 排名前五位的区是, 前三名的市县分别是: how many places the list after the verb ranks.
    private func topList(at i: Int) -> (Int, Int)? {
        let t = text
        let j = i + 1
        guard let (value, numberEnd) = QuantityReader.arabic(t, at: j) ?? ChineseNumeral.parse(t, at: j, allowBigUnits: false),
              value >= 2, value <= 50, value == value.rounded(),
              t[numberEnd] == 0x4F4D || t[numberEnd] == 0x540D else { return nil }   // 位 名
        var k = numberEnd + 1
        if t[k] == 0x7684 { k += 1 }   // 的
        // The noun ranked (区, 市县, 设区市) is short; the verb follows it.
        let limit = k + 5
        while k <= limit, k < t.count {
            if let verb = Self.listVerbs.first(where: { t.has($0, at: k) }) { return (Int(value), k + verb.count) }
            guard ScalarText.isCJK(t[k]) else { return nil }
            k += 1
        }
        return nil
    }
}
