import Domain
import Testing
@testable import Extraction

/// Figures whose indicator the text names only partly, leaving the rest to what came before.
@Suite struct DiscourseTests {
    func summary(_ text: String, region: String? = "330112", year: Int? = 2021) -> [String] {
        Support.extract(text, region: region, year: year).map { "\($0.indicator) \($0.value)" }
    }

    @Test func aBareMeasureNounTakesTheSubjectsNoun() {
        // 成交额 after 技术合同 is 技术合同成交额, across a ；.
        #expect(summary("全区登记技术合同106项，同比增长12.1%；成交额达3.5亿元，同比增长7.4%。")
                == ["technology_transaction_projects 106.0", "technology_transaction_projects_growth 12.1",
                    "technology_transaction_value 350000000.0", "technology_transaction_value_growth 7.4"])
    }

    @Test func aComposedNameSaysSoInItsReasons() {
        let f = Support.extract("2023年，全区登记技术合同106项；成交额达3.5亿元。", region: "330112")
        #expect(f.first?.reasons.contains { $0.hasPrefix("fuzzy alias") } == false)
        #expect(f.last?.reasons.contains { $0.hasPrefix("fuzzy alias") } == true)
        #expect((f.last?.confidence ?? 1) < (f.first?.confidence ?? 0))
    }

    @Test func aMeasureNounAfterAnotherNounIsNotComposed() {
        // 总数 here counts the little giants the clause before introduced, not the tech SMEs.
        let facts = summary("全区备案科技型中小企业437家，新增280家省级科技小巨人企业，总数达628家。")
        #expect(facts == ["tech_smes_new 437.0"])
    }

    @Test func aTotalAfterANewCountIsTheFamilysTotal() {
        #expect(summary("2017年，全区高新技术企业新增79家，是2016年增幅的2.5倍，总数达374家。")
                == ["hightech_enterprises_new 79.0", "hightech_enterprises_total 374.0"])
        // 是2016年…的 compares: the figures are 2017's.
        let f = Support.extract("2017年，全区高新技术企业新增79家，是2016年增幅的2.5倍，总数达374家。", region: "330112")
        #expect(f.allSatisfy { $0.period == .year(2017) })
    }

    @Test func aRegistrationVerbBeforeABareFamilyNameCountsNewOnes() {
        #expect(summary("去年全区备案科技型中小企业437家。") == ["tech_smes_new 437.0"])
        #expect(summary("全区累计认定科技型中小企业1437家。") == ["tech_smes_total 1437.0"])
    }

    @Test func aSplitNameWithATimeAndVerbBetween() {
        #expect(summary("全区高新区上半年实现营业收入139.46亿元，同比增长28.09%。")
                == ["park_operating_revenue 13946000000.0", "park_operating_revenue_growth 28.09"])
        // A modifier between head and tail changes the measure: 技术服务合同 is not 技术合同.
        #expect(summary("全区技术服务合同成交额为2.3亿元。").isEmpty)
    }

    @Test func aShareAfterABareMeasureNounAndTheGrowthAfterIt() {
        let f = Support.extract("2022年1—10月份，全市高新技术产业增加值占规模以上工业增加值的比重为24.5%，占比较1—9月份提高0.1个百分点；增加值同比增长8.5%。",
                                region: "350500")
        #expect(f.map { "\($0.indicator) \($0.period?.description ?? "-") \($0.value)" }
                == ["hightech_industry_share 2022-10 24.5", "hightech_industry_share_change_pp 2022-10 0.1",
                    "hightech_industry_value_added_growth 2022-10 8.5"])
        let g = Support.extract("2017年，全省高新技术产业实现增加值1865.62亿元，增加值占规模以上工业增加值的31.3%。", region: "360000")
        #expect(g.map(\.indicator) == ["hightech_industry_value_added", "hightech_industry_share"])
    }

    @Test func lastYearsFigureInBrackets() {
        let f = Support.extract("2022年，全区研发经费投入强度(研发经费与地区生产总值[1]之比)为3.83%，比上年(3.79%)提高0.04个百分点。",
                                region: "330112")
        #expect(f.map { "\($0.indicator) \($0.period?.description ?? "-") \($0.value)" }
                == ["rd_intensity 2022 3.83", "rd_intensity 2021 3.79", "rd_intensity_change_pp 2022 0.04"])
    }

    @Test func aThresholdTheReportsFigureMeetsIsDropped() {
        let text = "我省技术合同成交额突破三千亿元\n2022年，全省技术合同成交额3053.5亿元，与去年同期相比增长30.3%。"
        let f = Support.extract(text, region: "610000")
        #expect(f.map { "\($0.indicator) \($0.value) \($0.bound?.rawValue ?? "-")" }
                == ["technology_transaction_value 305350000000.0 -", "technology_transaction_value_growth 30.3 -"])
    }

    @Test func partsOfTheWholeAreNotTheWhole() {
        // Flows to another region, firms above a size, a kind of seller: parts of the region's figure.
        #expect(Support.extract("2023年，北京流向津冀技术合同成交额达748.7亿元，同比增长109.8%。", region: "110000").isEmpty)
        #expect(Support.extract("2022年，省内营业收入超1亿元的高新技术企业487家。", region: "530000").isEmpty)
        #expect(Support.extract("2022年，高校、科研院所技术合同成交额分别为69.27亿元、146.6亿元。", region: "610000").isEmpty)
    }

    @Test func aBreakdownByPerformerIsOfParts() {
        let text = "2022年，全省研发经费2180.4亿元。\n分活动主体看，企业挑起了创新大梁，研发经费1943.2亿元，比上年增长11.3%，占全省的近九成。\n分行业看，规模以上工业企业研发经费投入为1728.7亿元，增长10.4%。"
        let f = Support.extract(text, region: "370000")
        #expect(f.map { "\($0.indicator) \($0.value)" }
                == ["rd_expenditure 218040000000.0", "industrial_rd_expenditure 172870000000.0", "industrial_rd_expenditure_growth 10.4"])
    }

    @Test func tenthsAreAPercent() {
        let f = Support.extract("2024年一季度，全省技术合同登记交易额接近11亿元，同比增长近六成。", region: "460000")
        #expect(f.last.map { "\($0.indicator) \($0.value) \($0.approximate)" } == "technology_transaction_value_growth 60.0 true")
    }

    @Test func aSiblingOnlyForItsOwnNoun() {
        // 科技成果 is not a contract: the count is not the contracts'.
        let f = Support.extract("到2023年，全区技术合同成交额达到20亿元，转化科技成果2000项以上。", region: "450000")
        #expect(f.map(\.indicator) == ["technology_transaction_value"])
        // Firms, institutes and universities together are not the whole region's market.
        #expect(Support.extract("2016年，全年企业、科研机构和高等院校共成交技术合同144.0亿元。", region: "620000").isEmpty)
    }

    @Test func aFlowIsNotTheStock() {
        // The catalogue counts 专精特新 firms in stock only: 新增…27家 is not the stock.
        #expect(Support.extract("2022年，全市新增专精特新“小巨人”企业27家。", region: "350100").isEmpty)
        #expect(Support.extract("2022年，全市专精特新“小巨人”企业达27家。", region: "350100").map(\.indicator) == ["srdi_enterprises_total"])
    }

    @Test func theNationalTierIsAPart() {
        #expect(Support.extract("2023年，全市国家级科技企业孵化器达到76家。", region: "320500").isEmpty)
        #expect(Support.extract("2022年，全市科技企业孵化器28家。", region: "350100").map(\.indicator) == ["incubators_total"])
    }

    @Test func firmsThatPassedAPlacesRegistry() {
        let f = Support.extract("2023年1-5月份，866家企业通过天津市雏鹰企业评价入库；技术合同认定登记份数937份。", region: "120000")
        #expect(f.map { "\($0.indicator) \($0.value)" } == ["eagle_enterprises_new 866.0", "technology_transaction_projects 937.0"])
    }

    @Test func aSpanOfYearsIsNotAFigure() {
        let f = Support.extract("2022年，宝安区国家高新技术企业达到6759家，总量连续5年保持全国区县第二。", region: "440306")
        #expect(f.map { "\($0.indicator) \($0.value)" } == ["hightech_enterprises_total 6759.0", "hightech_enterprises_total_rank 2.0"])
        #expect(Support.extractor.extract("2022年，全区技术合同成交额连续5年增长。", context: ExtractionContext(region: "440306")).unmapped.isEmpty)
    }

    @Test func aMultipleOfAnotherFigureIsNotAGrowth() {
        let f = Support.extract("2017年，全省高新技术企业新增1079家，是2016年增幅的2.5倍多。", region: "130000")
        #expect(f.map(\.indicator) == ["hightech_enterprises_new"])
    }

    @Test func aYearComparedWithIsNotTheFiguresYear() {
        let f = Support.extract("2025年1-3月，高新技术产业增加值占规上工业增加值比重45.2%，高于2024年同期0.4个百分点。", region: "330000")
        #expect(f.allSatisfy { $0.period?.year == 2025 })
    }

    @Test func aHeadlineThresholdGivesWayToTheFigureReached() {
        let text = "2022年全区研发经费投入首次突破20亿元\n2022年，全区研发经费投入首次突破20亿元，达到21.79亿元，增长9.3%。"
        #expect(summary(text, year: nil) == ["rd_expenditure 2179000000.0", "rd_expenditure_growth 9.3"])
    }
}

