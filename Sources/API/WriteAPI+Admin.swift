import Domain
import HTTPServer
import Storage

/// Catalogue changes and the audit log: admin tokens only.
extension WriteAPI {
    func audit(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let limit = try p.int("limit", in: 1...1000) ?? 100
        var before: Int64?
        if let cursor = try p.string("cursor") {
            guard cursor.hasPrefix("a"), let id = Int64(cursor.dropFirst()), id > 0 else {
                throw Problems.badParameter("cursor", "not a cursor of /audit; use the `next` value of the previous page")
            }
            before = id
        }
        let entries = try store.audit(since: p.timestamp("since"), token: p.string("token"), beforeID: before, limit: limit + 1)
        var json = JSONWriter(capacity: 256 + entries.count * 300)
        json.beginObject()
        json.key("data")
        json.beginArray()
        for entry in entries.prefix(limit) {
            json.beginObject()
            json.key("id"); json.int(entry.id)
            json.key("at"); json.string(entry.at.rfc3339)
            json.key("token"); json.string(entry.token)
            json.key("action"); json.string(entry.action)
            json.key("entity"); json.string(entry.entity)
            json.key("detail"); json.raw(Array(entry.detailJSON.utf8))
            json.key("request_id"); json.string(entry.requestID)
            json.endObject()
        }
        json.endArray()
        json.key("next"); json.string(entries.count > limit ? entries.prefix(limit).last.map { "a\($0.id)" } : nil)
        json.endObject()
        return ConditionalGET.respond(request, contentType: "application/json", body: json.bytes)
    }

    func postIndicator(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let token = try request.token()
        var object = try Self.object(request)
        let indicator = try Self.indicator(&object)
        try object.finish()
        let created = try store.upsertIndicator(indicator, by: token.name, requestID: request.requestID)
        let code = indicator.code
        var json = JSONWriter()
        json.beginObject()
        ReadAPI.writeFields(indicator, into: &json)
        json.endObject()
        return Self.json(created ? .created : .ok, json.bytes, headers: [("Location", "/indicators/\(code)")])
    }

    /// The indicator a `POST /indicators` body describes (also the body of creating one from an
    /// unmapped figure, which passes the figure's phrase and unit as defaults). The caller calls
    /// `finish()`, which refuses members it did not read.
    static func indicator(_ object: inout JSONObjectReader, nameZh defaultName: String? = nil,
                          unit defaultUnit: IndicatorUnit? = nil) throws(ProblemDetails) -> Indicator {
        let code = try object.text("code", required: true) ?? ""
        guard code.utf8.count <= 64, code.utf8.first.map({ $0 >= 97 && $0 <= 122 }) == true,
              code.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }),
              !DerivedMeasure.allCases.contains(where: { code.hasSuffix($0.rawValue) })
        else { throw object.problem("code", "'\(code)' must be lower_snake_case ASCII and not end in a derived suffix (_growth, _rank, _change_pp, _target_completion)") }
        return Indicator(
            code: code, nameZh: try object.text("name_zh", required: defaultName == nil) ?? defaultName ?? "",
            nameEn: try object.text("name_en", required: true) ?? "",
            unit: try object.oneOf("unit", IndicatorUnit.self) ?? defaultUnit ?? .count, category: try object.text("category", required: true) ?? "",
            aggregation: try object.oneOf("aggregation", Aggregation.self) ?? .last,
            higherIsBetter: try object.bool("higher_is_better") ?? true, description: try object.text("description", allowEmpty: true) ?? "",
            aliasesZh: try object.texts("aliases_zh"), frequencies: try object.frequencies(),
            minimum: try object.number("min"), maximum: try object.number("max"))
    }

    func postRegion(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let token = try request.token()
        var object = try Self.object(request)
        let code = try object.text("code", required: true) ?? ""
        guard (2...12).contains(code.utf8.count), code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw object.problem("code", "'\(code)' must be a numeric division code of 2–12 digits")
        }
        let region = Region(code: code, nameZh: try object.text("name_zh", required: true) ?? "",
                            nameEn: try object.text("name_en", required: true) ?? "",
                            level: try object.oneOf("level", RegionLevel.self) ?? .district, parent: try object.text("parent"),
                            aliasesZh: try object.texts("aliases_zh"))
        try object.finish()
        if region.parent == code { throw object.problem("parent", "a region cannot be its own parent") }
        let created = try store.upsertRegion(region, by: token.name, requestID: request.requestID)
        var json = JSONWriter()
        ReadAPI.write(region, into: &json)
        return Self.json(created ? .created : .ok, json.bytes, headers: [("Location", "/regions/\(code)")])
    }

    static func object(_ request: HTTPRequest) throws(ProblemDetails) -> JSONObjectReader {
        guard request.headers.mediaType == "application/json" else {
            throw ProblemDetails(status: .unsupportedMediaType, detail: "send application/json", type: "/problems/unsupported-media-type")
        }
        do {
            guard case .object(let members) = try JSONParser.parse(request.body) else {
                throw ProblemDetails(status: .unprocessableContent, detail: "send one JSON object", type: "/problems/invalid")
            }
            return JSONObjectReader(members: members)
        } catch let error as JSONParseError {
            throw ProblemDetails(status: .badRequest, title: "Malformed JSON", detail: "at byte \(error.offset): \(error.reason)",
                                 type: "/problems/malformed-body")
        } catch let problem as ProblemDetails {
            throw problem
        } catch {
            throw ProblemDetails(status: .badRequest, detail: "unreadable body", type: "/problems/malformed-body")
        }
    }
}

