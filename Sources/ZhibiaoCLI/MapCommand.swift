import ArgumentParser
import Domain
import Foundation
import Storage

/// `zhibiao map`: the review step for a figure whose indicator phrase the catalogue lacks.
struct Map: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Map an unmapped figure of a loaded report to an indicator: its phrase becomes an alias, the figure a proposed fact.",
        discussion: """
            DOCUMENT and N are the document id and the figure's number shown by `zhibiao load` (unmapped table) or \
            GET /documents/{id}. INDICATOR is a base indicator's code; with --as growth the figure becomes a value \
            of <code>_growth. The next report that uses the phrase yields a catalogue fact for it.
            """)

    enum Mapping: String, ExpressibleByArgument, CaseIterable { case value, growth }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The document's id.")
    var document: Int64

    @Argument(help: "The unmapped figure's number within the document.")
    var number: Int

    @Argument(help: "The code of the base indicator the phrase stands for.")
    var indicator: String

    @Option(name: .customLong("as"), help: "value or growth (default: growth for a growth rate, else value).")
    var mapping: Mapping?

    func run() throws {
        let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: quietLogger()) }
        let outcome = try CommandFailure.wrap {
            try store.mapUnmapped(document: document, seq: number, to: indicator,
                                  as: mapping.flatMap { UnmappedFact.Mapping(rawValue: $0.rawValue) }, by: "cli")
        }
        print(Self.describe(outcome, document: document))
    }

    static func describe(_ outcome: UnmappedMappingOutcome, document: Int64) -> String {
        let u = outcome.unmapped
        var line = "document \(document), unmapped \(u.seq) 「\(u.phrase)」 → \(outcome.fact.indicator): "
        line += outcome.changed ? "fact \(outcome.fact.seq) proposed" : "mapped so before (fact \(outcome.fact.seq))"
        if outcome.aliasAdded { line += "; 「\(u.phrase)」 is now an alias" }
        if !outcome.fact.missing.isEmpty {
            line += "; to accept it, supply its \(outcome.fact.missing.joined(separator: " and "))"
        }
        return line
    }
}
