import Foundation
import ReportLoader
import Storage

/// The core of `zhibiao load`, apart from argument parsing and printing so that tests call it
/// directly: load each report, and with `accept` record its proposed facts as observations.
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
    /// Recorded as who loaded the documents and reviewed the facts.
    var actor = "cli"
    var fetcher = ReportFetcher()

    func run(_ inputs: [String], store: Store, progress: (String) -> Void = { _ in }) throws(CommandFailure) -> [Item] {
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
                                             dryRun: dryRun)
                item.report = report
                if accept, !dryRun, let id = report.documentID {
                    let proposed = report.facts.filter { $0.review == .proposed }
                    let results = try store.write { tx in
                        try proposed.map { try tx.acceptFact(document: id, seq: $0.seq, by: actor) }
                    }
                    for result in results {
                        item.outcomes[result.fact.seq] = result.outcome
                        if let index = item.report?.facts.firstIndex(where: { $0.seq == result.fact.seq }) {
                            item.report?.facts[index] = result.fact
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
}