/// Completion rates, registrations and the years the text leaves relative.
@Suite struct CompletionAndTimingTests {
    @Test func completionOfANamedTargetIsMeasuredNow() {
        let r = Support.extractor.extract("发布时间:2024-05-21\n截至目前，全县高新技术企业47户，近5年增长4倍多，提前完成“十四五”目标任务134%。",
                                          context: ExtractionContext(region: "330112"))
        #expect(r.facts.map { "\($0.indicator) \($0.period?.description ?? "-") \($0.kind.rawValue) \($0.value)" }
                == ["hightech_enterprises_total 2024 actual 47.0", "hightech_enterprises_total_growth 2024 actual 400.0",
                    "hightech_enterprises_total_target_completion 2024 actual 134.0"])
    }

    @Test func aRegistrationVerbAfterTheNameCountsNewOnes() {
        let f = Support.extract("2023年，全区科技型中小企业入库认定86家，完成年度目标任务215%。", region: "330112")
        #expect(f.map { "\($0.indicator) \($0.value)" } == ["tech_smes_new 86.0", "tech_smes_new_target_completion 215.0"])
        #expect(Support.extract("2022年，全区科技型中小企业累计备案10462家。", region: "330112").map(\.indicator) == ["tech_smes_total"])
    }

    @Test func aCategoryOfContractsIsNotTheWhole() {
        #expect(Support.extract("2017年，城市建设与社会发展类技术合同共3665项。", region: "330112").isEmpty)
        #expect(Support.extract("2021年，全区各类技术合同1.9万项。", region: "330112").map(\.indicator) == ["technology_transaction_projects"])
    }

    @Test func theYearsTargetBeforeTask() {
        let f = Support.extract("2018年上半年，受理发明专利申请量531件，完成全年1150件任务的46.2%。", region: "421000")
        #expect(f.map { "\($0.indicator) \($0.kind.rawValue) \($0.value)" }
                == ["invention_patent_applications actual 531.0", "invention_patent_applications target 1150.0",
                    "invention_patent_applications_target_completion actual 46.2"])
        // The count of another noun after the name: the task is that noun's.
        let g = Support.extract("2018年上半年，科技企业孵化器新增在孵企业122家，完成全年170家任务的71.8%。", region: "421000")
        #expect(g.isEmpty)
    }

    @Test func whatThisYearWillDoIsATarget() {
        let text = "2018-02-06\n2017年，全省高新技术企业新增1079家。今年，全省将保持高新技术企业和科技型中小企业高强度增长，分别新增1000家、10000家。"
        let f = Support.extractor.extract(text, context: ExtractionContext(region: "130000")).facts
        #expect(f.map { "\($0.indicator) \($0.period?.description ?? "-") \($0.kind.rawValue)" }
                == ["hightech_enterprises_new 2017 actual", "hightech_enterprises_new 2018 target", "tech_smes_new 2018 target"])
    }

    @Test func theWholeYearIsTheReportsYear() {
        let text = "发布时间:2024-05-21\n2023年工作总结。截至目前，全县高新技术企业47户，全年科技型中小企业入库认定86家。"
        let f = Support.extractor.extract(text, context: ExtractionContext(region: "340722")).facts
        #expect(f.map { $0.period?.description ?? "-" } == ["2024", "2023"])
    }

    @Test func firmsThatGotRegisteredAreNewOnes() {
        let text = "2017-12-13\n近日，甘肃省第二批171家企业获国家高新技术企业备案。"
        let f = Support.extractor.extract(text, context: ExtractionContext(region: "620000")).facts
        #expect(f.map { "\($0.indicator) \($0.period?.description ?? "-") \($0.value)" } == ["hightech_enterprises_new 2017 171.0"])
    }

    @Test func applyingIsNotCertified() {
        let f = Support.extract("2018年，组织申报第一批国家高新技术企业53家。", region: "421000")
        #expect(f.map(\.indicator) == ["hightech_enterprises_applied"])
    }

    @Test func aNameAYearWordAndAMeasure() {
        let f = Support.extract("2018年，全省技术合同年成交额保持在 1000亿元以上，推进1000项科技成果转化。", region: "420000")
        #expect(f.map { "\($0.indicator) \($0.value) \($0.bound?.rawValue ?? "-")" } == ["technology_transaction_value 100000000000.0 min"])
    }

    @Test func aRankRisingFromOnePlaceToAnother() {
        let f = Support.extract("2017年，全省技术合同成交额突破千亿元，从全国第6位升至第2位。", region: "420000")
        let ranks = f.filter { $0.indicator == "technology_transaction_value_rank" }
        #expect(ranks.map { "\($0.period?.description ?? "-") \($0.value) \($0.scope?.rawValue ?? "-")" }
                == ["2016 6.0 nation", "2017 2.0 nation"])
    }

    @Test func thisYearInASpringReportOnLastYear() {
        let text = "2024年04月12日07:38 | 来源:海南日报\n2023年，我省共登记技术合同3263项。今年一季度，全省技术合同认定476项。"
        let f = Support.extractor.extract(text, context: ExtractionContext(region: "460000")).facts
        #expect(f.map { $0.period?.description ?? "-" } == ["2023", "2024-Q1"])
    }
}

