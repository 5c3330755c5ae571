import ArgumentParser
import Domain
import Extraction
import Foundation
import ReportLoader
import Storage

struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load reports (files, directories, http/https URLs): keep each document and propose its indicator facts.",
        discussion: """
            Text in UTF-8 or GB18030/GBK, and HTML, are read; PDF and Word files are refused with their type named. \
            A document already loaded (same text) is not stored twice. With --accept, the facts become observations \
            whose revisions cite the document span.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Report files, directories of reports, or http/https URLs.")
    var inputs: [String]

    @Option(help: "Region code the reports are about (330112); overrides what the text says.")
    var region: String?

    @Option(help: "The year of the reports' actual figures.")
    var year: Int?

    @Flag(help: "Extract and show the facts without storing anything.")
    var dryRun = false

    @Option(help: "Output: table, or json (exactly a JSON array of facts on standard output).")
    var format: Format = .table

    @Flag(help: "Accept the proposed facts: record them as observations citing the document.")
    var accept = false

    @Option(help: "Largest report to read or fetch, in bytes.")
    var maxBytes = 20 * 1024 * 1024

    @Option(help: "Seconds to wait for a URL.")
    var timeout: Double = 30

    func validate() throws {
        if dryRun && accept { throw ValidationError("--dry-run and --accept exclude each other") }
        if let year, !(Period.earliestYear...9999).contains(year) { throw ValidationError("--year must be a year such as 2021") }
        if maxBytes < 1 || timeout <= 0 { throw ValidationError("--max-bytes and --timeout must be positive") }
    }

    func run() throws {
        let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: quietLogger()) }
        let loading = ReportLoading(region: region, year: year, dryRun: dryRun, accept: accept,
                                    fetcher: ReportFetcher(maxBytes: maxBytes, timeout: timeout))
        let reports = try ReportInputs.expand(inputs) { Self.standardError("left out (not a report file): \($0)") }
        let items = try loading.run(reports, store: store) { Self.standardError($0) }
        switch format {
        case .json:
            print(try Self.json(items))
            Self.standardError(Self.summary(items))
        case .table:
            if items.contains(where: { !($0.report?.facts.isEmpty ?? true) }) { print(Self.table(items)) }
            print(Self.summary(items))
        }
        let failed = items.filter { $0.error != nil }.count
        if failed > 0 { throw CommandFailure(description: "\(failed) of \(items.count) reports could not be loaded") }
    }

    /// Every fact of every report, in the extractor's JSON form (`FactJSON`).
    static func json(_ items: [ReportLoading.Item]) throws -> String {
        let facts = items.flatMap { $0.report?.facts ?? [] }.compactMap { f -> ExtractedFact? in
            guard let unit = IndicatorUnit(rawValue: f.unit) else { return nil }
            return ExtractedFact(indicator: f.indicator, scope: f.scope, region: f.region, period: f.period, kind: f.kind,
                                 value: f.value, unit: unit, bound: f.bound, status: f.status, approximate: f.approximate,
                                 confidence: f.confidence, quote: f.quote, start: f.start, end: f.end)
        }
        return try FactJSON.string(facts)
    }

    static func table(_ items: [ReportLoading.Item]) -> String {
        var rows: [[String]] = []
        for item in items {
            guard let report = item.report else { continue }
            for f in report.facts {
                let review = item.outcomes[f.seq].map { "accepted (\($0.rawValue))" } ?? f.review.rawValue
                rows.append([report.documentID.map(String.init) ?? "-", String(f.seq), f.indicator + (f.scope.map { "@\($0.rawValue)" } ?? ""),
                             f.region, f.period.description, f.kind.rawValue, format(f.value), f.unit, f.bound?.rawValue ?? "",
                             review, String(f.quote.prefix(40))])
            }
        }
        return TextTable(header: ["doc", "n", "indicator", "region", "period", "kind", "value", "unit", "bound", "review", "quote"],
                         rows: rows).render()
    }

    static func summary(_ items: [ReportLoading.Item]) -> String {
        var lines: [String] = []
        for item in items {
            guard let r = item.report else {
                // Fetch errors name their source already.
                let error = item.error ?? "unknown"
                let reason = error.hasPrefix(item.input + ": ") ? String(error.dropFirst(item.input.count + 2)) : error
                lines.append("\(item.input): error: \(reason)")
                continue
            }
            let what = r.dryRun ? "dry run, nothing stored" : "document \(r.documentID.map(String.init) ?? "?") " + (r.created ? "stored" : "already loaded")
            var line = "\(item.input): \(what); \(r.facts.count) facts"
            if !item.outcomes.isEmpty {
                let n = { (o: WriteOutcome) in item.outcomes.values.filter { $0 == o }.count }
                line += ", accepted \(item.outcomes.count) (created \(n(.created)), updated \(n(.updated)), unchanged \(n(.unchanged)))"
            }
            if let publisher = r.metadata.publisher { line += "; publisher \(publisher)" }
            if let date = r.metadata.date { line += ", dated \(date)" }
            lines.append(line)
            if let error = item.error { lines.append("  error: \(error)") }
            for s in r.skipped {
                lines.append("  skipped \(s.fact.indicator) \(s.fact.period?.description ?? "-") \(format(s.fact.value)) 「\(s.fact.quote)」: \(s.reason)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double) -> String { NumberText.format(value) }

    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
