import Domain
import Extraction
import Testing

/// Hand-written documents in the styles the extractor meets beyond the seed, each with
/// hand-checked expected facts.
@Suite struct FixtureDocumentTests {
    func run(_ name: String, expected: String, bytes: Bool = false, contentType: String? = nil)
        throws -> (ExtractionResult, ExtractionScore) {
        let doc = try DocumentText.decode(bytes: try Support.fixtureBytes(name), contentType: contentType)
        let result = Support.extractor.extract(doc.text, context: ExtractionContext(title: doc.title))
        let score = ExtractionScore(expected: try Support.expected(expected), facts: result.facts, catalogue: Support.codes)
        print("\(name):\n\(score.report)")
        return (result, score)
    }

    @Test func countyReport() throws {
        let (result, score) = try run("tonglu-2022.txt", expected: "tonglu-2022.expected.json")
        #expect(score.missed.isEmpty)
        // 富阳区 is named in passing: its figure is attributed to it, never to 桐庐县.
        #expect(score.extra.map(\.region) == ["330111"])
        #expect(result.metadata.region == "330122")
        #expect(result.metadata.publisher == "桐庐县科技局")
        #expect(result.metadata.reportYear == 2022)
        let estimated = result.facts.first { $0.indicator == "technology_transaction_value" && $0.kind == .actual }
        #expect(estimated?.status == .estimated)
        #expect(result.facts.filter { $0.region == "330122" && $0.indicator == "hightech_enterprises_new" }.count == 2)
    }

    @Test func cityMonthlyBulletin() throws {
        let (result, score) = try run("hangzhou-2021-09.txt", expected: "hangzhou-2021-09.expected.json")
        #expect(score.missed.isEmpty)
        #expect(score.extra.isEmpty)
        #expect(result.metadata.region == "330100")
        #expect(result.metadata.date == "2021-10-25")
        let byRegion = Dictionary(grouping: result.facts, by: \.region)
        #expect(byRegion["330108"]?.count == 2)
        #expect(byRegion["330109"]?.count == 2)
        let ytd = result.facts.first { $0.indicator == "industrial_rd_expenditure" && $0.region == "330100" }
        #expect(ytd?.period == .month(year: 2021, month: 9))
        let q3 = result.facts.first { $0.indicator == "hightech_investment_growth" }
        #expect(q3?.period == .quarter(year: 2021, quarter: 3))
    }

    @Test func threeYearPlan() throws {
        let (result, score) = try run("chunan-plan-2023-2025.txt", expected: "chunan-plan-2023-2025.expected.json")
        #expect(score.missed.isEmpty)
        #expect(score.extra.isEmpty)
        #expect(result.metadata.region == "330127")
        // 累计新增…300家 totals three years: not a 2025 target.
        #expect(!result.facts.contains { $0.indicator == "tech_smes_new" })
    }

    @Test func htmlPage() throws {
        let (result, score) = try run("jiande-2021.html", expected: "jiande-2021.expected.json", contentType: "text/html")
        #expect(score.missed.isEmpty)
        #expect(score.extra.isEmpty)
        #expect(result.metadata.publisher == "建德市科技局")
        #expect(result.metadata.date == "2022-01-18")
        #expect(result.metadata.region == "330182")
        #expect(result.metadata.title?.hasPrefix("建德市科技局2021年工作总结") == true)
        // Nothing from scripts, styles, navigation or the footer.
        #expect(!result.facts.contains { [99e8, 88e8, 100e8, 999, 77].contains($0.value) })
        let approx = result.facts.first { $0.indicator == "industrial_rd_expenditure" }
        #expect(approx?.approximate == true)
    }

    @Test func gbkEncodedFile() throws {
        let (result, score) = try run("fuyang-2022-h1.gbk.txt", expected: "fuyang-2022-h1.expected.json")
        #expect(score.missed.isEmpty)
        #expect(score.extra.isEmpty)
        #expect(result.metadata.region == "330111")
        #expect(result.facts.allSatisfy { $0.period == .quarter(year: 2022, quarter: 2) })
    }
}

@Suite struct PlanTableTests {
    @Test func htmlPlanWithTargetTable() throws {
        let doc = try DocumentText.decode(bytes: try Support.fixtureBytes("lin-an-plan-2023-2025.html"), contentType: nil)
        let result = Support.extractor.extract(doc.text, context: ExtractionContext(title: doc.title))
        let score = ExtractionScore(expected: try Support.expected("lin-an-plan-2023-2025.expected.json"),
                                    facts: result.facts, catalogue: Support.codes)
        print("lin-an-plan-2023-2025.html:\n\(score.report)")
        #expect(score.missed.isEmpty)
        #expect(score.extra.isEmpty)
        #expect(result.metadata.region == "330112")
        let scalars = Array(doc.text.unicodeScalars)
        for f in result.facts {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[f.start..<f.end])
            #expect(String(s) == f.quote)
        }
    }
}
