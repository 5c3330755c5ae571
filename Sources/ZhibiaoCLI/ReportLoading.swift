import Domain
import Foundation
import ReportLoader
import Storage

/// The core of `zhibiao load`, apart from argument parsing and printing so that tests call it
/// directly: load each report, and with `accept` record its proposed facts as observations.
///
/// A fact the report does not place or date is accepted only with `region` / `year`, which
/// fill what it lacks (they also steer the extraction of a report loaded for the first time).
/// Without them the report's document and facts are stored as proposed and the item fails with
/// an error that says which flag is missing: nothing of the report is accepted.
struct ReportLoading {
    /// One report's result, or why it failed: one bad file in a directory does not stop the rest.
    struct Item {
        var input: String
        var report: LoadReport?
        /// Per accepted fact (by seq), what recording it did.
        var outcomes: [Int: WriteOutcome] = [:]
        var error: String?
    }

    var region: String?
    var year: Int?
    var dryRun = false
    var accept = false
    /// Facts and unmapped figures less confident than this are left out (and counted).
    var minConfidence: Double?
    /// Recorded as who loaded the documents and reviewed the facts.
    var actor = "cli"
    var fetcher = ReportFetcher()

    func run(_ inputs: [String], store: SQLiteStore, progress: (String) -> Void = { _ in }) throws(CommandFailure) -> [Item] {
        let loader: DocumentLoader
        do {
            loader = try DocumentLoader(store: store)
        } catch {
            throw CommandFailure(description: error.description)
        }
        var items: [Item] = []
        for (i, input) in inputs.enumerated() {
            if inputs.count > 1 { progress("[\(i + 1)/\(inputs.count)] \(input)") }
            var item = Item(input: input)
            do {
                let report = try loader.load(from: input, fetcher: fetcher, region: region, year: year, loadedBy: actor,
                                             dryRun: dryRun, minConfidence: minConfidence)
                item.report = report
                if accept, !dryRun, let id = report.documentID {
                    let proposed = report.facts.filter { $0.review == .proposed }
                    if let problem = Self.incomplete(proposed, region: region, year: year, document: id) {
                        item.error = problem
                    } else {
                        let period = year.map { Period.year($0) }
                        let results = try store.write { tx in
                            try proposed.map {
                                try tx.acceptFact(document: id, seq: $0.seq, by: actor, requestID: nil, region: $0.region == nil ? region : nil,
                                                  period: $0.period == nil ? period : nil)
                            }
                        }
                        for result in results {
                            item.outcomes[result.fact.seq] = result.outcome
                            if let index = item.report?.facts.firstIndex(where: { $0.seq == result.fact.seq }) {
                                item.report?.facts[index] = result.fact
                            }
                        }
                    }
                }
            } catch let error as DocumentLoadError {
                item.error = error.description
            } catch let error as StorageError {
                item.error = error.description
            } catch {
                item.error = String(describing: error)
            }
            items.append(item)
        }
        return items
    }

    /// Why the proposed facts cannot all be accepted with the flags given, or nil.
    static func incomplete(_ proposed: [Fact], region: String?, year: Int?, document id: Int64) -> String? {
        var lacks: [String] = []
        let noRegion = proposed.filter { $0.region == nil }.map(\.seq)
        if region == nil, !noRegion.isEmpty {
            lacks.append("\(noRegion.count) facts have no region (\(Self.list(noRegion))): give --region CODE")
        }
        let noPeriod = proposed.filter { $0.period == nil }.map(\.seq)
        if year == nil, !noPeriod.isEmpty {
            lacks.append("\(noPeriod.count) facts have no year (\(Self.list(noPeriod))): give --year YYYY")
        }
        guard !lacks.isEmpty else { return nil }
        return "cannot accept: " + lacks.joined(separator: "; ") + ". Nothing was accepted; document \(id) is stored with its facts proposed."
    }

    private static func list(_ seqs: [Int]) -> String {
        let shown = seqs.prefix(10).map { "#\($0)" }.joined(separator: ", ")
        return seqs.count > 10 ? shown + ", …" : shown
    }
}
