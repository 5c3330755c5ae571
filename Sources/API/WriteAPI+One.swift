import Foundation
import Domain
import HTTPServer
import Storage

/// One observation addressed by its path: read it with its ETag, set it, withdraw it, list
/// its revisions.
extension WriteAPI {
    func getObservation(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let (key, catalogue) = try self.key(request, p)
        guard let observation = try store.observation(key, asOf: p.timestamp("as_of")) else {
            throw Problems.notFound("observation", "\(key.indicator)/\(key.region)/\(key.period)")
        }
        let etag = Self.etag(observation.revision)
        if let match = request.headers["If-None-Match"], ConditionalGET.matches(match, etag) {
            return HTTPResponse(status: .notModified, headers: HTTPHeaders([("ETag", etag)]), body: .empty)
        }
        return Self.observationResponse(.ok, observation, catalogue)
    }

    func putObservation(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let token = try request.token()
        let catalogue = try store.catalogue()
        let body = try ObservationBody.json(request.body, maxRows: .max)
        guard body.single, let input = body.rows.first?.input else {
            throw ProblemDetails(status: .unprocessableContent, detail: "send one JSON object", type: "/problems/invalid-observations")
        }
        var fields = input.fields
        for (name, parameter) in [("indicator", "code"), ("region", "region"), ("period", "period")] {
            let fromPath = request.parameters[parameter] ?? ""
            if let given = input[name], given != .text(fromPath), given != .number(fromPath) {
                throw ProblemDetails(status: .unprocessableContent, detail: "\(name) in the body differs from the path",
                                     type: "/problems/invalid-observations",
                                     extensions: [("errors", "[" + Self.errorJSON(.single, FieldProblem(field: name, reason: "differs from the path")) + "]")])
            }
            fields.removeAll { $0.name == name }
            fields.append((name, .text(fromPath)))
        }
        let validator = ObservationValidator(indicators: catalogue.indicatorsByCode, regions: catalogue.regionCodes,
                                             currentYear: ReadAPI.currentYear())
        let observation: ValidObservation
        switch validator.validate(ObservationInput(fields: fields)) {
        case .success(let o): observation = o
        case .failure(let failure):
            throw ProblemDetails(status: .unprocessableContent, title: "Invalid observation",
                                 detail: failure.problems.map { "\($0.field): \($0.reason)" }.joined(separator: "; "),
                                 type: "/problems/invalid-observations",
                                 extensions: [("errors", "[" + failure.problems.map { Self.errorJSON(.single, $0) }.joined(separator: ",") + "]")])
        }
        guard Authenticator.may(token, write: observation.region, catalogue: catalogue) else {
            throw ProblemDetails(status: .forbidden, detail: "token '\(token.name)' may not write region \(observation.region)",
                                 type: "/problems/forbidden")
        }
        let key = Self.key(observation)
        let expected = try expectedRevision(request, key: key)
        let result = try store.write { tx in
            try tx.record(ObservationChange(key: key, value: observation.value, status: observation.status,
                                            bound: observation.bound, note: observation.note),
                          source: .user(token: token.name), requestID: request.requestID, expectedRevision: expected)
        }
        return Self.observationResponse(result.outcome == .created ? .created : .ok, result.observation, catalogue)
    }

    func deleteObservation(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let token = try request.token()
        let (key, catalogue) = try self.key(request, p)
        guard Authenticator.may(token, write: key.region, catalogue: catalogue) else {
            throw ProblemDetails(status: .forbidden, detail: "token '\(token.name)' may not write region \(key.region)",
                                 type: "/problems/forbidden")
        }
        guard try store.observation(key) != nil else {
            throw Problems.notFound("observation", "\(key.indicator)/\(key.region)/\(key.period)")
        }
        let expected = try expectedRevision(request, key: key)
        let note = request.headers["X-Reason"].map { String($0.prefix(ObservationValidator.maxNoteLength)) }
        let result = try store.write { tx in
            try tx.record(.withdrawal(of: key, note: note), source: .user(token: token.name), requestID: request.requestID,
                          expectedRevision: expected)
        }
        return Self.observationResponse(.ok, result.observation, catalogue)
    }

