import Domain
import Extraction
import Testing

/// The general forms reports from anywhere use (issue #14's grammar), each on short sentences.
@Suite struct GrammarTests {
    func summary(_ text: String, region: String? = "330112", year: Int? = 2022) -> [String] {
        Support.extract(text, region: region, year: year).map { "\($0.indicator) \($0.value)" }
    }

    @Test func changesInPercentagePointsAndTargetCompletion() {
        #expect(summary("R&D经费投入强度达到3.30%，比上年提高0.1个百分点。")
                    == ["rd_intensity 3.3", "rd_intensity_change_pp 0.1"])
        #expect(summary("新增省科技型中小企业3025家，完成年度目标任务的91.2%。")
                    == ["tech_smes_new 3025.0", "tech_smes_new_target_completion 91.2"])
        // Whether a rank after a completion rate ranks the figure or the completion is not said.
        #expect(summary("技术市场交易额21.49亿元,年度任务完成率110.21%,全市排名第2。")
                    == ["technology_transaction_value 2149000000.0", "technology_transaction_value_target_completion 110.21"])
    }

    @Test func growthsListedAfterSeveralFigures() {
        #expect(summary("共登记技术合同125项,合同成交额7.81亿元,同比分别增长67%、193%。")
                    == ["technology_transaction_projects 125.0", "technology_transaction_value 781000000.0",
                        "technology_transaction_projects_growth 67.0", "technology_transaction_value_growth 193.0"])
    }

    @Test func aFigureNamedAgainInAListKeepsItsOwnGrowth() {
        #expect(summary("今年上半年,共登记技术合同125项,合同成交额7.81亿元,其中技术交易额4.62亿元,同比分别增长67%、193%和82%。")
                    == ["technology_transaction_projects 125.0", "technology_transaction_value 781000000.0",
                        "technology_transaction_value 462000000.0", "technology_transaction_projects_growth 67.0",
                        "technology_transaction_value_growth 193.0", "technology_transaction_value_growth 82.0"])
    }

    @Test func aRankAmongProvincesBesideOneAmongAllRegions() {
        #expect(summary("R&D经费投入强度为2.95%,全国排名第五,省份中位列第二。")
                    == ["rd_intensity 2.95", "rd_intensity_rank 5.0", "rd_intensity_rank 2.0"])
    }

    @Test func asOfPublicationInAReportOnAnotherYear() {
        let r = Support.extractor.extract("2016年全省共成交技术合同5252项。\n至此，全省高新技术企业总数突破600家，达到612家。",
                                          context: ExtractionContext(region: "620000", source: "http://example.com/2017-12-13/1.html"))
        #expect(r.facts.map { "\($0.indicator) \($0.period?.description ?? "-") \($0.value)" }
                    == ["technology_transaction_projects 2016 5252.0", "hightech_enterprises_total 2017 612.0"])
    }

    @Test func aShareOfAWholeKeepsTheTopic() {
        #expect(summary("完成高新技术产业投资8.27亿元,占固定资产投资比重71%;同比增长100.8%。")
                    == ["hightech_investment 827000000.0", "hightech_investment_growth 100.8"])
    }

    @Test func bothEndsOfASpan() {
        #expect(summary("高新技术企业由2016年的18家增长到2020年的57家。")
                    == ["hightech_enterprises_total 18.0", "hightech_enterprises_total 57.0"])
        let f = Support.extract("高新技术企业由2016年的18家增长到2020年的57家。", region: "330112")
        #expect(f.map { $0.period?.year } == [2016, 2020])
    }

    @Test func regionFiguresBeforeAndAfterTheIndicator() {
        #expect(summary("全区R&D经费投入分别为萧山区88.7亿元、余杭区57.8亿元。", region: "330100")
                    == ["rd_expenditure 8870000000.0", "rd_expenditure 5780000000.0"])
        let before = Support.extract("萧山(344.72亿元)、余杭(168.09亿元)两区的R&D经费投入超过百亿元。", region: "330100", year: 2022)
        #expect(before.map(\.region) == ["330109", "330110"])
        #expect(before.map(\.value) == [34_472_000_000, 16_809_000_000])
    }

    @Test func aListOfRegionsAndAListOfTheirFigures() {
        let f = Support.extract("2023年前三名的区分别是萧山区、余杭区、滨江区,技术合同成交金额分别是36亿元、8.5亿元、3.3亿元。",
                                region: "330100")
        #expect(f.map { "\($0.region ?? "-") \($0.value)" } == ["330109 3600000000.0", "330110 850000000.0", "330108 330000000.0"])
    }

    @Test func aRankForEveryFigureNamed() {
        #expect(summary("全区高新技术企业157家、科技型中小企业210家，均位居全市第四。")
                    == ["hightech_enterprises_total 157.0", "tech_smes_total 210.0",
                        "hightech_enterprises_total_rank 4.0", "tech_smes_total_rank 4.0"])
    }

    @Test func aVerbAfterTheListPicksTheNewOnes() {
        #expect(summary("全区高新技术企业和科技型中小企业分别新增100家、300家。")
                    == ["hightech_enterprises_new 100.0", "tech_smes_new 300.0"])
    }

    @Test func aThresholdGivesWayToTheFigureReached() {
        #expect(summary("全区高新技术企业总数突破600家,达到612家。") == ["hightech_enterprises_total 612.0"])
    }

    @Test func ranksInTheirForms() {
        #expect(summary("技术合同成交额位居全省首位。").last == "technology_transaction_value_rank 1.0")
        #expect(summary("R&D经费投入强度为2.1%，全省第三。").last == "rd_intensity_rank 3.0")
        // A rank after a growth rate noun ranks the rate; 总量 ranks the total.
        #expect(summary("实现高新技术产业增加值642.6亿元,增长24.7%,增速高出全省水平5.3个百分点,居全省第二位。").last
                    == "hightech_industry_value_added_growth_rank 2.0")
        #expect(summary("全区共投入R&D经费87.72亿元,增长14.0%,增速较上年提高0.6个百分点,总量排全省第3位。").last
                    == "rd_expenditure_rank 3.0")
    }

    @Test func yearsComparedWithAndYearsRelativeToTheReport() {
        // 较2017年 compares; it does not date the figure.
        let f = Support.extract("2018年我县新增高企6家，较2017年增长100%。", region: "330122")
        #expect(f.map { $0.period?.year } == [2018, 2018])
        // 今年 is the report's year; 去年 the year before.
        let g = Support.extract("2021年工作总结\n今年，全区新增国家高新技术企业104家；去年新增86家。", region: "330112")
        #expect(g.map { "\($0.period?.description ?? "-") \($0.value)" } == ["2021 104.0", "2020 86.0"])
    }

    @Test func namesOfAPartOfTheEconomyAreNotTheRegions() {
        #expect(summary("各类企业R&D经费支出44.24亿元,比上年增长6.7%。").isEmpty)
        #expect(summary("前三季度,电子信息技术产业实现高新技术产业增加值60.9亿元,增长61%。").isEmpty)
        #expect(summary("投入财政补助资金959.1万元,有效撬动企业研发投入5500万元。").isEmpty)
        #expect(summary("基础研究经费支出占社会R&D投入强度达6%。").isEmpty)
        // A verb between the noun and the measure still names the region's figure.
        #expect(summary("全区高新技术产业实现增加值120.9亿元。") == ["hightech_industry_value_added 12090000000.0"])
        #expect(summary("高新技术企业新增107家，总数达3174家。")
                    == ["hightech_enterprises_new 107.0", "hightech_enterprises_total 3174.0"])
    }

    @Test func unitsAndScriptsAsReportsWriteThem() {
        // 亿 without 元 is yuan, marked as inferred.
        let f = Support.extract("我县R&D经费投入1.1亿。", region: "330122", year: 2018)
        #expect(f.map(\.value) == [110_000_000])
        #expect(f.first?.reasons.contains { $0.contains("unit inferred") } == true)
        // Traditional characters read as simplified ones; quotes stay as written.
        let t = Support.extract("規模以上工業增加值完成9.2億元，同比增長12.1%。", region: "330122", year: 2022)
        #expect(t.map(\.indicator) == ["industrial_value_added", "industrial_value_added_growth"])
        #expect(t.first?.quote == "規模以上工業增加值完成9.2億元")
    }

    @Test func aFigureForAnUncataloguedPhraseIsProposedUnmapped() {
        let r = Support.extractor.extract("2022年，全县工业总产值实现65.28亿元，同比增长31.3%。",
                                          context: ExtractionContext(region: "330122"))
        #expect(r.facts.isEmpty)
        #expect(r.unmapped.map(\.phrase) == ["工业总产值", "工业总产值"])
        #expect(r.unmapped.map(\.isGrowth) == [false, true])
        #expect(r.unmapped.first?.value == 6_528_000_000)
        #expect(r.unmapped.first?.unit == .yuan)
        #expect(r.unmapped.first?.period == .year(2022))
    }

    @Test func tablesWithARowPerRegion() {
        let text = """
            2022年各区科技数据
            序号 | 各区 | 规上工业研发费用 (亿元) | 增速 (%) |
            1 | 萧山 | 206.94 | 6.4 |
            2 | 余杭 | 106.94 | -2.8 |
            """
        let f = Support.extract(text, region: "330100")
        #expect(f.map { "\($0.region ?? "-") \($0.indicator) \($0.value)" } == [
            "330109 industrial_rd_expenditure 20694000000.0", "330109 industrial_rd_expenditure_growth 6.4",
            "330110 industrial_rd_expenditure 10694000000.0", "330110 industrial_rd_expenditure_growth -2.8",
        ])
    }

    @Test func scopeWordsAreKeptInTheNote() {
        let f = Support.extract("2023年科技进步报告\n2022年全区R&D经费占GDP比重达3.02%;全年区本级高新技术产业实现增加值286.61亿元。",
                                region: "330212")
        #expect(f.map { $0.period?.year } == [2022, 2023])
        #expect(f.last?.note == "区本级")
    }

    @Test func fiveYearPlansAndPastFiveYears() {
        #expect(Support.extract("到“十四五”末，全市R&D经费投入强度达到3.5%。", region: "330100", year: 2021)
                    .map { "\($0.kind.rawValue) \($0.period?.description ?? "-")" } == ["target 2025"])
        let f = Support.extractor.extract("过去五年，全区科技进步贡献率提高7个百分点。",
                                          context: ExtractionContext(region: "450000", source: "http://example.com/2021/0718/1.html"))
        #expect(f.facts.map { "\($0.indicator) \($0.period?.description ?? "-")" } == ["st_progress_contribution_rate_change_pp 2020"])
    }

    @Test func withoutPlaceOrYearTheFactIsStillProposed() {
        let f = Support.extract("全县规上工业企业研发费用16.02亿元。")
        #expect(f.count == 1)
        #expect(f.first?.region == nil)
        #expect(f.first?.period == nil)
        #expect(f.first?.reasons == [Fact.noRegionReason, Fact.noPeriodReason])
    }
}

