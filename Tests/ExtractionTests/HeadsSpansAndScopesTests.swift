import Domain
import Testing
@testable import Extraction

/// Names read head-final, spans of change, ranks scoped by what stands before them, and counts
/// named by what happened to them.
@Suite struct HeadsSpansAndScopesTests {
    func summary(_ text: String, region: String? = "330112", year: Int? = 2021) -> [String] {
        Support.extract(text, region: region, year: year).map { f in
            "\(f.indicator)\(f.scope.map { "@\($0.rawValue)" } ?? "") \(f.period?.description ?? "-") \(f.value)"
        }
    }

    @Test func aNameOfAnotherMeasureEndingLaterIsTheHead() {
        // 全社会R&D经费投入 is read first; the intensity ends later and is what 1.3% measures.
        #expect(summary("2023年全社会R&D经费投入强度达到1.3%。") == ["rd_intensity 2023 1.3"])
        // A later name of the same kind of measure does not displace the narrower one.
        #expect(summary("2022年规模以上工业企业研发经费投入为1728.7亿元。")
                == ["industrial_rd_expenditure 2022 172870000000.0"])
    }

    @Test func cumulativeInsideANameAndTheSpellingsOfAnAmount() {
        #expect(summary("2022年技术合同交易累计总额达300亿元。") == ["technology_transaction_value 2022 30000000000.0"])
        #expect(summary("2022年技术市场交易总额达300亿元。") == ["technology_transaction_value 2022 30000000000.0"])
    }

    @Test func anUndatedSpanGivesItsEndToTheSentencesYear() {
        #expect(summary("2019年全省研发投入强度由1.43%提升到1.98%。")
                == ["rd_intensity - 1.43", "rd_intensity 2019 1.98"])
        // Dated at both ends, each end keeps its year.
        #expect(summary("研发投入强度由2016年的0.95%增长到2020年的1.96%。")
                == ["rd_intensity 2016 0.95", "rd_intensity 2020 1.96"])
    }

    @Test func theRankOfAChangeIsNotTheRankOfTheLevel() {
        // A ratio's change has no rank in the catalogue; a flow's growth does.
        #expect(summary("2019年研发投入强度由1.43%提升到1.98%，提升幅度居全国第二。")
                == ["rd_intensity - 1.43", "rd_intensity 2019 1.98"])
        #expect(summary("2023年全社会研发投入经费投入3.98亿元，同比增长32.25%。增幅排名全市第一。")
                == ["rd_expenditure 2023 398000000.0", "rd_expenditure_growth 2023 32.25",
                    "rd_expenditure_growth_rank@city 2023 1.0"])
    }

    @Test func countedPlacesScopeARankAmongSiblings() {
        // 枞阳县's siblings are the city's counties and districts.
        #expect(summary("2023年枞阳县研发投入3.98亿元，同比增长32.25%，一县四区增幅排名第一。", region: nil)
                .last == "rd_expenditure_growth_rank@city 2023 1.0")
    }

    @Test func aPlaceBeforeABareOrdinalIsTheScope() {
        let f = summary("2022年，宝安区国家高新技术企业达到6759家，总量连续5年保持全国区县第二、广东省第一。", region: nil)
        #expect(f == ["hightech_enterprises_total 2022 6759.0", "hightech_enterprises_total_rank@nation 2022 2.0",
                      "hightech_enterprises_total_rank@province 2022 1.0"])
        let quote = Support.extract("2022年，宝安区国家高新技术企业达到6759家，总量保持广东省第一。").last?.quote
        #expect(quote == "广东省第一")
    }

    @Test func aRankSpanDatedAtBothEndsKeepsItsScope() {
        #expect(summary("云南区域创新能力从2012年的全国第28位提高到2021年的第21位。", region: "530000")
                == ["innovation_index_rank@nation 2012 28.0", "innovation_index_rank@nation 2021 21.0"])
    }

    @Test func aBaseYearIsNotAYearOfTheList() {
        // 在2022年的基础上 is where the doubling starts; 科技型企业 is not catalogued but keeps its place.
        #expect(summary("到2027年，全区高新技术企业和科技型企业在2022年的基础上实现“双倍增”，分别超过90家和870家。")
                == ["hightech_enterprises_total 2027 90.0"])
        #expect(Support.extract("到2027年，全区科技型企业和高新技术企业分别超过870家和90家。", region: "330112")
                .map(\.value) == [90])
    }

    @Test func aFollowOnNameOpeningAnItemFollowsTheItemBefore() {
        #expect(summary("2022年全省全社会研发投入达3700亿元；占地区生产总值比重将首次突破3%。")
                == ["rd_expenditure 2022 370000000000.0", "rd_intensity 2022 3.0"])
        // Without a name before it, the share is nobody's.
        #expect(summary("2022年全省工作扎实推进；占地区生产总值比重将首次突破3%。").isEmpty)
    }

    @Test func roundFiguresWrittenAsUnits() {
        #expect(summary("2017年全省技术合同成交额突破千亿。") == ["technology_transaction_value 2017 100000000000.0"])
        #expect(summary("2017年全省技术合同成交额突破千亿元大关。") == ["technology_transaction_value 2017 100000000000.0"])
        // 千亿级 describes a cluster; it is not a figure.
        #expect(summary("2017年全省打造千亿级产业集群，技术合同成交额达12亿元。")
                == ["technology_transaction_value 2017 1200000000.0"])
    }

    @Test func allRanksEveryCataloguedFigureGiven() {
        #expect(summary("2022年，全市备案科技型中小企业2437家，新增280家省级科技小巨人企业，总数达628家，均位列全省第一。", region: "350100")
                == ["tech_smes_new 2022 2437.0", "tech_smes_new_rank@province 2022 1.0"])
    }

    @Test func enterprisesThatPassedTheReviewAreNewOnes() {
        #expect(summary("2017年新申报高新技术企业89家，共70家企业通过评审。")
                == ["hightech_enterprises_applied 2017 89.0", "hightech_enterprises_new 2017 70.0"])
        #expect(summary("2023年高新技术企业注册申报数8170家，评审通过企业数量1531家、同比增长56.1%。")
                == ["hightech_enterprises_applied 2023 8170.0", "hightech_enterprises_new 2023 1531.0",
                    "hightech_enterprises_new_growth 2023 56.1"])
        #expect(summary("2018年我局组织推荐了8家优质企业申报我省高新技术企业，目前有两家顺利通过审核。").last == "hightech_enterprises_new 2018 2.0")
        // Without a family named, passing a review counts nothing.
        #expect(summary("2018年共70家单位通过评审。").isEmpty)
    }

    @Test func aProseLineCutInsideASentenceIsReadThrough() {
        let line = "科技争投主要指标稳中有进：2022年全区研发经费占GDP比重达3.02%，全年区本级高新技术产业实现增加值286.61亿元，同比增长10.5%，占规上工业增"
        #expect(summary(line + "\n\n加值的72.8%。").last == "hightech_industry_share 2022 72.8")
        // A short heading without punctuation stays a heading.
        #expect(summary("一、科技投入\n\n加值的72.8%。").isEmpty)
    }
}