/// 排名前五位的区是A(2452家)、B(381家)…: each place's rank is its place in the list.
@Suite struct RankedListTests {
    @Test func placesAreRankedInTheOrderGiven() {
        let f = Support.extract("2023年，全省技术合同成交额前三名的市县分别是海口市、三亚市、澄迈县，技术合同成交额分别是36亿元、8.5亿元、3.3亿元。",
                                region: "460000")
        let ranks = f.filter { $0.indicator == "technology_transaction_value_rank" }
        #expect(ranks.map(\.region) == ["460100", "460200", "469023"])
        #expect(ranks.map(\.value) == [1, 2, 3])
        #expect(ranks.allSatisfy { $0.scope == .province })
        let values = f.filter { $0.indicator == "technology_transaction_value" }
        #expect(values.map(\.region) == ["460100", "460200", "469023"])
        #expect(values.map(\.value) == [3_600_000_000, 850_000_000, 330_000_000])
    }

    @Test func aMunicipalitysDistrictsRankCityWide() {
        let f = Support.extract("2023年，天津市高新技术企业排名前三位的区是滨海新区(2452家)、武清区(381家)、西青区(380家)。")
        let ranks = f.filter { $0.indicator.hasSuffix("_rank") }
        #expect(ranks.map(\.value) == [1, 2, 3])
        #expect(ranks.allSatisfy { $0.scope == .city })
        #expect(f.filter { !$0.indicator.hasSuffix("_rank") }.map(\.value) == [2452, 381, 380])
    }

