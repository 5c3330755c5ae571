import Domain
import Extraction
import Foundation
import Testing

@Suite struct FactJSONTests {
    @Test func snakeCaseKeysAndPeriodStrings() throws {
        let facts = Support.extract("1-9月，全区高新投资32.6亿元，居全市第2位。", region: "330112", year: 2021)
        let json = try FactJSON.string(facts)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        let first = try #require(array.first)
        #expect(Set(first.keys) == ["indicator", "region", "period", "kind", "value", "unit", "status", "approximate",
                                    "confidence", "reasons", "quote", "start", "end"])
        #expect(first["period"] as? String == "2021-09")
        #expect(first["unit"] as? String == "yuan")
        #expect(array.last?["scope"] as? String == "city")
        let decoded = try JSONDecoder().decode([Fact].self, from: Data(json.utf8))
        #expect(decoded == facts)
    }
}

@Suite struct ExtractionScoreTests {
    func fact(_ code: String, _ value: Double, year: Int = 2021, kind: ObservationKind = .actual,
              bound: Bound? = nil, scope: RankScope? = nil) -> Fact {
        Fact(indicator: code, scope: scope, region: "330112", period: .year(year), kind: kind, value: value,
                      unit: .count, bound: bound, confidence: 1, quote: "", start: 0, end: 0)
    }

    @Test func matchesOnIndicatorYearKindValueBoundAndScope() {
        let expected = [
            ExpectedFact(indicator: "a", year: 2021, kind: .actual, value: 2_005_000_000),
            ExpectedFact(indicator: "b", year: 2022, kind: .target, value: 6, bound: .min),
            ExpectedFact(indicator: "c_rank", year: 2021, kind: .actual, value: 4, scope: .city),
            ExpectedFact(indicator: "d", year: 2021, kind: .actual, value: 1),
        ]
        let facts = [
            fact("a", 2_005_000_001),                  // within 1e-6
            fact("b", 6, year: 2022, kind: .target),   // bound missing
            fact("c_rank", 4, scope: .province),       // wrong scope
            fact("d", 1), fact("d", 1),                // a duplicate matches once
            fact("x", 9),                              // not catalogued
        ]
        let score = ExtractionScore(expected: expected, facts: facts, catalogue: ["a", "b", "c_rank", "d"])
        #expect(score.matched.count == 2)
        #expect(score.missed.map(\.indicator) == ["b", "c_rank"])
        #expect(score.extra.count == 3)
        #expect(score.recall == 0.5)
        #expect(score.precision == 2.0 / 5.0)
        #expect(score.report.contains("recall    50.0%"))
    }

    @Test func readsTheExpectedFileFormat() throws {
        let expected = try Support.expected("linan-2021.expected.json")
        #expect(expected.count == 43)
        #expect(expected.filter { $0.bound == .min }.count == 3)
        #expect(expected.first { $0.indicator == "rd_intensity_rank" }?.scope == .city)
    }
}

@Suite struct EvaluateTests {
    @Test func evaluatesBytesAgainstAnExpectedFile() throws {
        let expected = try Data(contentsOf: Support.fixtures.appendingPathComponent("fuyang-2022-h1.expected.json"))
        let score = try ExtractionScore.evaluate(expected: expected, document: try Support.fixtureBytes("fuyang-2022-h1.gbk.txt"),
                                                 extractor: Support.extractor, catalogue: Support.codes)
        #expect(score.recall == 1)
        #expect(throws: EvaluationError.self) {
            try ExtractionScore.evaluate(expected: Data("{}".utf8), document: [0x41], extractor: Support.extractor)
        }
    }
}
