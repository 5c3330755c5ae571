import Domain
import Extraction
import Testing

@Suite struct SeedReportTests {
    @Test func seedReportScoresAgainstExpected() throws {
        let text = try Support.fixture("linan-2021.txt")
        let result = Support.extractor.extract(text, context: ExtractionContext())
        let score = ExtractionScore(expected: try Support.expected("linan-2021.expected.json"), facts: result.facts,
                                    catalogue: Support.codes)
        print(score.report)
        #expect(score.recall == 1.0)
        #expect(score.missed.isEmpty)
        #expect(score.expected.count == 43)
        #expect(score.extra.isEmpty, "wrong facts: \(score.extra.map(\.quote))")
    }

    @Test func seedMetadata() throws {
        let result = Support.extractor.extract(try Support.fixture("linan-2021.txt"), context: ExtractionContext())
        #expect(result.metadata.publisher == "区科技局")
        #expect(result.metadata.date == "2022-03-24")
        #expect(result.metadata.region == "330112")
        #expect(result.metadata.reportYear == 2021)
        #expect(result.facts.allSatisfy { $0.region == "330112" })
    }

    @Test func seedQuotesAreExactSlices() throws {
        let text = try Support.fixture("linan-2021.txt")
        let scalars = Array(text.unicodeScalars)
        for f in Support.extract(text) {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[f.start..<f.end])
            #expect(String(s) == f.quote)
        }
    }
}
