import Domain

/// Walks the tokens and binds each number to the indicator it is about.
///
/// Scopes follow how Chinese reports are written: a clause (up to ，) names an indicator and gives
/// its value; the following clauses of the same sentence (up to 。 or ；) may add its growth and
/// rank without naming it again; an explicit year reaches to the end of the sentence.
struct Binder {
    let text: ScalarText
    let tokens: [Token]
    let table: IndicatorTable
    let matcher: AliasMatcher<MatchTarget>
    let regions: [String: Region]
    let document: DocumentAnalysis

    private(set) var facts: [Fact] = []
    var unmapped: [UnmappedFact] = []
    /// This sentence's slots: the fact that filled each, and the mention it came from.
    var slotFacts: [String: Int] = [:]
    var slotMentions: [String: Int] = [:]
    var seen: Set<String> = []

    // Sentence state.
    var subject: Subject?
    var sentenceValued: Set<String> = []
    var recentMentions: [Subject] = []
    var recentYears: [Int] = []
    var list: (subjects: [Subject], years: [Int], next: Int, growth: Bool)?
    var sentenceYear: Int?
    var toYear: Int?
    var sentencePeriod: PeriodHint?
    var estimate = false
    var targetCue = false
    var previousClauseGrowth = false

    /// Where the last figure of a phrase the catalogue lacks began: a subject named before it is no
    /// longer what the text is about (新增280家省级科技小巨人企业，总数达628家).
    var lastUnmappedStart = -1
    var newFamilies: Set<String> = []
    var totalFamilies: Set<String> = []
    /// The sentence's year is the publication's (截至目前), which 全年 does not keep.
    var publishedInItem = false
    /// Where a name read with the words after it (技术合同年成交额) ends.
    var mentionEnd = 0
    /// Where a 从…第6位 rank ended, and its scope, waiting for the 升至第2位 that closes the span.
    var rankSpan: (end: Int, scope: RankScope?)?
    /// The places the clause has named, in order: 南昌、吉安、九江…居前三甲.
    var clauseRegions: [String] = []
    /// The parenthesis right after the last name, which glosses it.
    var gloss: Range<Int>?
    /// A ranked list being read: the rank indicator, how many places it ranks, how many were named.
    var topList: (code: String, count: Int, next: Int, subject: Subject)?
    /// The last indicator named before the sentence's end, across its ；-items: 技术合同…；成交额….
    var sentenceMention: Subject?
    /// The paragraph's last named indicator: 分县区看 lists give each region's figure without naming it again.
    var topic: Subject?

    // Clause state.
    var regionSpan: Range<Int>?
    /// Whether the clause has words other than adverbs and connectors (科技投入不断加大).
    var clauseHasContent = false
    /// The clause spoke of a growth rate (增速高出全省水平5.3个百分点): a rank after it ranks the rate.
    var clauseNamesRate = false
    var pendingCompletion: Int?
    /// 较2017年增长100%: the year compared with, which the figure must come after.
    var clauseBaseline: Int?
    /// The subject a 分别 list is binding, whose figure may share a slot with an earlier subject's.
    var listSubject: Int?
    var pendingCompletionSeen = false
    /// 年度任务完成率107%;全市排名第2: whether the rank is of the figure or of its completion is
    /// not said, so no rank is claimed.
    var previousClauseCompletion = false
    var clauseMention: Subject?
    var clauseBlocked = false
    var gapClean = false
    var pendingGrowth: (negative: Bool, start: Int)?
    var clauseRegion: RegionRef?
    var amongEnd: Int?
    var clauseStart = 0
    var clauseGrowth = false
    var lastEnd = 0
    var preBound: Set<Int> = []

    // Section state.
    var sectionIndex = 0
    var sectionYear: Int?

    static let connectors = words([
        "分别为", "分别达到", "分别达", "累计达到", "累计达", "已达到", "已达", "达到了", "达到", "共计", "合计", "累计",
        "总计", "总额", "总数", "金额", "税额", "数量", "为", "达", "共", "是", "有", "实现", "增至", "额", "数", "量", "以",
        "完成", "由", "从", "年的", "首次", "再次", "历史性", "稳定", "持续",
        "了", "的", "将", "全年", "在", "均", "已", "总", "仅", "再", " ", "(", ")", "立项", "新增",
        "入库认定", "评价入库", "入库", "认定", "备案", "保持在", "保持", "投入", "支出", "经费", "份数", "项数",
    ])
    static let completionVerbs = words([
        "完成", "新增", "新认定", "认定", "培育", "新培育", "拥有", "共有", "累计", "新备案", "备案", "入库", "新建",
        "建成", "创建", "新引进", "引进", "实施", "评价入库", "新获批", "获批",
    ])
    static let cumulative = Array(word: "累计")
    static let totalWords = words(["累计", "总数", "总量", "有效"])
    static let aggregateWords = words(["金额", "总额", "合计", "共计", "累计", "总计"])

    init(text: ScalarText, tokens: [Token], table: IndicatorTable, matcher: AliasMatcher<MatchTarget>,
         regions: [String: Region], document: DocumentAnalysis) {
        self.text = text
        self.tokens = tokens
        self.table = table
        self.matcher = matcher
        self.regions = regions
        self.document = document
        self.sectionYear = document.sections.first?.year
    }

    /// 技术合同成交额突破三千亿元 in the headline and 成交额3053.5亿元 in the text: a threshold the
    /// report's own figure meets says nothing more.
    mutating func dropMetThresholds() {
        func same(_ a: Fact, _ b: Fact) -> Bool {
            a.indicator == b.indicator && a.region == b.region && a.period == b.period && a.kind == b.kind && a.scope == b.scope
        }
        let exact = facts.filter { $0.bound == nil }
        facts.removeAll { f in
            switch f.bound {
            case .min?: exact.contains { same($0, f) && $0.value >= f.value }
            case .max?: exact.contains { same($0, f) && $0.value <= f.value }
            default: false
            }
        }
    }

