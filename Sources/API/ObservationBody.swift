import Foundation
import Domain
import HTTPServer

/// The observations of a write request, each with how to point at it in an error: `index` in
/// a JSON array (0-based), or `line` in a CSV file (the header is line 1).
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

    static func parse(_ request: HTTPRequest, maxRows: Int) throws(ProblemDetails) -> ObservationBody {
        switch request.headers.mediaType {
        case "application/json":
            return try json(request.body, maxRows: maxRows)
        case "text/csv":
            return try csv(request.body, maxRows: maxRows)
        default:
            throw ProblemDetails(status: .unsupportedMediaType,
                                 detail: "send application/json (an object or an array of objects) or text/csv with a header row",
                                 type: "/problems/unsupported-media-type")
        }
    }

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

    static func csv(_ bytes: [UInt8], maxRows: Int) throws(ProblemDetails) -> ObservationBody {
        var reader = CSVReader(bytes)
        do {
            guard let header = try reader.next() else {
                throw ProblemDetails(status: .unprocessableContent, detail: "the CSV is empty: it needs a header row",
                                     type: "/problems/invalid-observations")
            }
            let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            for name in names where !csvColumns.contains(name) {
                throw ProblemDetails(status: .unprocessableContent,
                                     detail: "unknown column '\(name)'; allowed: \(csvColumns.sorted().joined(separator: ", "))",
                                     type: "/problems/invalid-observations", extensions: [("column", JSONString.quote(name))])
            }
            if Set(names).count != names.count {
                throw ProblemDetails(status: .unprocessableContent, detail: "a column is named twice in the header",
                                     type: "/problems/invalid-observations")
            }
            var rows: [(Locator, ObservationInput)] = []
            while let row = try reader.next() {
                guard rows.count < maxRows else { throw tooMany(maxRows) }
                guard row.fields.count == names.count else {
                    throw ProblemDetails(status: .unprocessableContent,
                                         detail: "line \(row.line) has \(row.fields.count) fields; the header has \(names.count)",
                                         type: "/problems/invalid-observations",
                                         extensions: [("errors", "[" + WriteAPI.errorJSON(.line(row.line), FieldProblem(field: "", reason: "has \(row.fields.count) fields; the header has \(names.count)")) + "]")])
                }
                var fields: [(name: String, value: ObservationInput.Field)] = []
                fields.reserveCapacity(names.count)
                for (name, text) in zip(names, row.fields) where !text.isEmpty { fields.append((name, .text(text))) }
                rows.append((.line(row.line), ObservationInput(fields: fields)))
            }
            return ObservationBody(rows: rows, single: false)
        } catch let failure as CSVReader.Failure {
            throw ProblemDetails(status: .badRequest, title: "Malformed CSV", detail: "line \(failure.line): \(failure.reason)",
                                 type: "/problems/malformed-body")
        } catch let problem as ProblemDetails {
            throw problem
        } catch {
            throw ProblemDetails(status: .badRequest, detail: "unreadable CSV", type: "/problems/malformed-body")
        }
    }

    static func tooMany(_ maxRows: Int) -> ProblemDetails {
        ProblemDetails(status: .contentTooLarge, detail: "more than \(maxRows) observations in one request; split the file",
                       type: "/problems/too-many-rows")
    }
}
