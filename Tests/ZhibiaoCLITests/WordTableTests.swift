import Config
import Extraction
import Foundation
@testable import ReportLoader
import Testing

/// A Word table as DocxText gives it, each cell's paragraph ending in a line break before the
/// ` | ` of the next cell, is read as one row per line.
@Suite struct WordTableTests {
    func cell(_ text: String) -> String { "<w:tc><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>" }

    @Test func cellsOfARowAreReadAsOneRow() throws {
        let xml = "<w:body><w:p><w:r><w:t>临安区科技创新发展规划(2023-2025年)</w:t></w:r></w:p><w:tbl>"
            + "<w:tr>" + cell("指标") + cell("2022年基数") + cell("2025年目标") + "</w:tr>"
            + "<w:tr>" + cell("R&amp;D经费投入强度(%)") + cell("3.3") + cell("3.8") + "</w:tr>"
            + "</w:tbl></w:body>"
        let text = DocxText.paragraphs(fromXML: xml)
        #expect(text.contains("R&D经费投入强度(%)\n | 3.3\n | 3.8\n | \n"))
        let catalogue = try Catalogue.load(directory: LoadAndEvalTests.repository.appendingPathComponent("config"))
        let extractor = ReportExtractor(indicators: catalogue.indicators, regions: catalogue.regions)
        let facts = extractor.extract(text, context: ExtractionContext(region: "330112")).facts
        let target = try #require(facts.first { $0.indicator == "rd_intensity" && $0.kind == .target })
        #expect(target.value == 3.8 && target.period == .year(2025))
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[target.start..<target.end])) == target.quote)
    }
}