    mutating func run() {
        for index in tokens.indices {
            let tok = tokens[index]
            // 投入强度(研究与试验发展(R&D)经费与全区生产总值[1]之比)为0.83%: the gloss of a name is not read.
            if let g = gloss, g.contains(tok.start) { continue }
            advanceSection(to: tok.start)
            if gapClean, !isConnectorGap(lastEnd, tok.start) { gapClean = false }
            if !clauseHasContent, !isBare(lastEnd, tok.start) { clauseHasContent = true }
            switch tok.kind {
            case .mention(let ref):
                mention(ref, tok, index: index)
            case .region(let r):
                if case .ambiguous(let codes) = r {
                    // 鼓楼区 is in six cities: the one under a place named nearby, or nearest the report's.
                    clauseRegion = document.resolve(codes, near: nearbyRegions).map(RegionRef.code) ?? .ambiguous(codes)
                } else {
                    clauseRegion = r
                }
                if case .code(let c)? = clauseRegion {
                    if !nearbyRegions.contains(c) {
                        nearbyRegions.append(c)
                        if nearbyRegions.count > 16 { nearbyRegions.removeFirst() }
                    }
                    if !sentenceRegions.contains(c) { sentenceRegions.append(c) }
                    if !clauseRegions.contains(c), clauseRegions.count < 16 { clauseRegions.append(c) }
                }
                regionSpan = tok.start..<tok.end
                rankListed(tok)
            case .quantity(let q):
                quantity(q, index: index)
                gapClean = false
            case .year(let y, let to):
                if sentenceItem > 0 { itemYearSet = true } else { firstItemYear = y }
                yearInItem = true
                sentenceYear = y
                recentYears.append(y)
                if to {
                    toYear = y
                    if currentSection.target { sectionYear = y }
                }
            case .baselineYear(let y):
                clauseBaseline = y
            case .asPublished:
                // 至此…达到612家: as of the report's date, in a report that looks back on another year.
                if let y = document.date?.year {
                    yearInItem = true
                    publishedInItem = true
                    sentenceYear = y
                    recentYears.append(y)
                }
            case .relativeYear(let offset):
                // 2021年…，全年技术市场成交…: 全年 keeps a year the sentence already named.
                if text.has(Self.wholeYear, at: tok.start), yearInItem, !publishedInItem { break }
                // 截至目前…，近5年增长4倍多: a span up to the date the sentence already gave.
                if text.first(of: Self.spanYears, at: tok.start) != nil, yearInItem { break }
                // 全年 is the whole of the year the report is about; 今年 the year it was written in.
                if let anchor = text.has(Self.wholeYear, at: tok.start) ? document.reportYear ?? document.thisYear : document.thisYear {
                    sentenceYear = anchor + offset
                    recentYears.append(anchor + offset)
                }
            case .period(let p):
                // 增速比1—9月份加快0.8个百分点: the period compared with dates nothing.
                if !Self.comparedWith.contains(where: { text.has($0, endingAt: tok.start) }) { sentencePeriod = p }
            case .growth(let negative, let rate):
                pendingGrowth = (negative, tok.start)
                if rate { clauseNamesRate = true }
                if list != nil { list?.growth = true }
                gapClean = false
            case .completion:
                pendingCompletion = tok.start
                pendingCompletionSeen = true
                gapClean = false
            case .rank(let r):
                rank(r, tok)
                gapClean = false
            case .groupSize:
                gapClean = false
            case .topList(let n):
                if let s = clauseMention ?? subject ?? sentenceMention {
                    let measure: DerivedMeasure = clauseNamesRate || clauseGrowth ? .growthRank : .rank
                    topList = (measure.code(for: s.ref.base), n, 0, s)
                }
                gapClean = false
            case .respectively:
                startList(at: tok.end)
            case .among:
                amongEnd = tok.end
                gapClean = false
            case .estimate:
                estimate = true
            case .targetCue:
                targetCue = true
            case .clauseBreak:
                endClause(at: tok.end)
            case .sentenceBreak(false) where itemYearSet:
                // 2022年研发投入12.8亿元…；全区累计完成…: a year named inside a ；-item is that item's.
                endClause(at: tok.end)
                endSentence(hard: false)
                sentenceYear = firstItemYear
                itemYearSet = false
                sentenceItem += 1
            case .sentenceBreak(let hard):
                endClause(at: tok.end)
                endSentence(hard: hard)
                sentenceItem = hard ? 0 : sentenceItem + 1
                if hard {
                    firstItemYear = nil
                    itemYearSet = false
                }
            case .paragraphBreak:
                endClause(at: tok.end)
                endSentence(hard: true)
                sentenceItem = 0
                firstItemYear = nil
                itemYearSet = false
                topic = nil
                nearbyRegions = []
                breakdown = false
            }
            lastEnd = max(lastEnd, tok.end, mentionEnd)
        }
    }

    var currentSection: Section {
        document.sections.indices.contains(sectionIndex) ? document.sections[sectionIndex] : Section(start: 0, target: false)
    }

    mutating func advanceSection(to offset: Int) {
        while sectionIndex + 1 < document.sections.count, document.sections[sectionIndex + 1].start <= offset {
            sectionIndex += 1
            sectionYear = document.sections[sectionIndex].year
        }
    }

    /// 分活动主体看, 分行业看: what follows in the paragraph breaks the whole down into parts that
    /// are not places; a bare name of the whole there is a part's figure (企业…研发经费1943.2亿元).
    var breakdown = false
    static let byPlace = words(["地区", "区域", "地市", "市州", "区县", "县区", "各市", "各县", "各区", "市(州)", "县(市、区)"])

    mutating func noteBreakdown(_ clause: Range<Int>) {
        var i = clause.lowerBound
        while i < clause.upperBound, text[i] == 0x20 { i += 1 }
        let n = clause.upperBound - i
        guard n >= 3, n <= 8, text[i] == 0x5206, text[clause.upperBound - 1] == 0x770B else { return }   // 分 看
        breakdown = !text.containsAny(Self.byPlace, in: i..<clause.upperBound)
    }

    mutating func endClause(at end: Int) {
        noteBreakdown(clauseStart..<max(clauseStart, end - 1))
        if !clauseHasContent, !isBare(lastEnd, end - 1) { clauseHasContent = true }
        // A clause about something the catalogue does not name ends the paragraph's topic; one
        // comparing with another place's average (比全市占比高3.4个百分点) does not.
        if clauseMention == nil, clauseHasContent, !isComparison(clauseStart) { topic = nil }
        clauseHasContent = false
        // 同比增长12.1%，位列全市第三名: a rank after a clause that ended on a growth ranks the growth.
        previousClauseGrowth = clauseNamesRate || clauseGrowth
        previousClauseCompletion = pendingCompletionSeen
        pendingCompletionSeen = false
        clauseNamesRate = false
        pendingCompletion = nil
        spanFrom = nil
        clauseBaseline = nil
        clauseMention = nil
        clauseBlocked = false
        gapClean = false
        pendingGrowth = nil
        clauseRegion = nil
        clauseRegions = []
        regionSpan = nil
        amongEnd = nil
        clauseStart = end
        clauseGrowth = false
    }

    /// Which ；-item of the sentence the binder is in, the year its first item named, and whether
    /// the current item named a year of its own.
    var sentenceItem = 0
    /// The regions the sentence named, in order, for a 分别 list of their figures.
    var sentenceRegions: [String] = []
    /// Whether the current ；-item named a year: 全年 then means that year.
    var yearInItem = false
    var firstItemYear: Int?
    var itemYearSet = false

    /// Regions the paragraph named, for resolving a shared name after them (南京市…鼓楼区).
    var nearbyRegions: [String] = []

    /// 排名前五位的区是滨海新区、武清区…: each place's rank is its place in the list.
    mutating func rankListed(_ tok: Token) {
        guard var l = topList, l.next < l.count, case .code(let code)? = clauseRegion else { return }
        l.next += 1
        topList = l
        guard table.units[l.code] != nil else { return }
        emit(code: l.code, Subject(ref: l.subject.ref, region: .code(code), start: tok.start), value: Double(l.next),
             bound: nil, approximate: false, scope: scopeAmongSiblings(of: code), start: tok.start, end: tok.end,
             confidence: 0.7)
    }

    /// A place ranked in a list is ranked among its parent's places: 海口市 in its province,
    /// 滨海新区 in 天津市 (a municipality, whose districts rank city-wide).
    func scopeAmongSiblings(of code: String) -> RankScope? {
        guard let parent = regions[code]?.parent.flatMap({ regions[$0] }) else { return nil }
        switch parent.level {
        case .province: return parent.nameZh.hasSuffix("市") ? .city : .province
        case .nation: return .nation
        case .city: return .city
        case .district, .county, .zone: return .district
        }
    }

    mutating func endSentence(hard: Bool) {
        publishedInItem = false
        topList = nil
        rankSpan = nil
        subject = nil
        sentenceRegions = []
        yearInItem = false
        valuedSubjects = []
        valuedStarts = []
        slotFacts = [:]
        slotMentions = [:]
        unmappedSubject = nil
        pendingParts = []
        sentenceValued = []
        recentMentions = []
        recentYears = []
        list = nil
        previousClauseGrowth = false
        if hard {
            sentenceMention = nil
            previousClauseCompletion = false
            sentenceYear = nil
            toYear = nil
            sentencePeriod = nil
            estimate = false
            targetCue = false
        }
    }

    /// How far back in a clause the checks for a word look: a clause without punctuation can be as
    /// long as the report, and looking back to its start at every figure would cost its square.
    static let lookBack = 48

    /// The clause's text before `end`, at most `lookBack` scalars of it.
    func recent(_ end: Int) -> Range<Int> {
        let from = min(max(clauseStart, end - Self.lookBack), end)
        return from..<max(from, end)
    }

    /// The `)` that closes the `(` at `open`, nested ones included, before `limit`.
    func closingParenthesis(from open: Int, limit: Int) -> Int? {
        var depth = 0
        var k = open
        while k < limit {
            if text[k] == 0x28 { depth += 1 } else if text[k] == 0x29 {
                depth -= 1
                if depth == 0 { return k }
            }
            k += 1
        }
        return nil
    }