    func revisions(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let (key, catalogue) = try self.key(request, p)
        let history = try store.revisions(of: key)
        guard !history.isEmpty else { throw Problems.notFound("observation", "\(key.indicator)/\(key.region)/\(key.period)") }
        var json = JSONWriter(capacity: 256 + history.count * 256)
        json.beginObject()
        json.key("indicator"); json.string(key.indicator)
        json.key("region"); json.string(key.region)
        json.key("period"); json.string(key.period.description)
        json.key("kind"); json.string(key.kind.rawValue)
        json.key("scope"); json.string(key.scope?.rawValue)
        json.key("unit"); json.string(catalogue.indicatorsByCode[key.indicator]?.unit.rawValue)
        json.key("data")
        json.beginArray()
        for revision in history {
            json.beginObject()
            json.key("revision"); json.int(revision.id)
            json.key("value"); json.number(revision.value)
            json.key("status"); json.string(revision.status.rawValue)
            json.key("bound"); json.string(revision.bound?.rawValue)
            json.key("recorded_at"); json.string(revision.recordedAt.rfc3339)
            json.key("note"); json.string(revision.note)
            json.key("source")
            ObservationEncoding.writeSource(revision.source, into: &json)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return ConditionalGET.respond(request, contentType: "application/json", body: json.bytes)
    }

    /// The observation key of a path and its `kind`/`scope` query parameters, checked against the catalogue.
    private func key(_ request: HTTPRequest, _ p: QueryParameters) throws -> (ObservationKey, CatalogueSnapshot) {
        let catalogue = try store.catalogue()
        let code = request.parameters["code"] ?? "", region = request.parameters["region"] ?? ""
        guard catalogue.indicatorsByCode[code] != nil else { throw Problems.notFound("indicator", code) }
        guard catalogue.regionsByCode[region] != nil else { throw Problems.notFound("region", region) }
        guard let period = Period(request.parameters["period"] ?? "") else {
            throw Problems.badParameter("period", "'\(request.parameters["period"] ?? "")' is not a period: use 2022, 2022-Q1 or 2022-10")
        }
        let kind = try p.oneOf("kind", ObservationKind.self) ?? .actual
        return (ObservationKey(indicator: code, region: region, period: period, kind: kind,
                               scope: try p.oneOf("scope", RankScope.self)), catalogue)
    }

    /// If-Match as an expected revision: `"r12"` → 12; `*` → whatever exists now (412 if nothing).
    private func expectedRevision(_ request: HTTPRequest, key: ObservationKey) throws -> Int64?? {
        guard let match = request.headers["If-Match"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if match == "*" {
            guard let current = try store.observation(key) else {
                throw ProblemDetails(status: .preconditionFailed, detail: "If-Match: * but the observation does not exist",
                                     type: "/problems/stale-etag")
            }
            return .some(current.revision)
        }
        let tag = match.hasPrefix("W/") ? String(match.dropFirst(2)) : match
        guard tag.hasPrefix("\"r"), tag.hasSuffix("\""), let revision = Int64(tag.dropFirst(2).dropLast()) else {
            throw ProblemDetails(status: .preconditionFailed, detail: "If-Match '\(match)' is not an ETag of an observation",
                                 type: "/problems/stale-etag")
        }
        return .some(revision)
    }

    static func etag(_ revision: Int64) -> String { "\"r\(revision)\"" }

    static func observationResponse(_ status: HTTPStatus, _ o: StoredObservation, _ catalogue: CatalogueSnapshot) -> HTTPResponse {
        var json = JSONWriter()
        ObservationEncoding.write(o, unit: catalogue.indicatorsByCode[o.key.indicator]?.unit, into: &json)
        return Self.json(status, json.bytes, headers: [("ETag", etag(o.revision)), ("Cache-Control", "no-cache")])
    }
}
