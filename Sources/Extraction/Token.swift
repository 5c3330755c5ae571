import Domain

/// A recognised piece of the text; the spans between tokens are plain words.
struct Token: Sendable {
    var kind: TokenKind
    var start: Int
    var end: Int
}

enum TokenKind: Sendable {
    case mention(IndicatorRef)
    case region(RegionRef)
    case quantity(Quantity)
    /// 2021年, 2020年度; `to` for 到2025年, which makes what follows a target for that year.
    case year(Int, to: Bool)
    /// 较2017年, 比2020年: the year compared with, which dates nothing.
    case baselineYear(Int)
    /// 今年 (0), 去年 (-1), 明年 (1): relative to the publication date.
    case relativeYear(Int)
    /// 至此, 目前, 截至目前: the time of publication.
    case asPublished
    /// 1-9月 (months 1 through 9, year to date) or 前三季度 (quarter 3).
    case period(PeriodHint)
    /// 同比增长, 增幅, 增速 (and 下降/减少 for negative growth).
    /// `rate` for the nouns 增速, 增幅, 增长率: a rank after them ranks the growth.
    case growth(negative: Bool, rate: Bool)
    /// 完成率, 完成年度目标的: the figure that follows is a share of the target.
    case completion
    case rank(RankPhrase)
    /// 排名前五位的区是…: the places named next are ranked first, second… in the order given.
    case topList(Int)
    /// The number counts the regions a rank is taken among (全省11个设区市中).
    case groupSize
    case respectively
    case among
    case estimate
    case targetCue
    case clauseBreak
    /// `hard` for 。 and line ends, which also end an explicit year's reach; ； is soft.
    case sentenceBreak(hard: Bool)
    /// A line end: a hard sentence break that also ends the paragraph's topic.
    case paragraphBreak
}

enum PeriodHint: Sendable, Hashable {
    case month(Int)
    case quarter(Int)

    /// The year-to-date period of `year` the hint names; the whole year for 1-12月 or 四季度.
    func period(in year: Int) -> Period {
        switch self {
        case .month(let m): m == 12 ? .year(year) : .month(year: year, month: m)
        case .quarter(let q): q == 4 ? .year(year) : .quarter(year: year, quarter: q)
        }
    }
}

/// 居全省第24位: a rank, its scope, and a bound for 前10位.
struct RankPhrase: Sendable {
    var value: Int
    var scope: RankScope?
    var bound: Bound?
}

extension Token {
    var isRegion: Bool {
        if case .region = kind { return true }
        return false
    }
}