/// The report's own date: a date line under the title or the URL's date anchors relative words.
@Suite struct DocumentDateTests {
    @Test func theURLsDateDatesAReportWithoutYears() {
        let r = Support.extractor.extract("今年以来，我县工业经济稳中有进。\n1-3月，規模以上工業增加值完成9.2億元。",
                                          context: ExtractionContext(source: "http://example.gov.cn/yugan/0064/202204/03ec.shtml"))
        #expect(r.facts.first?.period == .month(year: 2022, month: 3))
    }

    @Test func aDateLineUnderTheTitle() {
        let r = Support.extractor.extract("株洲市高新技术产业增加值增长\n2021-11-10 08:30\n前三季度，全市实现高新技术产业增加值642.6亿元。")
        #expect(r.facts.first?.period == .quarter(year: 2021, quarter: 3))
    }

    @Test func aVisitDateIsNotThePublicationDate() {
        let r = Support.extractor.extract("今天是：2023年12月28日 星期四\n今年全县新增国家高新技术企业12家。",
                                          context: ExtractionContext(source: "http://example.com/2022/0301/1.html"))
        #expect(r.facts.first?.period == .year(2022))
    }
}

/// Names several regions share are resolved from context, never by the catalogue's order.
@Suite struct SharedRegionNameTests {
    func regions(_ text: String, region: String? = nil) -> [String?] {
        Support.extract(text, region: region, year: 2022).map(\.region)
    }

    @Test func aParentNamedNearbyDecides() {
        #expect(regions("南京市R&D经费投入578.8亿元；鼓楼区R&D经费投入88.1亿元。") == ["320100", "320106"])
        #expect(regions("福州市R&D经费投入300亿元；鼓楼区R&D经费投入51.2亿元。") == ["350100", "350102"])
    }

    @Test func theReportsOwnPlaceDecides() {
        // In a report on 杭州, 西湖区 is 杭州's; in one on 南昌, 南昌's.
        #expect(regions("西湖区R&D经费投入120亿元。", region: "330100") == ["330106"])
        #expect(regions("西湖区R&D经费投入12亿元。", region: "360100") == ["360103"])
    }

    @Test func withoutContextNoRegionIsGuessed() {
        let f = Support.extract("鼓楼区R&D经费投入51.2亿元。", year: 2022)
        #expect(f.map(\.region) == [nil])
        #expect(f.first?.reasons.contains(Fact.noRegionReason) == true)
    }

    @Test func aBareNameIsTheLargerPlace() {
        #expect(regions("江苏省各设区市R&D经费投入分别为南京578.8亿元、淮安81.0亿元。", region: "320000") == ["320100", "320800"])
    }
}
