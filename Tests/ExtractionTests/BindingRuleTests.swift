import Domain
import Extraction
import Testing

/// The rules of the issue, each on a short sentence in the style of a district report.
@Suite struct BindingRuleTests {
    /// Facts of a 临安区 report on 2021, as `code value` strings.
    func facts(_ text: String, year: Int? = 2021) -> [Fact] {
        Support.extract(text, region: "330112", year: year)
    }

    func summary(_ text: String, year: Int? = 2021) -> [String] {
        facts(text, year: year).map { "\($0.indicator) \($0.value)" }
    }

    @Test func bindsNumberToIndicatorBeforeIt() {
        #expect(summary("全区高新投资32.6亿元。") == ["hightech_investment 3260000000.0"])
        #expect(summary("技术交易额为4918万元。") == ["technology_transaction_value 49180000.0"])
        // Another noun between the name and the number changes what is counted.
        #expect(summary("推荐申报2022年省重点研发计划项目研发需求2项。").isEmpty)
    }

    @Test func chainsGrowthAndRankToTheSubject() throws {
        let f = facts("全区规上工业企业研发投入42.35亿元，同比增长27.1%，增幅居全市第5位。")
        #expect(f.map(\.indicator) == ["industrial_rd_expenditure", "industrial_rd_expenditure_growth",
                                       "industrial_rd_expenditure_growth_rank"])
        #expect(f.last?.scope == .city)
        let g = facts("高新投资32.6亿元，增幅20.5%；科技投入不断加大，增长15%。")
        #expect(g.map(\.indicator) == ["hightech_investment", "hightech_investment_growth"])
    }

    @Test func unboundValueBreaksTheChain() {
        let f = summary("享受加计扣除减免额达4.66亿元，高新技术企业税收减免额达2.01亿元，同比增长25.63%。", year: 2020)
        #expect(f == ["rd_super_deduction 466000000.0"])
    }

    @Test func followOnRatioBindsToRatioIndicator() throws {
        let f = facts("R&D经费投入20.05亿元，占GDP比重达3.34%，居全市第4位。")
        #expect(f.map(\.indicator) == ["rd_expenditure", "rd_intensity", "rd_intensity_rank"])
        // The same phrase after an uncatalogued level is not R&D intensity.
        #expect(summary("数字经济核心产业增加值100亿元，占GDP比重达10.2%，居全市第2位。").isEmpty)
    }

    @Test func respectivelyLists() {
        #expect(summary("新增国家高新技术企业、新增省科技型中小企业分别为86家、150家。")
                == ["hightech_enterprises_new 86.0", "tech_smes_new 150.0"])
        let years = facts("2019年、2020年、2021年全区R&D经费投入分别为15.2亿元、17.6亿元和20.05亿元。")
        #expect(years.map(\.period) == [.year(2019), .year(2020), .year(2021)])
        #expect(years.map(\.value) == [1.52e9, 1.76e9, 2.005e9])
    }

    @Test func rankVersusTopBoundVersusGroupSize() throws {
        let rank = try #require(facts("2020年度创新指数为156.1，居全省第二十四位。").last)
        #expect(rank.indicator == "innovation_index_rank")
        #expect(rank.value == 24)
        #expect(rank.scope == .province)
        #expect(rank.bound == nil)
        #expect(rank.period == .year(2020))
        let top = try #require(facts("创新指数为156.1，居全省前10位。").last)
        #expect(top.indicator == "innovation_index_rank")
        #expect(top.bound == .max)
        let group = facts("R&D经费投入强度为3.3%，在全省11个设区市中居第3位。")
        #expect(group.map(\.value) == [3.3, 3])
        #expect(group.last?.scope == .province)
        #expect(summary("R&D经费投入强度为3.3%，排名第三。").last == "rd_intensity_rank 3.0")
    }

    @Test func percentagePointsAreAChangeNotGrowth() {
        #expect(summary("R&D经费投入强度为3.34%，比上年提高0.3个百分点。") == ["rd_intensity 3.34", "rd_intensity_change_pp 0.3"])
        #expect(summary("高新技术产业增加值占比为55.1%，比上年下降1.2个百分点。")
                    == ["hightech_industry_share 55.1", "hightech_industry_share_change_pp -1.2"])
        // A level in yuan has no change in percentage points.
        #expect(summary("R&D经费投入20亿元，增速提高0.5个百分点。") == ["rd_expenditure 2000000000.0"])
    }

    @Test func growthInTimesAndDeclines() {
        #expect(summary("技术交易额4.2亿元，同比增长1.2倍。").last == "technology_transaction_value_growth 120.0")
        #expect(summary("高新投资同比下降3.5%。") == ["hightech_investment_growth -3.5"])
    }

    @Test func boundsAndApproximation() throws {
        let f = facts("三、2022年工作计划\n新增国家高新技术企业不少于70家，技术交易额不超过5亿元，R&D经费投入强度控制在3%以内。")
        #expect(f.map(\.bound) == [.min, .max, .max])
        let a = facts("技术交易额近5亿元，新认定国家高新技术企业约100家，规上工业企业研发费用42亿元左右。")
        #expect(a.count == 3)
        #expect(a.allSatisfy { $0.approximate })
    }

    @Test func estimateIsActualWithEstimatedStatus() throws {
        let f = try #require(facts("预计全年R&D经费投入强度达3.4%。").first)
        #expect(f.kind == .actual)
        #expect(f.status == .estimated)
        #expect(facts("R&D经费投入强度达3.4%。").first?.status == .provisional)
    }

    @Test func yearToDatePeriods() {
        #expect(facts("1-9月，全区高新投资32.6亿元。").first?.period == .month(year: 2021, month: 9))
        #expect(facts("1—6月，全区高新投资12亿元。").first?.period == .month(year: 2021, month: 6))
        #expect(facts("一季度，全区高新投资8亿元。").first?.period == .quarter(year: 2021, quarter: 1))
        #expect(facts("上半年，全区高新投资16亿元。").first?.period == .quarter(year: 2021, quarter: 2))
        #expect(facts("2021年1-9月，全区高新投资32.6亿元。", year: nil).first?.period == .month(year: 2021, month: 9))
    }

    @Test func planSectionMakesTargets() throws {
        let text = "一、2021年工作完成情况\n新增国家高新技术企业104家。\n二、2022年工作计划\n新增国家高新技术企业86家，发放创新券1000万元，覆盖企业150家以上。"
        let f = facts(text, year: nil)
        #expect(f.map(\.kind) == [.actual, .target, .target, .target])
        #expect(f.map { $0.period?.year } == [2021, 2022, 2022, 2022])
        #expect(f.last?.indicator == "innovation_vouchers_enterprises")
        #expect(f.last?.bound == .min)
    }

    @Test func toYearMakesTargets() throws {
        let f = try #require(facts("到2025年，全区R&D经费投入强度达到3.5%以上。").first)
        #expect(f.kind == .target)
        #expect(f.period == .year(2025))
        #expect(f.bound == .min)
        // 截至2021年底 is a date for an actual value, not a target.
        let g = try #require(facts("截至2021年底，全区有效高新技术企业总数达到560家。", year: 2022).first)
        #expect(g.kind == .actual)
        #expect(g.period == .year(2021))
    }

    @Test func explicitYearOverridesReportYearForItsSentence() {
        let f = facts("2020年度创新指数为156.1。R&D经费投入20.05亿元。")
        #expect(f.map(\.period) == [.year(2020), .year(2021)])
    }

    @Test func otherRegionsAreAttributedOrLeftOut() {
        let f = facts("萧山区R&D经费投入50亿元，同比增长12%。全国R&D经费投入强度为2.44%。全区R&D经费投入20.05亿元。")
        #expect(f.map(\.region) == ["330109", "330109", "330112"])
        #expect(!f.contains { $0.value == 2.44 })
        let province = facts("全省R&D经费投入强度为2.9%。")
        #expect(province.first?.region == "330000")
    }

    @Test func repeatedParagraphsGiveOneFact() {
        let p = "全区高新投资32.6亿元，增幅20.5%。\n"
        #expect(facts(p + p + p).count == 2)
    }

    @Test func sameSlotKeepsTheHeadlineFigure() {
        #expect(summary("实施技术交易项目87项，技术交易额为4918万元，吸纳技术交易项目150项，涉及金额2.16亿元。")
                == ["technology_transaction_projects 87.0", "technology_transaction_value 49180000.0"])
    }

    @Test func countsBeforeTheNameAndEllipsis() {
        #expect(summary("完成221家省科技型中小企业备案。") == ["tech_smes_new 221.0"])
        #expect(summary("为12家雏鹰企业发放贴息补助合计142万元。").isEmpty)
        #expect(summary("全区共推荐申报国高企158家，其中新认定企业104家。")
                == ["hightech_enterprises_applied 158.0", "hightech_enterprises_new 104.0"])
        #expect(summary("目前第一批通过146家，其中新认定企业94家。").isEmpty)
    }

    @Test func nonIndicatorNumbersAreIgnored() {
        let text = """
        索引号 | 002508596/2022-80097 | 发布单位 | 区科技局 | 发文日期 | 2022-03-24 |
        联系电话：0571-63722123，传真 0571-63722124。2022年3月24日，召开科技工作会议15次，走访企业400余家次，
        培训科技人员300人次，举办活动12场，发放宣传资料2000份，十四五期间，第八批科技特派员10人。
        """
        #expect(facts(text).isEmpty)
    }

    @Test func fullWidthDigitsAndPunctuation() {
        #expect(summary("全区高新投资３２．６亿元，增幅２０．５％。")
                == ["hightech_investment 3260000000.0", "hightech_investment_growth 20.5"])
    }

    @Test func perThousandRatiosAndIndex() {
        #expect(summary("每千家企业中高新技术企业数30.05家，每千家企业中科技型中小企业数70.44。")
                == ["hightech_enterprises_per_1000 30.05", "tech_smes_per_1000 70.44"])
    }

    @Test func regionAndYearFromTheText() {
        let r = Support.extractor.extract("临安区科技局2021年工作总结\n2021年以来，我区新增国家高新技术企业104家。",
                                          context: ExtractionContext())
        #expect(r.metadata.region == "330112")
        #expect(r.metadata.reportYear == 2021)
        #expect(r.facts.first?.region == "330112")
    }

    @Test func quotesAndOffsetsAreScalarSlices() {
        let text = "𠀀😀全区高新投资３２．６亿元。"
        let f = facts(text)
        let scalars = Array(text.unicodeScalars)
        #expect(f.count == 1)
        for fact in f {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[fact.start..<fact.end])
            #expect(String(s) == fact.quote)
        }
    }
}

