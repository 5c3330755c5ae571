import ArgumentParser
import Config
import Extraction
import Foundation
import ReportLoader

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the extractor: recall and precision against hand-checked annotations.",
        discussion: """
            zhibiao eval DIR scores every report NAME.txt (.html, .pdf, .docx) in DIR that has a NAME.expected.json \
            beside it, and prints a line per document and the total. zhibiao eval EXPECTED.json DOC scores one report. \
            The annotation format is described in Tests/ExtractionTests/Fixtures/corpus/README.md. No hints are used \
            unless given: the figures are what a user gets.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A corpus directory, or the expected facts (a JSON array) followed by the report (a file or an http/https URL).")
    var paths: [String]

    @Option(help: "Region code the report is about.")
    var region: String?

    @Option(help: "The year of the report's actual figures.")
    var year: Int?

    @Flag(help: "Show each document's missed and extra facts.")
    var verbose = false

    @Flag(help: "With a directory: also score each report with the hints its annotation implies (its year and place) and show how much they change.")
    var compareHints = false

    func validate() throws {
        guard paths.count == 1 || paths.count == 2 else {
            throw ValidationError("give a corpus directory, or EXPECTED.json and a report")
        }
    }

    func run() throws {
        let context = ExtractionContext(region: region, year: year)
        if paths.count == 1 {
            let corpus = try Self.corpus(paths[0], config: global.configDirectory, context: context)
            print(corpus.report(verbose: verbose))
            if compareHints {
                let hinted = try Self.corpus(paths[0], config: global.configDirectory, hinted: true)
                print(CorpusEvaluation.hintComparison(outOfTheBox: corpus, hinted: hinted))
            }
            return
        }
        let score = try Self.score(expected: paths[0], document: paths[1], config: global.configDirectory, context: context)
        print(score.report)
    }

    /// `zhibiao eval DIR`'s core: needs only the catalogue files, not the database.
    static func corpus(_ directory: String, config: URL, context: ExtractionContext = ExtractionContext(),
                       hinted: Bool = false) throws -> CorpusEvaluation {
        let catalogue = try CommandFailure.wrap { try Catalogue.load(directory: config) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(description: "\(directory): not a directory (give EXPECTED.json and a report to score one)")
        }
        let extractor = ReportExtractor(indicators: catalogue.indicators, regions: catalogue.regions)
        let corpus = try CommandFailure.wrap {
            try CorpusEvaluation.run(directory: URL(fileURLWithPath: directory), extractor: extractor,
                                     catalogue: Set(catalogue.indicators.map(\.code)), context: context,
                                     hints: hinted ? { CorpusEvaluation.impliedHints($0, regions: catalogue.regions) } : nil)
        }
        if corpus.documents.isEmpty, corpus.failures.isEmpty {
            throw CommandFailure(description: "\(directory): no report has a NAME.expected.json beside it")
        }
        return corpus
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
        // PDF and Word are read as `load` reads them; the scorer then takes their text.
        let document: DecodedDocument
        do {
            document = try ReportDecoder.decode(report)
        } catch {
            throw CommandFailure(description: error.description)
        }
        var context = context
        if context.title == nil { context.title = document.title }
        do {
            return try ExtractionScore.evaluate(expected: Data(expectedData.bytes), document: Array(document.text.utf8),
                                                contentType: "text/plain; charset=utf-8", extractor: extractor,
                                                context: context, catalogue: Set(catalogue.indicators.map(\.code)))
        } catch {
            throw CommandFailure(description: error.description)
        }
    }
}
