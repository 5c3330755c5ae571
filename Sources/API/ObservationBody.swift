import Foundation
import Domain
import HTTPServer

/// The observations of a JSON write request, each with how to point at it in an error: `index`
/// in an array (0-based). (A CSV body is read row by row as it streams: `CSVObservationReader`;
/// its rows are pointed at by `line`, the header being line 1.)
struct ObservationBody {
    enum Locator: Sendable {
        case single
        case index(Int)
        case line(Int)
    }

    var rows: [(locator: Locator, input: ObservationInput)]
    /// Whether the client sent one object rather than a list.
    var single: Bool

    static let csvColumns: Set<String> = ObservationValidator.fields

    static func json(_ bytes: [UInt8], maxRows: Int) throws(ProblemDetails) -> ObservationBody {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw ProblemDetails(status: .badRequest, title: "Malformed JSON", detail: "at byte \(error.offset): \(error.reason)",
                                 type: "/problems/malformed-body")
        }
        func input(_ value: JSONValue, _ locator: Locator) throws(ProblemDetails) -> ObservationInput {
            guard case .object(let members) = value else {
                throw ProblemDetails(status: .unprocessableContent, detail: "each observation must be a JSON object",
                                     type: "/problems/invalid-observations",
                                     extensions: [("errors", "[" + WriteAPI.errorJSON(locator, FieldProblem(field: "", reason: "not an object, but \(value.typeName)")) + "]")])
            }
            return ObservationInput(fields: members.map { name, v in
                switch v {
                case .null: return (name, .null)
                case .string(let s): return (name, .text(s))
                case .number(let n): return (name, .number(n))
                default: return (name, .other(v.typeName))
                }
            })
        }
        switch value {
        case .array(let items):
            guard items.count <= maxRows else { throw tooMany(maxRows) }
            var rows: [(Locator, ObservationInput)] = []
            rows.reserveCapacity(items.count)
            for (i, item) in items.enumerated() { rows.append((.index(i), try input(item, .index(i)))) }
            return ObservationBody(rows: rows, single: false)
        default:
            return ObservationBody(rows: [(.single, try input(value, .single))], single: true)
        }
    }

    static func tooMany(_ maxRows: Int) -> ProblemDetails {
        ProblemDetails(status: .contentTooLarge, detail: "more than \(maxRows) observations in one request; split the file",
                       type: "/problems/too-many-rows")
    }
}
