import Domain
import Foundation
import ReportLoader
import Storage
import Testing
@testable import ZhibiaoCLI

/// `zhibiao load --accept` with facts the report does not place, `--min-confidence`, the review
/// columns of the table, and `zhibiao map`, on real SQLite files.
@Suite struct ReviewCommandTests {
    /// A report that says neither where nor (beyond the sentence) who.
    static func unplacedReport(in db: LoadAndEvalTests.Database) throws -> String {
        let path = db.folder.appendingPathComponent("unplaced.txt").path
        try "2021年,全区R&D经费投入20.05亿元。".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func acceptNeedsARegionForFactsTheReportDoesNotPlace() throws {
        // given a report without a region
        let db = try LoadAndEvalTests.Database()
        let path = try Self.unplacedReport(in: db)
        // when loaded with --accept but no --region: a clear error, the facts stored as proposed
        let first = try ReportLoading(accept: true).run([path], store: db.store)
        let report = try #require(first.first?.report)
        let fact = try #require(report.facts.first { $0.indicator == "rd_expenditure" })
        #expect(fact.region == nil && fact.review == .proposed && fact.missing == ["region"])
        #expect(first.first?.error?.contains("--region") == true && first.first?.outcomes.isEmpty == true)
        #expect(Load.summary(first).contains("without region or year") && Load.summary(first).contains("error: cannot accept"))
        #expect(Load.table(first).contains("?"))
        // when loaded again with --region: the stored facts are accepted in that region
        let second = try ReportLoading(region: "330112", accept: true).run([path], store: db.store)
        #expect(second.first?.error == nil && second.first?.report?.created == false)
        let accepted = try #require(second.first?.report?.facts.first { $0.seq == fact.seq })
        #expect(accepted.review == .accepted && accepted.region == "330112")
        let key = ObservationKey(indicator: "rd_expenditure", region: "330112", period: .year(2021))
        #expect(try db.store.observation(key)?.value == 2_005_000_000)
    }

    @Test func minConfidenceLeavesFactsOutAndSaysHowMany() throws {
        let db = try LoadAndEvalTests.Database()
        let everything = try ReportLoading(dryRun: true).run([LoadAndEvalTests.seed], store: db.store)
        let all = try #require(everything.first?.report)
        // a threshold inside the seed's range of confidences, so that some facts fall below it
        let confidences = (all.facts.map(\.confidence) + all.unmapped.map(\.confidence)).sorted()
        let threshold = confidences[confidences.count / 2] + 1e-9
        let below = confidences.filter { $0 < threshold }.count
        #expect(below > 0)
        let items = try ReportLoading(dryRun: true, minConfidence: threshold).run([LoadAndEvalTests.seed], store: db.store)
        let kept = try #require(items.first?.report)
        #expect(kept.belowConfidence == below)
        #expect(kept.facts.count + kept.unmapped.count + below == confidences.count)
        #expect(kept.facts.allSatisfy { $0.confidence >= threshold })
        #expect(Load.summary(items, minConfidence: threshold).contains("\(below) left out below --min-confidence"))
        // Confidence is shown with every fact; below the attention threshold it is marked.
        let table = Load.table(everything, attentionBelow: 1.01)
        #expect(table.contains("conf") && table.contains(" !"))
        #expect(!Load.table(everything, attentionBelow: 0).contains(" !"))
    }

    @Test func mapPrintsTheFactAndTheAlias() throws {
        let db = try LoadAndEvalTests.Database()
        let figure = UnmappedFact(phrase: "工业总产值", region: nil, period: .year(2022), kind: .actual, value: 6_528_000_000,
                                          unit: .yuan, confidence: 0.8, quote: "工业总产值实现65.28亿元", start: 6, end: 20)
        let saved = try db.store.saveDocument(NewDocument(source: "x", contentType: "text/plain", text: "x"), facts: [], unmapped: [figure])
        let outcome = try db.store.mapUnmapped(document: saved.id, seq: 1, to: "industrial_value_added", by: "cli")
        let line = Map.describe(outcome, document: saved.id)
        #expect(line.contains("fact 1 proposed") && line.contains("is now an alias") && line.contains("supply its region"))
        let item = ReportLoading.Item(input: "x", report: LoadReport(
            documentID: saved.id, created: false, dryRun: false, document: NewDocument(source: "x", contentType: "text/plain", text: "x"),
            metadata: .init(), facts: [], unmapped: try #require(try db.store.unmappedFacts(document: saved.id)), skipped: []))
        #expect(Load.unmappedTable([item]).contains("mapped → industrial_value_added"))
        #expect(Load.summary([item]).contains("1 unmapped"))
    }
}
