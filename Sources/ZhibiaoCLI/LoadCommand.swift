import ArgumentParser
import Config
import Domain
import Extraction
import Fetching
import Foundation
import ReportLoader
import Storage

struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load reports (files, directories, http/https URLs): keep each document and propose its indicator facts.",
        discussion: """
            Text in UTF-8 or GB18030/GBK, and HTML, are read; PDF and Word files are refused with their type named. \
            A document already loaded (same text) is not stored twice. With --accept, the facts become observations \
            whose revisions cite the document span; a fact the report does not place or date needs --region or --year. \
            Figures of indicator phrases the catalogue lacks are listed apart as unmapped: map one with \
            `zhibiao map DOCUMENT N INDICATOR`. A fact less confident than loader.attention_below (zhibiao.yaml) \
            is marked with ! for review.
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

    @Option(help: "Leave out facts and unmapped figures whose confidence is below this (0–1); says how many.")
    var minConfidence: Double?

    @Option(help: "Largest report to read or fetch, in bytes.")
    var maxBytes = 20 * 1024 * 1024

    @Option(help: "Seconds to wait for a URL.")
    var timeout: Double = 30

    func validate() throws {
        if dryRun && accept { throw ValidationError("--dry-run and --accept exclude each other") }
        if let year, !(Period.earliestYear...9999).contains(year) { throw ValidationError("--year must be a year such as 2021") }
        if maxBytes < 1 || timeout <= 0 { throw ValidationError("--max-bytes and --timeout must be positive") }
        if let minConfidence, !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must be from 0 to 1") }
    }

    func run() throws {
        let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: quietLogger()) }
        let settings = try global.settings()
        let attentionBelow = settings.double("loader.attention_below")
        let loading = ReportLoading(region: region, year: year, dryRun: dryRun, accept: accept, minConfidence: minConfidence,
                                    fetcher: fetcher(settings))
        let reports = try ReportInputs.expand(inputs) { Self.standardError("left out (not a report file): \($0)") }
        let items = try loading.run(reports, store: store) { Self.standardError($0) }
        switch format {
        case .json:
            print(try Self.json(items))
            Self.standardError(Self.summary(items, attentionBelow: attentionBelow))
        case .table:
            if items.contains(where: { !($0.report?.facts.isEmpty ?? true) }) { print(Self.table(items, attentionBelow: attentionBelow)) }
            if items.contains(where: { !($0.report?.unmapped.isEmpty ?? true) }) {
                print("\nUnmapped: figures of phrases the catalogue lacks, not facts (zhibiao map DOCUMENT N INDICATOR [--as growth]):")
                print(Self.unmappedTable(items, attentionBelow: attentionBelow))
            }
            print(Self.summary(items, attentionBelow: attentionBelow, minConfidence: minConfidence))
        }
        let failed = items.filter { $0.error != nil }.count
        if failed > 0 { throw CommandFailure(description: "\(failed) of \(items.count) reports could not be loaded or accepted") }
    }

    /// Files as given; URLs under the server's rules (`loader.allow_hosts`,
    /// `loader.allow_private_networks`): the command line reaches no address the API may not.
    func fetcher(_ settings: ServiceSettings) -> ReportFetcher {
        ReportFetcher(maxBytes: maxBytes, timeout: timeout, destinations: DestinationRule(settings))
    }

    /// Every fact of every report, in the extractor's JSON form (`FactJSON`).
    static func json(_ items: [ReportLoading.Item]) throws -> String {
        let facts = items.flatMap { $0.report?.facts ?? [] }.compactMap { f -> ExtractedFact? in
            guard let unit = IndicatorUnit(rawValue: f.unit) else { return nil }
            return ExtractedFact(indicator: f.indicator, scope: f.scope, region: f.region, period: f.period, kind: f.kind,
                                 value: f.value, unit: unit, bound: f.bound, status: f.status, approximate: f.approximate,
                                 confidence: f.confidence, reasons: f.reasons, note: f.note, quote: f.quote, start: f.start, end: f.end)
        }
        return try FactJSON.string(facts)
    }

    /// The facts; a confidence below `attentionBelow` is marked `!`, and `why` gives the
    /// extractor's reasons and note.
    static func table(_ items: [ReportLoading.Item], attentionBelow: Double = 0.7) -> String {
        var rows: [[String]] = []
        for item in items {
            guard let report = item.report else { continue }
            let doc = report.documentID.map(String.init) ?? "-"
            for f in report.facts {
                let review = item.outcomes[f.seq].map { "accepted (\($0.rawValue))" } ?? f.review.rawValue
                let indicator = f.indicator + (f.scope.map { "@\($0.rawValue)" } ?? "")
                let why = (f.reasons + (f.note.map { ["note: \($0)"] } ?? [])).joined(separator: "; ")
                rows.append([doc, String(f.seq), indicator, f.region ?? "?", f.period?.description ?? "?", f.kind.rawValue,
                             format(f.value), f.unit, f.bound?.rawValue ?? "", confidence(f.confidence, attentionBelow), review,
                             String(f.quote.prefix(40)), String(why.prefix(60))])
            }
        }
        return TextTable(header: ["doc", "n", "indicator", "region", "period", "kind", "value", "unit", "bound", "conf", "review",
                                  "quote", "why"], rows: rows).render()
    }

    /// The unmapped figures, apart from the facts.
    static func unmappedTable(_ items: [ReportLoading.Item], attentionBelow: Double = 0.7) -> String {
        var rows: [[String]] = []
        for item in items {
            guard let report = item.report else { continue }
            let doc = report.documentID.map(String.init) ?? "-"
            for u in report.unmapped {
                let review = u.mappedIndicator.map { "mapped → \($0)" } ?? u.review.rawValue
                rows.append([doc, String(u.seq), u.phrase + (u.isGrowth ? " (growth)" : ""), u.region ?? "?", u.period?.description ?? "?",
                             u.kind.rawValue, format(u.value), u.unit + (u.classifier.map { " (\($0))" } ?? ""),
                             confidence(u.confidence, attentionBelow), review, String(u.quote.prefix(40)),
                             String(u.reasons.joined(separator: "; ").prefix(60))])
            }
        }
        return TextTable(header: ["doc", "n", "phrase", "region", "period", "kind", "value", "unit", "conf", "review", "quote", "why"],
                         rows: rows).render()
    }

    static func confidence(_ value: Double, _ attentionBelow: Double) -> String {
        NumberText.format((value * 100).rounded() / 100) + (value < attentionBelow ? " !" : "")
    }

    static func summary(_ items: [ReportLoading.Item], attentionBelow: Double = 0.7, minConfidence: Double? = nil) -> String {
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
            let attention = r.facts.filter { $0.confidence < attentionBelow }.count
            let incomplete = r.facts.filter { !$0.missing.isEmpty }.count
            let notes = [attention > 0 ? "\(attention) need attention" : nil,
                         incomplete > 0 ? "\(incomplete) without region or year" : nil].compactMap { $0 }
            if !notes.isEmpty { line += " (" + notes.joined(separator: ", ") + ")" }
            if !r.unmapped.isEmpty { line += ", \(r.unmapped.count) unmapped" }
            if !item.outcomes.isEmpty {
                let n = { (o: WriteOutcome) in item.outcomes.values.filter { $0 == o }.count }
                line += ", accepted \(item.outcomes.count) (created \(n(.created)), updated \(n(.updated)), unchanged \(n(.unchanged)))"
            }
            if r.belowConfidence > 0 {
                line += "; \(r.belowConfidence) left out below --min-confidence \(minConfidence.map { NumberText.format($0) } ?? "")"
            }
            if let publisher = r.metadata.publisher { line += "; publisher \(publisher)" }
            if let date = r.metadata.date { line += ", dated \(date)" }
            lines.append(line)
            if let error = item.error { lines.append("  error: \(error)") }
            for s in r.skipped {
                lines.append("  skipped \(s.subject) \(s.period?.description ?? "-") \(format(s.value)) 「\(s.quote)」: \(s.reason)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double) -> String { NumberText.format(value) }

    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