/// Reads the members of a JSON object by name, naming the member in every error, and refuses
/// members it was not asked for.
struct JSONObjectReader {
    let members: [(String, JSONValue)]
    private var read: Set<String> = []

    init(members: [(String, JSONValue)]) { self.members = members }

    /// Whether the object has a member of that name that is not null.
    func has(_ name: String) -> Bool {
        members.contains { $0.0 == name && $0.1 != .null }
    }

    func problem(_ field: String, _ reason: String) -> ProblemDetails {
        ProblemDetails(status: .unprocessableContent, title: "Invalid field", detail: "\(field): \(reason)", type: "/problems/invalid",
                       extensions: [("errors", "[" + WriteAPI.errorJSON(.single, FieldProblem(field: field, reason: reason)) + "]")])
    }

    private mutating func value(_ name: String) -> JSONValue? {
        read.insert(name)
        return members.first { $0.0 == name }?.1
    }

    /// A text member; an empty text is absent only where `allowEmpty` (a description), and
    /// otherwise as wrong as a missing required one.
    mutating func text(_ name: String, required: Bool = false, allowEmpty: Bool = false) throws(ProblemDetails) -> String? {
        switch value(name) {
        case .string(let s)? where !s.isEmpty:
            guard s.count <= 500 else { throw problem(name, "longer than 500 characters") }
            return s
        case .string?:
            if allowEmpty, !required { return nil }
            throw problem(name, "is empty")
        case nil, .null?:
            if required { throw problem(name, "is required") }
            return nil
        case let other?: throw problem(name, "must be a text, not \(other.typeName)")
        }
    }

    mutating func texts(_ name: String) throws(ProblemDetails) -> [String] {
        switch value(name) {
        case nil, .null?: return []
        case .array(let items)?:
            var out: [String] = []
            for item in items {
                guard case .string(let s) = item, !s.isEmpty, s.count <= 100 else { throw problem(name, "must be a list of texts") }
                out.append(s)
            }
            return out
        case let other?: throw problem(name, "must be a list of texts, not \(other.typeName)")
        }
    }

    mutating func bool(_ name: String) throws(ProblemDetails) -> Bool? {
        switch value(name) {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case let other?: throw problem(name, "must be true or false, not \(other.typeName)")
        }
    }

    mutating func number(_ name: String) throws(ProblemDetails) -> Double? {
        switch value(name) {
        case nil, .null?: return nil
        case .number(let text)?:
            guard let v = Double(text), v.isFinite else { throw problem(name, "'\(text)' is out of range") }
            return v
        case let other?: throw problem(name, "must be a number, not \(other.typeName)")
        }
    }

    mutating func oneOf<E: RawRepresentable & CaseIterable>(_ name: String, _: E.Type) throws(ProblemDetails) -> E?
    where E.RawValue == String {
        guard let text = try text(name) else { return nil }
        guard let value = E(rawValue: text) else {
            throw problem(name, "'\(text)' is not one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    mutating func frequencies() throws(ProblemDetails) -> [Frequency] {
        let names = try texts("frequencies")
        guard !names.isEmpty else { return Frequency.allCases }
        var out: [Frequency] = [.year]
        for name in names {
            guard let f = Frequency(rawValue: name) else { throw problem("frequencies", "'\(name)' is not one of: year, quarter, month") }
            if !out.contains(f) { out.append(f) }
        }
        return out
    }

    func finish() throws(ProblemDetails) {
        for (name, _) in members where !read.contains(name) { throw problem(name, "unknown field") }
    }
}
