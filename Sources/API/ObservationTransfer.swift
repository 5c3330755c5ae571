import Domain
import Foundation
import HTTPServer
import Storage

/// `zhibiao export` and `zhibiao import`: the current observations as the CSV that
/// `POST /observations` accepts (or JSON objects with the same keys), and that CSV back in, parsed
/// and validated by the same code as the API, written in one transaction.
///
/// Withdrawn observations have no value, which the CSV cannot carry, so they are not exported.
public enum ObservationTransfer {
    public static let columns = ["indicator", "region", "period", "kind", "value", "status", "bound", "scope", "note"]

    public enum Format: String, Sendable, CaseIterable { case csv, json }

    /// Import failures: the API's problem, whose detail names the line and field.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Every current observation of `indicators` (all when nil), in indicator, region, period order.
    public static func export(store: any DataStore, indicators: [String]?, format: Format) throws -> [UInt8] {
        let codes = try indicators ?? store.indicators().map(\.code)
        var csv = CSVWriter()
        var json: [String] = []
        if format == .csv { csv.row(columns) }
        for code in codes {
            var query = ObservationQuery(indicators: [code], kinds: ObservationKind.allCases, limit: 10_000)
            while true {
                let page = try store.observations(query)
                for o in page.observations where o.status != .withdrawn {
                    let fields = [o.key.indicator, o.key.region, o.key.period.description, o.key.kind.rawValue,
                                  o.value.map(JSONWriter.format) ?? "", o.status.rawValue, o.bound?.rawValue ?? "",
                                  o.key.scope?.rawValue ?? "", o.note ?? ""]
                    if format == .csv {
                        csv.row(fields)
                    } else {
                        json.append("{" + zip(columns, fields).filter { !$0.1.isEmpty }
                            .map { "\(JSONString.quote($0.0)):\($0.0 == "value" ? $0.1 : JSONString.quote($0.1))" }
                            .joined(separator: ",") + "}")
                    }
                }
                guard let next = page.next else { break }
                query.after = next
            }
        }
        return format == .csv ? csv.take() : Array(("[" + json.joined(separator: ",\n") + "]\n").utf8)
    }

    /// Parses, validates every row (nothing is written if any is invalid or repeats another),
    /// then records them all in one transaction with the source `system("import")`, the bulk path
    /// of `POST /observations`.
    public static func importCSV(store: any DataStore, bytes: [UInt8]) throws -> (created: Int, updated: Int, unchanged: Int) {
        var builder = ObservationBatchBuilder(catalogue: try store.catalogue(), token: nil, positions: .line, maxRows: Int.max)
        do {
            var reader = CSVObservationReader(builder: builder)
            try reader.feed(bytes, into: &builder)
            try reader.finish(into: &builder)
        } catch {
            throw Failure(description: error.detail)
        }
        if let refusal = builder.refusal() {
            let lines = refusal.listed.prefix(20).map { "\(builder.describe($0.position)): \($0.problem.field): \($0.problem.reason)" }
            throw Failure(description: "nothing was imported:\n" + lines.joined(separator: "\n"))
        }
        let batch = builder.batch
        return try store.record(batch, source: .system("import"), requestID: nil) { _, summary in
            (summary.created, summary.updated, summary.unchanged)
        }
    }
}
