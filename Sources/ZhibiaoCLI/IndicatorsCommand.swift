import ArgumentParser
import Domain
import Foundation
import Logging

struct Indicators: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the indicator catalogue.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @Option(help: "Only indicators of this category.")
    var category: String?

    @Flag(help: "Leave out the derived growth and rank indicators.")
    var baseOnly = false

    func run() throws {
        var logger = Logger(label: "zhibiao")
        logger.logLevel = .warning
        let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: logger) }
        let indicators = try CommandFailure.wrap { try store.indicators() }.filter {
            (category == nil || $0.category == category) && (!baseOnly || $0.base == nil)
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(indicators), as: UTF8.self))
        case .table:
            let rows = indicators.map { [$0.code, $0.nameZh, $0.nameEn, $0.unit.rawValue, $0.category, $0.aggregation.rawValue] }
            print(TextTable(header: ["code", "name_zh", "name_en", "unit", "category", "aggregation"], rows: rows).render())
        }
    }
}