@Suite struct MoreBindingRuleTests {
    func summary(_ text: String) -> [String] {
        Support.extract(text, region: "330112", year: 2021).map { "\($0.indicator) \($0.value)" }
    }

    @Test func ordinalRankAtClauseEnd() {
        #expect(summary("技术交易额4.2亿元，增幅位居全市第一。").last == "technology_transaction_value_growth_rank 1.0")
        #expect(summary("创新指数为156.1，连续两年跻身全省第一方阵。") == ["innovation_index 156.1"])
    }

    @Test func runningTotalGoesToTheTotal() {
        #expect(summary("全年新增国家高新技术企业86家，累计达到560家。")
                == ["hightech_enterprises_new 86.0", "hightech_enterprises_total 560.0"])
    }
}

@Suite struct BreakdownTests {
    @Test func amongWithARegionIsThatRegionsFigure() {
        let f = Support.extract("上半年，全市规上工业企业研发费用256.3亿元，同比增长14.2%，其中滨江区达61.2亿元，增长20.1%。",
                                region: "330100", year: 2022)
        #expect(f.map(\.region) == ["330100", "330100", "330108", "330108"])
        #expect(f.map(\.value) == [25_630_000_000, 14.2, 6_120_000_000, 20.1])
        #expect(f.allSatisfy { $0.period == .quarter(year: 2022, quarter: 2) })
    }

    @Test func approvedProjectsAfterTheName() {
        let f = Support.extract("区级科技攻关项目立项28项。", region: "330112", year: 2021)
        #expect(f.map(\.indicator) == ["tech_projects_district"])
    }
}

@Suite struct UncataloguedRegionTests {
    @Test func unknownCountiesAreLeftOut() {
        // Since the catalogue is national, 龙游县 is a known county: its figure is its own, not 临安's.
        let f = Support.extract("签订山海协作协议，龙游县新增国家高新技术企业5家。全区新增国家高新技术企业104家。",
                                region: "330112", year: 2021)
        #expect(f.map(\.value) == [5, 104] && f.map(\.region) == ["330825", "330112"])
        // County-level words are not place names.
        #expect(Support.extract("全县新增国家高新技术企业20家，各县(市、区)共新增80家。", region: "330122", year: 2021)
                    .map(\.value) == [20])
    }
}
