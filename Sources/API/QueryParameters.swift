import Domain
import HTTPServer

/// A request's query parameters, checked against its endpoint's list: an unknown or repeated
/// name, or a value of the wrong form, is a 400 that names the parameter and says why.
struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ request: HTTPRequest, spec: EndpointSpec) throws(ProblemDetails) {
        for (name, value) in request.query {
            guard let parameter = spec.parameters.first(where: { $0.name == name && $0.location == .query }) else {
                let known = spec.parameters.filter { $0.location == .query }.map(\.name)
                throw Problems.badParameter(name, "unknown parameter; this endpoint takes: " +
                                            (known.isEmpty ? "none" : known.joined(separator: ", ")))
            }
            guard values[name] == nil else {
                throw Problems.badParameter(name, "given more than once; give a comma-separated list instead")
            }
            if value.utf8.count > 4096 { throw Problems.badParameter(name, "longer than 4096 bytes") }
            try Self.check(value, against: parameter)
            values[name] = value
        }
        for parameter in spec.parameters where parameter.required && parameter.location == .query && values[parameter.name] == nil {
            throw Problems.badParameter(parameter.name, "is required")
        }
    }

    /// Every given value must fit its documented schema, whether or not the handler reads it
    /// on this path: `bom=maybe` with JSON is as wrong as with CSV.
    static func check(_ value: String, against parameter: ParameterSpec) throws(ProblemDetails) {
        let name = parameter.name
        guard !value.isEmpty else { throw Problems.badParameter(name, "is empty") }
        switch parameter.schema {
        case .string, .list, .token:
            break
        case .oneOf(let allowed):
            guard allowed.contains(value) else {
                throw Problems.badParameter(name, "'\(value)' is not one of: \(allowed.joined(separator: ", "))")
            }
        case .boolean:
            guard value == "true" || value == "false" else { throw Problems.badParameter(name, "'\(value)' is not true or false") }
        case let .integer(min, max):
            guard let n = Int(value), n >= min, n <= max else {
                throw Problems.badParameter(name, "'\(value)' is not a whole number from \(min) to \(max)")
            }
        case .period:
            guard let period = Period(value), period.year >= Period.earliestYear else {
                throw Problems.badParameter(name, "'\(value)' is not a period from \(Period.earliestYear): use 2021, 2021-Q3 or 2021-09")
            }
        case .timestamp:
            guard Timestamp(rfc3339: value) != nil else {
                throw Problems.badParameter(name, "'\(value)' is not an RFC 3339 timestamp such as 2022-03-24T08:00:00Z")
            }
        }
    }

    func string(_ name: String) throws(ProblemDetails) -> String? {
        guard let value = values[name] else { return nil }
        guard !value.isEmpty else { throw Problems.badParameter(name, "is empty") }
        return value
    }

    /// A comma-separated list, without empty items or repeats, at most `limit` long.
    func list(_ name: String, limit: Int = 200) throws(ProblemDetails) -> [String] {
        guard let value = try string(name) else { return [] }
        var items: [String] = []
        for item in value.split(separator: ",", omittingEmptySubsequences: false) {
            let text = item.trimmingSpaces()
            guard !text.isEmpty else { throw Problems.badParameter(name, "has an empty item") }
            if !items.contains(text) { items.append(text) }
        }
        guard items.count <= limit else { throw Problems.badParameter(name, "lists more than \(limit) items") }
        return items
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws(ProblemDetails) -> Int? {
        guard let text = try string(name) else { return nil }
        guard let n = Int(text), range.contains(n) else {
            throw Problems.badParameter(name, "'\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    func bool(_ name: String) throws(ProblemDetails) -> Bool {
        guard let text = try string(name) else { return false }
        switch text {
        case "true": return true
        case "false": return false
        default: throw Problems.badParameter(name, "'\(text)' is not true or false")
        }
    }

    func period(_ name: String) throws(ProblemDetails) -> Period? {
        guard let text = try string(name) else { return nil }
        guard let period = Period(text), period.year >= Period.earliestYear, period.year <= 9999 else {
            throw Problems.badParameter(name, "'\(text)' is not a period: use 2021, 2021-Q3 or 2021-09")
        }
        return period
    }

    func timestamp(_ name: String) throws(ProblemDetails) -> Timestamp? {
        guard let text = try string(name) else { return nil }
        guard let time = Timestamp(rfc3339: text) else {
            throw Problems.badParameter(name, "'\(text)' is not an RFC 3339 timestamp such as 2022-03-24T08:00:00Z")
        }
        return time
    }

    func oneOf<E: RawRepresentable>(_ name: String, _: E.Type) throws(ProblemDetails) -> E? where E.RawValue == String {
        guard let text = try string(name) else { return nil }
        guard let value = E(rawValue: text) else { throw Problems.badParameter(name, "'\(text)' is not allowed here") }
        return value
    }

    func list<E: RawRepresentable>(_ name: String, of _: E.Type, allowed: @autoclosure () -> [String]) throws(ProblemDetails) -> [E]
    where E.RawValue == String {
        var out: [E] = []
        for text in try list(name) {
            guard let value = E(rawValue: text) else {
                throw Problems.badParameter(name, "'\(text)' is not one of: \(allowed().joined(separator: ", "))")
            }
            out.append(value)
        }
        return out
    }
}