    @Test func placesNamedBeforeATopRankAreEachAmongTheTop() {
        let f = Support.extract("2017年，南昌、吉安、九江高新技术产业增加值总量居前三甲。", region: "360000")
        #expect(f.map(\.region) == ["360100", "360800", "360400"])
        #expect(f.allSatisfy { $0.indicator == "hightech_industry_value_added_rank" && $0.value == 3 && $0.bound == .max })
    }

    @Test func aRankAfterAGrowthRanksTheGrowth() {
        let f = Support.extract("2022年1-3月，全县规模以上工业增加值完成9.2亿元，同比增长12.1%，位列全市第三名。", region: "361127")
        #expect(f.last.map { "\($0.indicator) \($0.value)" } == "industrial_value_added_growth_rank 3.0")
        // Unless the report already ranked the level with the same figure.
        let g = Support.extract("甘肃省技术合同成交额排名全国第14位\n2016年，甘肃省成交总额为150.81亿元，较上年增长15.7%，全国排名第14位。",
                                region: "620000")
        #expect(g.filter { $0.indicator.hasSuffix("_rank") }.map(\.indicator) == ["technology_transaction_value_rank"])
    }

    @Test func aYearToDateListAfterRegistrationsCountsRegistrations() {
        let text = "2023年1-5月份，全市5288家企业通过科技型中小企业评价入库。\n1-5月份，科技型中小企业排名前三位的区是滨海新区(2452家)、武清区(381家)、西青区(380家)。"
        let f = Support.extract(text, region: "120000")
        #expect(Set(f.map(\.indicator)) == ["tech_smes_new", "tech_smes_new_rank"])
        // A report that also counts the total keeps the bare name for the total.
        let g = Support.extract("2023年1-5月份，全市5288家企业通过科技型中小企业评价入库，有效期内科技型中小企业累计达9000家。\n1-5月份，科技型中小企业排名第一的是滨海新区(2452家)。",
                                region: "120000")
        #expect(g.last?.indicator == "tech_smes_total")
    }