    func isConnectorGap(_ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            // A parenthesis after a name glosses it: 孵化器(众创空间)3家.
            if text[i] == 0x28, let close = closingParenthesis(from: i, limit: min(to, i + 64)) {
                i = close + 1
                continue
            }
            guard let w = text.first(of: Self.connectors, at: i), i + w.count <= to else { return false }
            i += w.count
        }
        return true
    }

    static let modifiers = words([
        "累计", "同比", "全年", "比上年", "较上年", "比去年", "较去年", "与上年相比", "年均", "平均", "当年", "其", "分别",
        "比年初", "较年初", "环比", "整体", "总体", "继续", "持续", "稳步", "快速", "大幅", "进一步",
    ])

    /// 全市排名第2;累计增速25%: after a soft break, a clause that names nothing but adverbs and
    /// connectors before its growth or rank still speaks of the paragraph's indicator. A clause
    /// naming another thing (地区生产总值增长5%) does not.
    func topicIfBare(before end: Int) -> Subject? {
        guard clauseMention == nil, !clauseBlocked, !clauseHasContent, isBare(lastEnd, end) else { return nil }
        return topic
    }

    /// Clauses that compare the topic with another place, or give its share of a whole (占…比重71%).
    static let comparisons = words(["比", "较", "高于", "低于", "高出", "快于", "慢于", "超出", "超过全", "占"])

    func isComparison(_ start: Int) -> Bool {
        var i = start
        while i < text.count, text[i] == 0x20 { i += 1 }
        return text.first(of: Self.comparisons, at: i) != nil
    }

    func isBare(_ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            if text[i] == 0x20 || text[i] == 0x3001 { i += 1; continue }
            guard let w = text.first(of: Self.modifiers, at: i) ?? text.first(of: Self.connectors, at: i), i + w.count <= to
            else { return false }
            i += w.count
        }
        return true
    }

    mutating func mention(_ ref: IndicatorRef, _ tok: Token, index: Int) {
        // R&D经费投入强度(R&D经费与地区生产总值之比): a gloss does not change what the clause is about.
        if clauseMention != nil, isInsideParentheses(tok.start) { return }
        if let follows = ref.followsOnly {
            // 占GDP比重 after R&D经费投入 is R&D intensity; after anything else it is not ours.
            // …研发投入达3700亿元；占地区生产总值比重将首次突破3%: an item opened by it follows the last.
            let opensItem = tok.start - clauseStart <= 1 && sentenceItem > 0
            guard let s = subject ?? (opensItem ? sentenceMention : nil), follows.contains(s.ref.base) else {
                subject = nil
                clauseMention = nil
                clauseBlocked = true
                return
            }
            let new = Subject(ref: IndicatorRef(base: ref.base, measure: ref.measure), region: s.region, start: tok.start)
            setMention(new)
            return
        }
        if let (composed, end) = composedAfter(ref, tok), !isInducedOrPartial(at: tok.start),
           !isSubgroup(from: max(lastEnd, clauseStart), to: tok.start) {
            setMention(Subject(ref: composed, region: resolve(clauseRegion), start: tok.start, composed: true), end: end)
            mentionEnd = end
            return
        }
        let partOfBreakdown = breakdown && clauseRegion == nil && !text.containsAny(Self.groupNouns, in: tok.start..<tok.end)
        if partOfBreakdown || isInducedOrPartial(at: tok.start) || isModifier(tokenEnd: tok.end) || isSubgroup(from: max(lastEnd, clauseStart), to: tok.start)
            || hasOtherDenominator(after: tok.end) {
            subject = nil
            clauseMention = nil
            clauseBlocked = true
            return
        }
        // 新增专精特新“小巨人”企业27家 where the catalogue has only the stock: a flow is not the stock.
        if isFlowOfAStock(ref, at: tok.start) {
            subject = nil
            clauseMention = nil
            clauseBlocked = true
            return
        }
        setMention(Subject(ref: registered(ref, at: tok.start, end: tok.end), region: resolve(clauseRegion), start: tok.start), end: tok.end)
    }

    static let measureNouns = words(["成交额", "交易额", "成交金额", "交易金额", "总额", "总数", "增加值", "总产值", "产值", "营业收入"])

    /// 技术合同年成交额: a name, a 年, and a measure make another catalogue name.
    func composedAfter(_ ref: IndicatorRef, _ tok: Token) -> (IndicatorRef, Int)? {
        guard ref.measure == nil, ref.followsOnly == nil, text[tok.end] == 0x5E74,   // 年
              let measure = text.first(of: Self.measureNouns, at: tok.end + 1),
              case .indicator(let r)? = matcher.lookup(Array(text.normalized[tok.start..<tok.end]) + measure),
              r.followsOnly == nil else { return nil }
        return (r, tok.end + 1 + measure.count)
    }

    static let taskNouns = words(["目标任务", "任务", "目标"])
    static let yearWords = words(["全年", "年度"])
    static let applyVerbs = words(["组织申报", "推荐申报", "申报"])

    /// Where the words before `start` end once a batch (第一批) is left out.
    func skipBatch(before start: Int) -> Int {
        guard start >= 3, text[start - 1] == 0x6279 else { return start }   // 批
        var i = start - 2
        while i > max(clauseStart, start - 6), ScalarText.isDigit(text[i]) || ChineseNumeral.isStart(text[i]) { i -= 1 }
        return text[i] == 0x7B2C ? i : start   // 第
    }

    static let registrationVerbs = words(["新备案", "备案", "新认定", "认定", "评价入库", "入库", "新增", "新培育"])

    /// 去年备案科技型中小企业2437家: a verb of registering before a family's bare name counts the
    /// year's new ones, unless the text says the count is cumulative (累计认定).
    static let singleLevels = words(["国家级"])

    func isFlowOfAStock(_ ref: IndicatorRef, at start: Int) -> Bool {
        // 国家级科技企业孵化器76家: the national tier only, a part of what a place counts.
        if ref.measure == nil, ref.base.hasSuffix("_total"), Self.singleLevels.contains(where: { text.has($0, endingAt: start) }) {
            return true
        }
        guard ref.measure == nil, ref.base.hasSuffix("_total"),
              table.units[String(ref.base.dropLast("_total".count)) + "_new"] == nil else { return false }
        let from = max(clauseStart, start - 8)
        return text.containsAny(Self.newVerbs, in: from..<start) && !text.containsAny(Self.totalWords, in: from..<start)
    }

    func registered(_ ref: IndicatorRef, at start: Int, end: Int) -> IndicatorRef {
        guard ref.measure == nil, ref.base.hasSuffix("_total") else { return ref }
        // 组织申报第一批国家高新技术企业53家: the applications, not the firms certified.
        let family = String(ref.base.dropLast("_total".count))
        if table.units[family + "_applied"] != nil, let verb = Self.applyVerbs.first(where: { text.has($0, endingAt: skipBatch(before: start)) }),
           skipBatch(before: start) - verb.count >= clauseStart {
            return IndicatorRef(base: family + "_applied")
        }
        // 科技型中小企业入库认定86家: the verb may follow the name too.
        let before = Self.registrationVerbs.first(where: { text.has($0, endingAt: start) }).map { start - $0.count >= clauseStart } ?? false
        let after = text.first(of: Self.registrationVerbs, at: end) != nil
        // 累计认定 / 科技型中小企业累计备案: a running total either way.
        let explicitTotal = text.containsAny(Self.totalWords, in: max(clauseStart, start - 6)..<min(text.count, end + 2))
        // 1-5月份，科技型中小企业排名前五位的区是…: in a year-to-date figure of a report that has
        // counted the family's registrations and no total, the bare name is the registrations.
        let yearToDate = sentencePeriod != nil && newFamilies.contains(family) && !totalFamilies.contains(family)
        guard (before || after || yearToDate), !explicitTotal else { return ref }
        let new = String(ref.base.dropLast("_total".count)) + "_new"
        return table.units[new] != nil ? IndicatorRef(base: new) : ref
    }

    /// Which families (tech_smes) the report has counted the new ones of, and the total of.
    mutating func noteFamily(_ code: String, quote: Range<Int>) {
        if code.hasSuffix("_new") {
            newFamilies.insert(String(code.dropLast("_new".count)))
        } else if code.hasSuffix("_total"), text.containsAny(Self.totalWords + Self.levelWords, in: quote) {
            totalFamilies.insert(String(code.dropLast("_total".count)))
        }
    }

    mutating func setMention(_ s: Subject, end: Int? = nil) {
        subject = s
        if let end { lastMentionEnd = end }
        if let end, text[end] == 0x28, let close = closingParenthesis(from: end, limit: min(text.count, end + 64)) {
            gloss = end..<(close + 1)
        }
        // A growth after a soft break is of the last level named, not of a ratio (占比52.7%;同比增长12%).
        if s.ref.measure == nil, table.units[s.ref.base] != .percent { topic = s }
        let parts = pendingParts
        pendingParts = []
        for (q, code, span) in parts {
            _ = bind(q, Subject(ref: s.ref, region: .code(code), start: span.lowerBound), quoteStart: span.lowerBound,
                     confidence: 0.6)
        }
        clauseMention = s
        clauseBlocked = false
        gapClean = true
        recentMentions.append(s)
        sentenceMention = s
    }

    mutating func startList(at end: Int) {
        // 技术合同成交金额前三名的市县分别是…，技术合同成交金额分别是…: one indicator named twice is one subject.
        var subjects: [Subject] = []
        for m in recentMentions.reversed() where !subjects.contains(where: { $0.ref == m.ref }) { subjects.insert(m, at: 0) }
        // 高新技术企业和科技型中小企业分别新增1000家、10000家: the verb picks each family's new ones.
        if text.first(of: Self.newVerbs, at: end) != nil {
            subjects = subjects.map { s in
                guard s.ref.measure == nil, s.ref.base.hasSuffix("_total") else { return s }
                let new = String(s.ref.base.dropLast("_total".count)) + "_new"
                guard table.units[new] != nil else { return s }
                return Subject(ref: IndicatorRef(base: new), region: s.region, start: s.start)
            }
        }
        if subjects.count == 1, recentYears.count < 2, let only = subjects.first, let placed = coordinatedWithUnknown(only) {
            // 高新技术企业和科技型企业…分别超过90家和870家: the other noun is not in the catalogue, but
            // it still takes its figure.
            list = (placed, [], 0, pendingGrowth != nil)
        } else if subjects.count >= 2 {
            list = (subjects, [], 0, pendingGrowth != nil)
        } else if recentYears.count >= 2, let s = subjects.first ?? subject {
            list = ([s], recentYears, 0, pendingGrowth != nil)
        } else if subjects.count <= 1, sentenceRegions.count >= 2, let s = subjects.first ?? subject, s.ref.measure == nil {
            // 前三名的市县分别是海口市、三亚市、澄迈县，技术合同成交金额分别是36亿元、8.5亿元、3.3亿元.
            // 我省…海口市、三亚市: the whole that holds the listed places is not one of them.
            let holders = Set(sentenceRegions.flatMap { document.ancestors(of: $0) })
            let places = sentenceRegions.filter { !holders.contains($0) }
            list = (places.map { Subject(ref: s.ref, region: .code($0), start: s.start) }, [], 0, pendingGrowth != nil)
        } else if subjects.isEmpty, valuedSubjects.count >= 2 {
            // 技术合同125项，合同成交额7.81亿元，同比分别增长67%、193%: the figures given so far.
            list = (valuedSubjects, [], 0, true)
        }
    }

    static let coordinators: Set<UInt32> = [0x548C, 0x53CA, 0x4E0E, 0x3001]   // 和及与、

    /// The named subject in its place beside one noun the catalogue lacks (A和B), which stands in
    /// the list as a subject nothing can be bound to.
    func coordinatedWithUnknown(_ s: Subject) -> [Subject]? {
        let unknown = Subject(ref: IndicatorRef(base: ""), region: .outside, start: s.start)
        func noun(from i: Int) -> Bool { ScalarText.isCJK(text[i]) && ScalarText.isCJK(text[i + 1]) }
        if lastMentionEnd > s.start, Self.coordinators.contains(text[lastMentionEnd]), noun(from: lastMentionEnd + 1) {
            return [s, unknown]
        }
        if Self.coordinators.contains(text[s.start - 1]), noun(from: s.start - 3), s.start - 1 > clauseStart { return [unknown, s] }
        return nil
    }

    // MARK: - Values

    mutating func quantity(_ q: Quantity, index: Int) {
        if let (from, s) = undatedSpan, isSpanEnd(from, q.start) {
            undatedSpan = nil
            if bind(q, s, quoteStart: s.start < clauseStart ? q.start : s.start, confidence: 0.75) { return }
        }
        undatedSpan = nil
        let before = facts.count
        if opensUndatedSpan(q, index: index) {
            // 投入强度由1.43%提升到1.98%: the first figure is of a time the text does not give; the
            // figure the span reaches is the sentence's, of the same subject.
            spanStart = true
            bindQuantity(q, index: index)
            if facts.count > before, let s = lastSubject { undatedSpan = (q.end, s) }
            spanStart = false
            return
        }
        let growthWord = pendingGrowth
        let inList = list != nil
        bindQuantity(q, index: index)
        guard facts.count == before, !preBound.contains(index), !(clauseMention != nil && gapClean) else { return }
        // 投入超千亿元的省份有12个: a figure that only describes a noun leaves the topic as it was.
        if describesNoun(q) { return }
        // 高新技术企业税收减免额达2.01亿元，同比增长25.63%: a figure bound to nothing ends the topic,
        // unless it only compares with another place (比全市占比高3.4个百分点).
        if !isComparison(clauseStart) { topic = nil }
        if clauseMention == nil, !clauseBlocked, !inList { proposeUnmapped(q, index: index, growthWord: growthWord) }
        // 孵化器新增在孵企业122家，完成全年170家任务的71.8%: a count of another noun after the name
        // means the sentence has moved on from it.
        if let m = clauseMention, case .count = q.unit, !gapClean, growthWord == nil,
           Self.groupNouns.contains(where: { text.has($0, endingAt: q.start) }) {
            if sentenceMention?.start == m.start { sentenceMention = nil }
            if subject?.start == m.start { subject = nil }
        }
    }

    /// 经费投入超过1亿元的行业大类有10个: a figure before 的 describes the noun after it.
    func describesNoun(_ q: Quantity) -> Bool { text[q.end] == 0x7684 }

    mutating func bindQuantity(_ q: Quantity, index: Int) {
        defer { recentMentions = [] }
        if preBound.contains(index) { return }
        if describesNoun(q) { return }
        if var l = list {
            let i = l.next
            l.next += 1
            list = l
            if l.years.isEmpty {
                // 分别为高新区1176家、南开区266家: a figure with its own place before it is that place's;
                // one after a place the catalogue lacks (高新区) is nobody's we know.
                if let first = l.subjects.first, ScalarText.isCJK(text[q.start - 1]), !Self.listJoins.contains(text[q.start - 1]),
                   l.subjects.allSatisfy({ $0.ref == first.ref }), Set(l.subjects.map(\.region)).count > 1 {
                    guard regionSpan?.upperBound == q.start, case .code(let code)? = clauseRegion else { return }
                    bindLevelOrGrowth(q, Subject(ref: first.ref, region: .code(code), start: regionSpan?.lowerBound ?? q.start),
                                      growth: l.growth, confidence: 0.7, year: nil)
                    return
                }
                guard i < l.subjects.count else { return }
                // 合同成交额7.81亿元，其中技术交易额4.62亿元，同比分别增长193%和82%: each named figure its own.
                listSubject = l.subjects[i].start
                defer { listSubject = nil }
                bindLevelOrGrowth(q, l.subjects[i], growth: l.growth, confidence: 0.7, year: nil)
            } else {
                guard i < l.years.count, let s = l.subjects.first else { return }
                bindLevelOrGrowth(q, s, growth: l.growth, confidence: 0.7, year: l.years[i])
            }
            return
        }
        // 完成全年1150件任务的46.2%: the figure before 任务 is the year's target.
        if text.first(of: Self.taskNouns, at: q.end) != nil, Self.yearWords.contains(where: { text.has($0, endingAt: q.start) }),
           let s = clauseMention ?? subject, s.ref.measure == nil,
           let year = sentenceYear ?? sectionYear ?? document.reportYear {
            let saved = toYear
            toYear = year
            _ = bind(q, Subject(ref: s.ref, region: s.region, start: q.start), quoteStart: q.start - 2, confidence: 0.6)
            toYear = saved
            return
        }
        // 为0.83%，比上年(0.79%)提高0.04个百分点: the bracketed figure is last year's.
        if text[q.start - 1] == 0x28, text.has(Self.lastYear, endingAt: q.start - 1), pendingGrowth == nil,
           let s = clauseMention ?? subject, s.ref.measure == nil, let year = sentenceYear ?? sectionYear {
            bindLevelOrGrowth(q, s, growth: false, confidence: 0.6, year: year - 1)
            return
        }
        if let c = pendingCompletion {
            pendingCompletion = nil
            if q.unit == .percent, let s = clauseMention ?? (clauseBlocked ? nil : subject) ?? topicIfBare(before: c) {
                let code = DerivedMeasure.targetCompletion.code(for: s.ref.base)
                if table.units[code] != nil {
                    emit(code: code, s, value: q.value, bound: q.bound, approximate: q.approximate, scope: nil,
                         start: c, end: q.end, confidence: 0.75)
                }
            }
            return
        }
        if let g = pendingGrowth {
            pendingGrowth = nil
            if let s = clauseMention ?? (clauseBlocked ? nil : subject) ?? topicIfBare(before: g.start) ?? composedBefore(g.start) {
                growth(q, s, negative: g.negative, start: g.start, confidence: clauseMention != nil ? 0.85 : 0.8)
            }
            return
        }
        if bindPassedReview(q) { return }
        if bindRegionPart(q) || bindUnknownPlace(q) { return }
        // 比重由2016年的0.95%增长到2020年的1.96%: both ends of the span are the indicator's figures.
        if let m = clauseMention, let from = spanFrom, isSpanEnd(from, q.start) {
            spanFrom = nil
            if bind(q, m, quoteStart: from, confidence: 0.75) { return }
        }
        if let m = clauseMention, gapClean {
            let opensSpan = text.containsAny(Self.spanOpeners, in: m.start..<q.start)
            if bind(q, m, quoteStart: m.start, confidence: q.start == lastEnd ? 0.9 : 0.85) {
                if opensSpan {
                    // The start of a span is an earlier figure: it does not fill the sentence's slot.
                    spanFrom = q.end
                    if let last = facts.last { sentenceValued.remove(slot(of: last)) }
                }
                return
            }
            if bindSibling(q, m, quoteStart: m.start) { return }
            return
        }
        if clauseMention == nil, bindBeforeMention(q, index: index) { return }
        if let a = amongEnd, let s = subject, clauseMention == nil {
            // 全市…3.5%，其中滨江区达11.2%: the same measure for a region within it.
            if case .code(let code)? = clauseRegion, code != s.region.code {
                let part = Subject(ref: s.ref, region: .code(code), start: a)
                if bind(q, part, quoteStart: a, confidence: 0.7) { subject = part }
                return
            }
            if let ref = ellipsis(text.normalized[min(a, q.start)..<q.start], of: s.ref.base) {
                let sub = Subject(ref: ref, region: s.region, start: a)
                _ = bind(q, sub, quoteStart: a, confidence: 0.65)
            }
            return
        }
        // 首次突破200亿元…，达到217.9亿元 / ，为0.83%: a clause of nothing but a verb and its figure.
        if clauseMention == nil, !clauseBlocked, !clauseHasContent, isBare(lastEnd, q.start), amongEnd == nil,
           !ScalarText.isCJK(text[q.end]),
           let s = subject ?? topicIfBare(before: q.start), s.ref.measure == nil,
           bind(q, runningTotal(of: s, before: q.start) ?? s, quoteStart: clauseStart, confidence: 0.6) {
            return
        }
        if clauseMention == nil, !clauseBlocked, let s = subject {
            if text.containsAny(Self.aggregateWords, in: recent(q.start)),
               !sentenceValued.contains(s.ref.base), bind(q, s, quoteStart: clauseStart, confidence: 0.6) {
                return
            }
            if bindSibling(q, s, quoteStart: clauseStart) { return }
        }
        if clauseMention == nil, !clauseBlocked, amongEnd == nil, let s = subject ?? sentenceMention ?? topic, bindMeasureNoun(q, index: index, of: s) {
            return
        }
        if clauseMention == nil, !clauseBlocked, amongEnd == nil, bindSplitName(q, index: index) { return }
        if clauseMention == nil { subject = nil }
    }

    /// The words a split name's head and tail may have between them: a time, a verb.
    static let splitGap = 6
    static let fillers = words(["上半年", "下半年", "前三季度", "全年", "当年", "今年", "去年", "一季度", "实现", "完成", "累计", "共", "的"])

    /// Whether the words are all times and verbs, which do not change what the name means
    /// (技术服务合同成交额 is not 技术合同成交额).
    static func isFiller(_ gap: ArraySlice<UInt32>) -> Bool {
        var i = gap.startIndex
        while i < gap.endIndex {
            guard let w = fillers.first(where: { i + $0.count <= gap.endIndex && gap[i..<(i + $0.count)].elementsEqual($0) })
            else { return false }
            i += w.count
        }
        return true
    }

    /// 全省高新区上半年实现营业收入13977.46亿元: a catalogue name whose head and tail the clause
    /// gives a few words apart.
    mutating func bindSplitName(_ q: Quantity, index: Int) -> Bool {
        guard !ScalarText.isCJK(text[q.end]) else { return false }
        // The clause's words before the figure, back to anything that is not a word (8个国家高新区).
        var hi = q.start
        while let w = Self.valueVerbs.first(where: { text.has($0, endingAt: hi) }), hi - w.count > clauseStart { hi -= w.count }
        var lo = hi
        while lo > max(clauseStart, hi - 16), ScalarText.isCJK(text[lo - 1]) { lo -= 1 }
        guard hi - lo >= 5 else { return false }
        let named = (text: text.string(lo..<hi), start: lo)
        let t = Array(text.normalized[lo..<hi])
        var found: (ref: IndicatorRef, at: Int, length: Int)?
        for cut in max(1, t.count - 6)...max(1, t.count - 2) where cut < t.count {
            guard let heads = table.splitNames[Array(t[cut...])] else { continue }
            for (head, ref) in heads where head.count + t.count - cut > found?.length ?? 0 {
                // The head ends at most splitGap words before the tail.
                var at = cut - head.count
                while at >= 0, at >= cut - head.count - Self.splitGap {
                    if t[at..<(at + head.count)].elementsEqual(head), Self.isFiller(t[(at + head.count)..<cut]) {
                        found = (ref, at, head.count + t.count - cut)
                        break
                    }
                    at -= 1
                }
            }
        }
        guard let f = found, !t[(f.at)..<t.count].contains(where: { ScalarText.isDigit($0) }) else { return false }
        let s = Subject(ref: f.ref, region: resolve(clauseRegion), start: named.start + f.at, composed: true)
        guard bind(q, s, quoteStart: named.start, confidence: 0.6) else { return false }
        subject = s
        clauseMention = s
        return true
    }

    /// 高新技术企业新增1079家，总数达3174家: a running total of a flow's subject is the family's total.
    func runningTotal(of s: Subject, before end: Int) -> Subject? {
        guard s.ref.measure == nil, s.ref.base.hasSuffix("_new"), lastUnmappedStart < s.start,
              text.containsAny(Self.totalWords, in: clauseStart..<end) else { return nil }
        let total = String(s.ref.base.dropLast("_new".count)) + "_total"
        guard table.units[total] != nil else { return nil }
        return Subject(ref: IndicatorRef(base: total), region: s.region, start: s.start)
    }

    /// 占比…提高0.1个百分点；增加值同比增长8.5%: a bare measure noun before a growth word, composed
    /// with the indicator the sentence last named.
    func composedBefore(_ end: Int) -> Subject? {
        guard clauseMention == nil, !clauseBlocked, let s = sentenceMention ?? topic, lastUnmappedStart < s.start,
              let named = phrase(from: clauseStart, to: end), named.text.unicodeScalars.count <= 4,
              let ref = table.compose(base: s.ref.base, measure: Array(word: named.text), matcher: matcher) else { return nil }
        return Subject(ref: ref, region: s.region, start: named.start, composed: true)
    }

    /// 登记技术合同3263项，成交额53.3亿元: a bare measure noun (成交额, 总数, 增加值) after a subject
    /// names the catalogue's indicator that the subject's own noun and the measure make together.
    mutating func bindMeasureNoun(_ q: Quantity, index: Int, of s: Subject) -> Bool {
        // 新增280家省级科技小巨人企业: a count before a noun counts that noun.
        guard !ScalarText.isCJK(text[q.end]), lastUnmappedStart < s.start,
              let named = phrase(from: phraseStart(before: index), to: q.start), named.text.unicodeScalars.count <= 4,
              let ref = table.compose(base: s.ref.base, measure: Array(word: named.text), matcher: matcher),
              ref.base != s.ref.base || ref.measure != s.ref.measure else { return false }
        let composed = Subject(ref: ref, region: s.region, start: named.start, composed: true)
        guard bind(q, composed, quoteStart: named.start, confidence: 0.6) else { return false }
        // 成交额达8536.9亿元，同比增长7.4%: what follows is about the composed measure.
        subject = composed
        clauseMention = composed
        return true
    }

    // MARK: - Unmapped phrases

    /// The phrase a figure bound to nothing was about, kept for the sentence's growth.
    var unmappedSubject: (phrase: String, region: SubjectRegion, start: Int)?
    /// Region figures waiting for the indicator the sentence names after them.
    var pendingParts: [(Quantity, String, Range<Int>)] = []
    /// The subjects this sentence gave a level for, in order.
    var valuedSubjects: [Subject] = []
    var valuedStarts: Set<Int> = []
    /// Where a 由/从 figure ended, waiting for the 到 figure of the span.
    var spanFrom: Int?
    static let spanOpeners = words(["由", "从"])
    /// A 由 figure without a year: where it ended, and whom it was of.
    var undatedSpan: (Int, Subject)?
    /// Set while a 由 figure without a year is bound: it has no period.
    var spanStart = false
    /// The subject of the last fact emitted, and where its quote ended.
    var lastSubject: Subject?
    var lastEmitEnd = 0
    /// Where the last name read as the clause's subject ended.
    var lastMentionEnd = 0
    static let spanClosers = words([
        "增长到", "增加到", "提高到", "上升到", "提升到", "发展到", "扩大到", "下降到", "降低到", "减少到", "缩小到",
        "增长至", "增加至", "提高至", "上升至", "提升至", "扩大至", "下降至", "降低至", "减少至", "缩小至",
        "增至", "升至", "降至", "到", "至",
    ])

    /// Whether the figure follows 由 or 从 with no year of its own and the next figure closes the span.
    func opensUndatedSpan(_ q: Quantity, index: Int) -> Bool {
        guard Self.spanOpeners.contains(where: { text.has($0, endingAt: q.start) }) else { return false }
        var k = index + 1
        while k < tokens.count, k <= index + 2 {
            if case .quantity(let next) = tokens[k].kind { return next.unit == q.unit && isSpanEnd(q.end, next.start) }
            k += 1
        }
        return false
    }

    func isSpanEnd(_ from: Int, _ to: Int) -> Bool {
        var i = from
        var closed = false
        while i < to {
            if let w = text.first(of: Self.spanClosers, at: i), i + w.count <= to {
                closed = true
                i += w.count
            } else if ScalarText.isDigit(text[i]) || text[i] == 0x5E74 || text[i] == 0x7684 || text[i] == 0x20 {
                i += 1   // 2020年的
            } else {
                return false
            }
        }
        return closed
    }

    func slot(of f: Fact) -> String { Self.slot(f.indicator, f.scope, f.region, f.period, f.kind) }

    /// What a sentence may give one figure for: indicator, scope, region, period and kind.
    static func slot(_ code: String, _ scope: RankScope?, _ region: String?, _ period: Period?, _ kind: ObservationKind) -> String {
        "\(code)|\(scope?.rawValue ?? "")|\(region ?? "")|\(period?.description ?? "")|\(kind.rawValue)"
    }

    /// 完成221家省科技型中小企业备案: the count comes before the name it counts.
    mutating func bindBeforeMention(_ q: Quantity, index: Int) -> Bool {
        // 866家企业通过天津市雏鹰企业评价入库: the place before the name does not part them.
        var next = index + 1
        if next + 1 < tokens.count, case .region = tokens[next].kind, tokens[next].end == tokens[next + 1].start { next += 1 }
        guard case .count = q.unit, next < tokens.count, case .mention(let named) = tokens[next].kind,
              named.followsOnly == nil else { return false }
        // 171家企业获国家高新技术企业备案: the verb after the name says which count it is.
        let ref = registered(named, at: tokens[next].start, end: tokens[next].end)
        // 5288家企业通过科技型中小企业评价入库: firms that passed what the name's own verb says.
        if tokens[index + 1].start != q.end {
            guard ref.base.hasSuffix("_new"), let w = text.first(of: Self.passVerbs, at: q.end),
                  q.end + w.count == tokens[index + 1].start else { return false }
            let s = Subject(ref: ref, region: resolve(clauseRegion), start: q.start)
            guard bind(q, s, quoteStart: q.start, quoteEnd: tokens[next].end, confidence: 0.7) else { return false }
            preBound.insert(index)
            return true
        }
        var verbEnd = q.start
        if text[verbEnd - 1] == 0x4E86 { verbEnd -= 1 }   // 了
        if text[verbEnd - 1] == 0x5171 { verbEnd -= 1 }   // 共
        // Only after a verb of completion: 为12家雏鹰企业发放补助 counts recipients, not new enterprises.
        guard let verb = Self.completionVerbs.first(where: { text.has($0, endingAt: verbEnd) }) else { return false }
        let start = verbEnd - verb.count
        let s = Subject(ref: ref, region: resolve(clauseRegion), start: start)
        guard bind(q, s, quoteStart: start, quoteEnd: tokens[next].end, confidence: 0.75) else { return false }
        preBound.insert(index)
        return true
    }

    static let passVerbs = words(["企业通过", "家企业通过", "通过", "企业获", "企业获得", "获", "获得"])

    /// 其中新认定企业104家 after 推荐申报国高企158家: 企业 stands for the subject's noun.
    func ellipsis(_ phrase: ArraySlice<UInt32>, of base: String) -> IndicatorRef? {
        var p = Array(phrase)
        while let last = p.last, [0x4E3A, 0x8FBE, 0x20].contains(last) { p.removeLast() }  // 为 达
        if case .indicator(let r)? = matcher.lookup(p) { return r }
        let enterprise = Array(word: "企业")
        guard p.count > 2, p.suffix(2).elementsEqual(enterprise) else { return nil }
        let stem = p.dropLast(2)
        for noun in table.nouns[base] ?? [] {
            if case .indicator(let r)? = matcher.lookup(Array(stem) + noun), r.base != base { return r }
        }
        return nil
    }

    /// 发放创新券1000万元，覆盖企业150家: a value of the wrong unit for the subject belongs to
    /// the one indicator of the same family whose unit it has.
    mutating func bindSibling(_ q: Quantity, _ s: Subject, quoteStart: Int) -> Bool {
        // 推进1000项科技成果转化: a count straight before a noun counts that noun.
        if case .count = q.unit, ScalarText.isCJK(text[q.end]), text.first(of: Self.connectors, at: q.end) == nil { return false }
        // 研发经费1943.2亿元，占全省的近九成: a share of a whole, not the family's ratio.
        if q.unit == .percent, text.containsAny(Self.shareOfWhole, in: recent(q.start)) { return false }
        guard s.ref.measure == nil else { return false }
        var fits = (table.siblings[s.ref.base] ?? []).filter {
            table.accepts(q, code: $0, value: q.value) && !sentenceValued.contains($0)
        }
        // 新增国高企86家，累计达560家: a running total belongs to the family's total.
        let runningTotal = fits.count > 1 && text.containsAny(Self.totalWords, in: recent(q.start))
        if runningTotal { fits = fits.filter { $0.hasSuffix("_total") } }
        guard fits.count == 1, let code = fits.first,
              runningTotal || !table.accepts(q, code: s.ref.base, value: q.value) else { return false }
        // 转化科技成果累计2000项: a clause naming a noun the sibling's names do not use is about
        // that noun (覆盖企业150家 is the sibling's: its names say 企业).
        if !isBare(clauseStart, q.start), let named = phrase(from: clauseStart, to: q.start) {
            let words = Array(word: named.text)
            let sibNames = table.heads[code] ?? []
            let shared = words.count >= 2 && (0...(words.count - 2)).contains { i in
                sibNames.contains { name in
                    name.count >= 2 && (0...(name.count - 2)).contains { name[$0] == words[i] && name[$0 + 1] == words[i + 1] }
                }
            }
            if !shared { return false }
        }
        let sib = Subject(ref: IndicatorRef(base: code), region: s.region, start: quoteStart)
        guard bind(q, sib, quoteStart: quoteStart, confidence: 0.6) else { return false }
        // 成交总额为150.81亿元，较上年增长15.7%: what follows is about the value now.
        subject = sib
        return true
    }

    mutating func bindLevelOrGrowth(_ q: Quantity, _ s: Subject, growth isGrowth: Bool, confidence: Double,
                                            year: Int?) {
        let saved = sentenceYear
        if let y = year { sentenceYear = y }
        if isGrowth {
            growth(q, s, negative: false, start: q.start, confidence: confidence)
        } else {
            _ = bind(q, s, quoteStart: q.start, confidence: confidence)
        }
        sentenceYear = saved
    }

    @discardableResult
    mutating func bind(_ q: Quantity, _ s: Subject, quoteStart: Int, quoteEnd: Int? = nil,
                               confidence: Double) -> Bool {
        let code = s.ref.measure?.code(for: s.ref.base) ?? s.ref.base
        if s.ref.measure == .growth { return growth(q, s, negative: false, start: quoteStart, confidence: confidence) }
        guard table.accepts(q, code: code, value: q.value) else { return false }
        clauseGrowth = false
        if s.ref.measure == nil, valuedStarts.insert(s.start).inserted { valuedSubjects.append(s) }
        return emit(code: code, s, value: q.value, bound: q.bound, approximate: q.approximate, scope: nil,
                    start: quoteStart, end: max(quoteEnd ?? q.end, q.end),
                    confidence: q.unitInferred ? confidence - 0.1 : confidence,
                    extraReasons: q.unitInferred ? ["unit inferred: 亿 without 元 read as yuan"] : [])
    }

    @discardableResult
    mutating func growth(_ q: Quantity, _ s: Subject, negative: Bool, start: Int, confidence: Double) -> Bool {
        var value: Double
        switch q.unit {
        case .percent: value = q.value
        case .times:
            // 是2016年增幅的2.5倍: a multiple of another figure, not a growth.
            if text[q.start - 1] == 0x7684 { return false }   // 的
            value = q.value * 100   // 增长1.2倍 is +120%
        case .percentagePoints:
            // 比上年提高0.1个百分点: a percent indicator's change, never a growth rate.
            let code = DerivedMeasure.changePercentagePoints.code(for: s.ref.base)
            guard s.ref.measure == nil, table.units[code] != nil else { return false }
            return emit(code: code, s, value: negative ? -q.value : q.value, bound: q.bound, approximate: q.approximate,
                        scope: nil, start: start, end: q.end, confidence: confidence)
        default: return false                // absolute increases are not growth rates
        }
        if negative { value = -value }
        let code = DerivedMeasure.growth.code(for: s.ref.base)
        guard table.units[code] != nil, value >= -100 else { return false }
        clauseGrowth = true
        return emit(code: code, s, value: value, bound: q.bound, approximate: q.approximate, scope: nil,
                    start: start, end: q.end, confidence: confidence)
    }

    static let levelWords = words(["总量", "规模", "总额", "总数"])
    static let lastYear = Array(word: "上年")
    /// What stands between a 分别 list's figures: 、和及与, and the verb before the first.
    static let listJoins: Set<UInt32> = [0x3001, 0x548C, 0x53CA, 0x4E0E, 0x4E3A, 0x8FBE, 0x662F, 0x5230, 0x81F3]   // 、和及与为达是到至
    static let shareOfWhole = words(["占全省", "占全市", "占全区", "占全县", "占全国", "占总"])
    static let comparedWith = words(["较", "比", "与", "相比", "分别较", "分别比"])
    static let spanYears = words(["过去五年", "过去5年", "近五年", "近5年", "五年来", "5年来"])
    static let newVerbs = words(["新增", "新认定", "新培育"])
    static let wholeYear = Array(word: "全年")
    static let provinceGroups = words(["省份", "省(区、市)", "省区市", "各省"])

    mutating func rank(_ r: RankPhrase, _ tok: Token) {
        defer { pendingGrowth = nil }
        if previousClauseCompletion || pendingCompletionSeen { return }
        // 高新技术企业1.57万家、科技型中小企业2.1万家，均位居全国第四: the rank of each figure named.
        if text[tok.start - 1] == 0x5747, clauseMention == nil, pendingGrowth == nil, !valuedSubjects.isEmpty {   // 均
            for s in valuedSubjects {
                let code = DerivedMeasure.rank.code(for: s.ref.base)
                guard table.units[code] != nil else { continue }
                emit(code: code, s, value: Double(r.value), bound: r.bound, approximate: false, scope: r.scope,
                     start: tok.start - 1, end: tok.end, confidence: 0.7)
            }
            return
        }
        guard let s = clauseMention ?? (clauseBlocked ? nil : subject) ?? topicIfBare(before: pendingGrowth?.start ?? tok.start)
                ?? growthJustGiven(before: tok.start)
        else { return }
        // …同比增长32.25%。增幅排名第一: a sentence that goes on about the last figure's subject
        // without a year of its own is of that figure's year.
        let carriedYear = lastSubject?.ref.base == s.ref.base && tok.start - lastEmitEnd <= Self.lookBack
            ? facts.last?.period?.year : nil
        // 增速…，总量排全省第3位: the total's rank, whatever came before.
        let ofLevel = text.containsAny(Self.levelWords, in: recent(tok.start))
        // 投入强度由1.43%提升到1.98%，提升幅度居全国第二: the rank of a change, which a ratio's
        // catalogue entry has no measure for; a flow's is its growth's.
        let ofChange = !ofLevel && text.contains(Self.extent, in: recent(tok.start))
        if ofChange, table.units[s.ref.base] == .percent { return }
        let ofGrowth = !ofLevel && (ofChange || pendingGrowth != nil || s.ref.measure == .growth || clauseNamesRate
            || (clauseMention == nil && previousClauseGrowth && !clauseGrowth) || clauseGrowth)
        var measure: DerivedMeasure = ofGrowth ? .growthRank : .rank
        // 成交额排名全国第14位 in the title, then …增长15.7%，全国排名第14位: the same claim, of the level.
        let levelCode = DerivedMeasure.rank.code(for: s.ref.base)
        if ofGrowth, pendingGrowth == nil, !clauseNamesRate, s.ref.measure != .growth,
           facts.contains(where: { $0.indicator == levelCode && $0.value == Double(r.value) && $0.region == s.region.code }) {
            measure = .rank
        }
        let code = measure.code(for: s.ref.base)
        guard table.units[code] != nil else { return }
        var start = pendingGrowth?.start ?? tok.start
        // 南昌、吉安、九江高新技术产业增加值总量居前三甲: each place named is among the top three.
        if r.bound == .max, clauseRegions.count >= 2, clauseRegions.count <= r.value {
            for place in clauseRegions {
                emit(code: code, Subject(ref: s.ref, region: .code(place), start: s.start),
                     value: Double(r.value), bound: .max, approximate: false, scope: r.scope ?? scopeAmongSiblings(of: place),
                     start: clauseStart, end: tok.end, confidence: 0.7)
            }
            return
        }
        // 在全市13个区、县(市)中居第9位: the scope was named before the group size.
        var scope = r.scope
        // 省份中位列第二: among the provinces is a national rank, beside one among all regions.
        let amongProvinces = scope == nil && text.containsAny(Self.provinceGroups, in: recent(tok.start))
        if amongProvinces { scope = .nation }
        if scope == nil, case .relative(let rel)? = clauseRegion {
            switch rel {
            case .nation: scope = .nation
            case .province: scope = .province
            case .city: scope = .city
            case .own: scope = nil
            }
        }
        // 全国区县第二、广东省第一: a place's name before the ordinal is the scope, not the subject.
        if scope == nil, let place = regionSpan, place.upperBound == tok.start, case .code(let c)? = clauseRegion,
           let level = regions[c]?.level {
            start = min(start, place.lowerBound)
            switch level {
            case .nation: scope = .nation
            case .province: scope = .province
            case .city: scope = .city
            case .district, .county, .zone: scope = .district
            }
        }
        // 一县四区增幅排名第一: counted county-level places are the region's siblings.
        if scope == nil, namesPlaceGroup(recent(tok.start)), let code = s.region.code ?? document.region?.code {
            scope = scopeAmongSiblings(of: code)
        }
        // 从全国第6位升至第2位: the first rank is the year before's, and the second keeps its scope.
        let dated = text.yearOfStart(before: tok.start)
        let opensSpan = Self.spanOpeners.contains { text.has($0, endingAt: dated ?? tok.start) }
        if let from = rankSpan, from.end <= tok.start,
           isSpanEnd(from.end, tok.start) || (isBare(from.end, tok.start) && text.first(of: Self.spanClosers, at: tok.start) != nil) {
            if scope == nil { scope = from.scope }
            rankSpan = nil
        }
        let saved = sentenceYear
        if sentenceYear == nil, let y = carriedYear { sentenceYear = y }
        if opensSpan {
            rankSpan = (tok.end, scope)
            if dated == nil, let y = sentenceYear ?? sectionYear ?? document.reportYear { sentenceYear = y - 1 }
        }
        emit(code: code, s, value: Double(r.value), bound: r.bound, approximate: false, scope: scope,
             start: start, end: tok.end, confidence: clauseMention != nil ? 0.85 : 0.8, secondFigure: amongProvinces || opensSpan)
        sentenceYear = saved
    }

    static let extent = Array(word: "幅度")
    static let passWords = words(["通过评审", "评审通过", "通过审核", "审核通过", "通过认定", "认定通过"])
    static let passFillers = words(["企业数量", "企业数", "企业", "数量", "顺利", "共", "有", "达", "为", "的"])

    /// 申报高新技术企业89家，…，共70家企业通过评审 / 评审通过企业数量1531家: the enterprises that
    /// passed the review are the family's new ones.
    mutating func bindPassedReview(_ q: Quantity) -> Bool {
        guard case .count = q.unit, clauseMention == nil, let named = sentenceMention ?? subject ?? topic,
              named.ref.measure == nil, let cut = named.ref.base.lastIndex(of: "_") else { return false }
        let new = String(named.ref.base[..<cut]) + "_new"
        guard table.units[new] != nil else { return false }
        func fillers(_ from: Int, _ to: Int) -> Bool {
            var i = from
            while i < to, let w = text.first(of: Self.passFillers, at: i), i + w.count <= to { i += w.count }
            return i == to
        }
        var quoteStart = q.start, quoteEnd = q.end
        var passed = false
        var i = q.end
        while i < min(q.end + 8, text.count), !passed {
            if let w = text.first(of: Self.passWords, at: i), fillers(q.end, i) {
                passed = true
                quoteEnd = i + w.count
            }
            i += 1
        }
        var k = q.start - 1
        while !passed, k >= max(clauseStart, q.start - 10) {
            if let w = text.first(of: Self.passWords, at: k), fillers(k + w.count, q.start) {
                passed = true
                quoteStart = k
            }
            k -= 1
        }
        guard passed else { return false }
        let s = Subject(ref: IndicatorRef(base: new), region: named.region, start: quoteStart)
        guard bind(q, s, quoteStart: quoteStart, quoteEnd: quoteEnd, confidence: 0.65) else { return false }
        subject = s
        return true
    }

    private static let placeKinds: Set<UInt32> = [0x53BF, 0x533A, 0x5E02]   // 县区市

    /// Whether the words count places by kind: 一县四区, 3区5县.
    func namesPlaceGroup(_ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i + 1 < range.upperBound {
            let v = text[i]
            if (ChineseNumeral.digit(v) != nil || ScalarText.isDigit(v)), Self.placeKinds.contains(text[i + 1]),
               i + 3 < range.upperBound, ChineseNumeral.digit(text[i + 2]) != nil || ScalarText.isDigit(text[i + 2]),
               Self.placeKinds.contains(text[i + 3]) {
                return true
            }
            i += 1
        }
        return false
    }

    /// 研发投入3.98亿元，同比增长32.25%。一县四区增幅排名第一: a sentence that names only a rate
    /// and its rank speaks of the growth the sentence before it ended on.
    func growthJustGiven(before end: Int) -> Subject? {
        guard clauseNamesRate, sentenceMention == nil, clauseMention == nil, let s = lastSubject,
              let last = facts.last, last.indicator == DerivedMeasure.growth.code(for: s.ref.base),
              end - lastEmitEnd <= Self.lookBack else { return nil }
        return s
    }

    // MARK: - Emission

    @discardableResult
    mutating func emit(code: String, _ s: Subject, value: Double, bound: Bound?, approximate: Bool,
                               scope: RankScope?, start: Int, end: Int, confidence: Double,
                               extraReasons: [String] = [], secondFigure: Bool = false) -> Bool {
        guard s.region != .outside, let unit = table.units[code], value.isFinite else { return false }
        let region = s.region.code
        guard let (kind, period) = timing(code: code, start: start) else { return false }
        var reasons = reasons(region: region, period: period) + extraReasons
        var confidence = confidence
        if s.composed {
            reasons.append("fuzzy alias: the name is put together from the sentence's words")
            confidence -= 0.05
        }
        if s.start < clauseStart { reasons.append("clause boundary crossed: the name is in an earlier clause") }
        let lo = max(0, min(start, text.count))
        let hi = max(lo, min(end, text.count))
        let slot = Self.slot(code, scope, region, period, kind)
        // A second, different value for the same slot in one sentence is a sub-total or another
        // direction of flow (吸纳技术交易 after 实施技术交易); the first is the headline figure.
        if sentenceValued.contains(slot) {
            guard let previous = slotFacts[slot] else { return false }
            if facts[previous].bound == .min, bound == nil, value >= facts[previous].value {
                // 突破600家，达到612家: the threshold gives way to the figure reached.
                facts.remove(at: previous)
                slotFacts = slotFacts.filter { $0.value != previous }.mapValues { $0 > previous ? $0 - 1 : $0 }
            } else if !secondFigure, !(clauseMention.map { $0.start == s.start && slotMentions[slot] != s.start } ?? false),
                      !(listSubject.map { $0 == s.start && slotMentions[slot] != s.start } ?? false) {
                // 合同成交额7.81亿元，其中技术交易额4.62亿元: another explicit name may give a second
                // figure of the same indicator; anything else is a sub-total of the first.
                return false
            }
        }
        let key = slot + "|\(value)|\(bound?.rawValue ?? "")"
        sentenceValued.insert(slot)
        slotMentions[slot] = s.start
        sentenceValued.insert(code)
        guard seen.insert(key).inserted else {
            // A headline said it before (首次突破200亿元): the sentence's slot is that fact, so a figure
            // reached later in the sentence (达到217.9亿元) can still replace the threshold.
            if let earlier = facts.lastIndex(where: { Self.slot($0.indicator, $0.scope, $0.region, $0.period, $0.kind) == slot
                                                   && $0.value == value && $0.bound == bound }) {
                slotFacts[slot] = earlier
            }
            return true
        }
        slotFacts[slot] = facts.count
        lastSubject = s
        lastEmitEnd = hi
        noteFamily(code, quote: lo..<hi)
        let span = text.originalRange(lo..<hi)
        let status: ObservationStatus = estimate && kind == .actual ? .estimated : .provisional
        facts.append(Fact(
            indicator: code, scope: scope, region: region, period: period, kind: kind, value: value, unit: unit,
            bound: bound, status: status, approximate: approximate,
            confidence: (approximate ? confidence - 0.05 : confidence) - (period == nil || region == nil ? 0.1 : 0),
            reasons: reasons, note: note(before: start, end: hi), quote: text.string(lo..<hi),
            start: span.lowerBound, end: span.upperBound))
        return true
    }
}
