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
    public static func export(store: Store, indicators: [String]?, format: Format) throws -> [UInt8] {
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

    /// Parses, validates every row (nothing is written if any is invalid), then records them all
    /// in one transaction with the source `system("import")`.
    public static func importCSV(store: Store, bytes: [UInt8]) throws -> (created: Int, updated: Int, unchanged: Int) {
        let body: ObservationBody
        do {
            body = try ObservationBody.csv(bytes, maxRows: Int.max)
        } catch {
            throw Failure(description: error.detail)
        }
        let catalogue = try store.catalogue()
        let validator = ObservationValidator(indicators: catalogue.indicatorsByCode, regions: Set(catalogue.regionsByCode.keys),
                                             currentYear: ReadAPI.currentYear())
        var valid: [ValidObservation] = []
        var problems: [String] = []
        for (locator, input) in body.rows {
            switch validator.validate(input) {
            case .success(let observation): valid.append(observation)
            case .failure(let failure):
                for p in failure.problems where problems.count < 20 {
                    problems.append("\(WriteAPI.describe(locator)): \(p.field): \(p.reason)")
                }
            }
        }
        guard problems.isEmpty else {
            throw Failure(description: "nothing was imported:\n" + problems.joined(separator: "\n"))
        }
        return try store.write { tx in
            var created = 0, updated = 0, unchanged = 0
            for o in valid {
                let change = ObservationChange(key: WriteAPI.key(o), value: o.value, status: o.status, bound: o.bound, note: o.note)
                switch try tx.record(change, source: .system("import"), requestID: nil, catalogueChecked: true).outcome {
                case .created: created += 1
                case .updated: updated += 1
                case .unchanged: unchanged += 1
                }
            }
            return (created, updated, unchanged)
        }
    }
}