    @Test func aListsFiguresEachWithTheirOwnPlace() {
        let f = Support.extract("2023年，高新区、南开区、西青区通过科技型中小企业评价入库数居各板块首位，分别为高新区1176家、南开区266家、西青区380家。",
                                region: "120000")
        #expect(f.map { "\($0.region ?? "-") \($0.value)" } == ["120104 266.0", "120111 380.0"])
    }

    @Test func aTopRankWithoutAListIsABound() {
        let f = Support.extract("2023年，全区高新技术企业数位列全省前10位。", region: "330112")
        #expect(f.map(\.bound) == [.max])
    }
}

/// The report's own place when it says only 我省 and names its cities.
@Suite struct ReportPlaceTests {
    @Test func ourProvinceIsTheProvinceOfTheCitiesNamed() {
        let f = Support.extract("2023年，我省共登记技术合同3263项。海口市、三亚市、澄迈县位居前列。")
        #expect(f.first?.region == "460000")
    }

    @Test func aProvincesShortNameInTheTitleIsTheProvince() {
        // 海南 is also 海南藏族自治州 (青海) and 海南区 (乌海): alone, it names the province.
        let r = Support.extractor.extract("2023年海南技术合同成交额53.3亿元\n\n2023年，全省共登记技术合同3263项。")
        #expect(r.metadata.region == "460000")
    }
}
