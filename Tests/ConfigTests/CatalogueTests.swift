import Config
import Domain
import Foundation
import Testing

@Suite struct CatalogueTests {
    static let seedCodes = [
        "innovation_index", "rd_expenditure", "rd_intensity", "industrial_rd_expenditure", "enterprises_with_rd_share",
        "hightech_investment", "industrial_value_added", "hightech_industry_value_added", "hightech_industry_share",
        "hightech_enterprises_total", "hightech_enterprises_new", "hightech_enterprises_applied",
        "hightech_enterprises_per_1000", "tech_smes_new", "tech_smes_per_1000", "eagle_enterprises_new",
        "enterprise_rd_institutions_new", "provincial_enterprise_research_institutes_new", "incubators_new",
        "key_rd_projects", "tech_projects_district", "innovation_vouchers_amount", "innovation_vouchers_enterprises",
        "technology_transaction_value", "technology_transaction_projects", "rd_super_deduction",
    ]

    @Test func shippedCatalogueHoldsEverySeedIndicatorWithDerivedOnes() throws {
        let catalogue = try Catalogue.load(directory: ConfigDirectory.url)
        let codes = Set(catalogue.indicators.map(\.code))
        for code in Self.seedCodes {
            #expect(codes.contains(code), "\(code)")
            let unit = try #require(catalogue.indicators.first { $0.code == code }).unit
            for measure in DerivedMeasure.allCases where measure.applies(to: unit) {
                #expect(codes.contains(measure.code(for: code)), "\(measure.code(for: code))")
            }
        }
        let growth = try #require(catalogue.indicators.first { $0.code == "rd_expenditure_growth" })
        #expect(growth.unit == .percent && growth.base == "rd_expenditure")
        let rank = try #require(catalogue.indicators.first { $0.code == "rd_intensity_rank" })
        #expect(rank.unit == .rank && !rank.higherIsBetter)
        #expect(catalogue.indicators.first { $0.code == "rd_intensity_change_pp" }?.unit == .percentagePoints)
        #expect(catalogue.indicators.first { $0.code == "rd_expenditure_change_pp" } == nil)
        #expect(catalogue.indicators.first { $0.code == "rd_expenditure_target_completion" }?.unit == .percent)
        let intensity = try #require(catalogue.indicators.first { $0.code == "rd_intensity" })
        #expect(intensity.aliasesZh.contains("R&D经费占GDP比重"))
    }

    @Test func shippedRegionsFormTheHierarchy() throws {
        let catalogue = try Catalogue.load(directory: ConfigDirectory.url)
        let byCode = Dictionary(uniqueKeysWithValues: catalogue.regions.map { ($0.code, $0) })
        #expect(byCode["330112"]?.nameZh == "临安区")
        #expect(byCode["330112"]?.parent == "330100")
        #expect(byCode["330100"]?.parent == "330000")
        let hangzhou = catalogue.regions.filter { $0.parent == "330100" }
        #expect(hangzhou.filter { $0.level != .zone }.count == 13)
        #expect(hangzhou.contains { $0.code == "330100001" && $0.nameZh == "杭州高新技术产业开发区" })
        // Parents come before their children.
        var seen: Set<String> = []
        for region in catalogue.regions {
            if let parent = region.parent { #expect(seen.contains(parent), "\(region.code)") }
            seen.insert(region.code)
        }
    }

    @Test func unknownKeyIsNamed() {
        let yaml = """
        indicators:
          - {code: a, name_zh: 甲, name_en: A, unit: count, category: x, aggregation: sum, unti: count}
        """
        #expect(throws: ConfigError(file: "t.yaml", key: "indicators[0].unti", message: "unknown key")) {
            try Catalogue.parseIndicators(yaml, file: "t.yaml")
        }
    }

    @Test func badUnitIsNamedWithTheAllowedValues() throws {
        let yaml = "indicators:\n  - {code: a, name_zh: 甲, name_en: A, unit: furlongs, category: x, aggregation: sum}\n"
        do {
            _ = try Catalogue.parseIndicators(yaml, file: "t.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.key == "indicators[0].unit")
            #expect(error.message.contains("furlongs") && error.message.contains("percent"))
        }
    }

    @Test func childBeforeParentIsRefused() {
        let yaml = """
        regions:
          - {code: "330112", name_zh: 临安区, name_en: Lin'an, level: district, parent: "330100"}
          - {code: "330100", name_zh: 杭州市, name_en: Hangzhou, level: city}
        """
        #expect(throws: ConfigError.self) { try Catalogue.parseRegions(yaml, file: "r.yaml") }
    }

    @Test func duplicateCodeIsRefused() {
        let yaml = """
        indicators:
          - {code: a, name_zh: 甲, name_en: A, unit: count, category: x, aggregation: sum}
          - {code: a, name_zh: 乙, name_en: B, unit: count, category: x, aggregation: sum}
        """
        #expect(throws: ConfigError.self) { try Catalogue.parseIndicators(yaml, file: "t.yaml") }
    }
}
