import ArgumentParser
import Domain
import Foundation
import Logging
import Storage

struct Regions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List or search the regions: parents first, by depth and code.",
        discussion: "zhibiao regions --q 鄞州    zhibiao regions --parent 330100    zhibiao regions --level province")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @Option(name: .customLong("q"), help: "Search: digits match a code prefix, text a part of a name, an alias or the English name.")
    var query: String?

    @Option(help: "Only the direct children of this region.")
    var parent: String?

    @Option(help: "Only regions of this level: \(RegionLevel.allCases.map(\.rawValue).joined(separator: ", ")).")
    var level: RegionLevel?

    func run() throws {
        var logger = Logger(label: "zhibiao")
        logger.logLevel = .warning
        let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: logger) }
        print(try output(CommandFailure.wrap { try store.catalogue() }))
    }

    /// What `run` prints, for a catalogue.
    func output(_ catalogue: CatalogueSnapshot) throws -> String {
        if let parent, !catalogue.hasRegion(parent) {
            throw CommandFailure(description: "no region '\(parent)'")
        }
        let index = catalogue.regionIndex
        let regions = index.matches(RegionIndex.Query(text: query, level: level, parent: parent)).map { index.ordered[$0] }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(regions), as: UTF8.self)
        case .table:
            let rows = regions.map { r in
                [r.code, r.nameZh, r.nameEn, r.level.rawValue, r.parent.flatMap { index.region($0)?.nameZh } ?? "",
                 r.aliasesZh.joined(separator: " ")]
            }
            return TextTable(header: ["code", "name_zh", "name_en", "level", "parent", "aliases_zh"], rows: rows).render()
        }
    }
}

extension RegionLevel: ExpressibleByArgument {}
