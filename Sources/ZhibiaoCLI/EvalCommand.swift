import ArgumentParser
import Config
import Extraction
import Foundation
import ReportLoader

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the extractor on an annotated report: recall and precision against EXPECTED.json.",
        discussion: "EXPECTED.json is a JSON array of facts (indicator, year, kind, value, …) as in Tests/ExtractionTests/Fixtures.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The expected facts, a JSON array.")
    var expected: String

    @Argument(help: "The report: a file or an http/https URL.")
    var document: String

    @Option(help: "Region code the report is about.")
    var region: String?

    @Option(help: "The year of the report's actual figures.")
    var year: Int?

    func run() throws {
        let score = try Self.score(expected: expected, document: document, config: global.configDirectory,
                                   context: ExtractionContext(region: region, year: year))
        print(score.report)
    }

    /// The command's core: needs only the catalogue files, not the database.
    static func score(expected: String, document: String, config: URL,
                      context: ExtractionContext = ExtractionContext()) throws -> ExtractionScore {
        let catalogue = try CommandFailure.wrap { try Catalogue.load(directory: config) }
        let fetcher = ReportFetcher()
        let expectedData: FetchedReport
        let report: FetchedReport
        do {
            expectedData = try fetcher.read(path: expected)
            report = try fetcher.fetch(document)
        } catch {
            throw CommandFailure(description: error.description)
        }
        let extractor = ReportExtractor(indicators: catalogue.indicators, regions: catalogue.regions)
        do {
            return try ExtractionScore.evaluate(expected: Data(expectedData.bytes), document: report.bytes,
                                                contentType: report.contentType, extractor: extractor, context: context,
                                                catalogue: Set(catalogue.indicators.map(\.code)))
        } catch {
            throw CommandFailure(description: error.description)
        }
    }
}
