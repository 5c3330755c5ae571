import Config
import Domain
import Extraction
import Foundation

/// Shared catalogue, extractor and fixtures for the extraction tests.
enum Support {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    static let configDirectory = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config")

    static let catalogue: Catalogue = {
        do {
            return try Catalogue.load(directory: configDirectory)
        } catch {
            fatalError("config/ must load: \(error)")
        }
    }()

    static let extractor = ReportExtractor(indicators: catalogue.indicators, regions: catalogue.regions)
    static let codes = Set(catalogue.indicators.map(\.code))

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    static func fixtureBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    static func expected(_ name: String) throws -> [ExpectedFact] {
        try ExtractionScore.loadExpected(Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    static func extract(_ text: String, region: String? = nil, year: Int? = nil) -> [Fact] {
        extractor.extract(text, context: ExtractionContext(region: region, year: year)).facts
    }

    static func score(_ text: String, expected: [ExpectedFact], context: ExtractionContext = .init()) -> ExtractionScore {
        ExtractionScore(expected: expected, facts: extractor.extract(text, context: context).facts, catalogue: codes)
    }
}
