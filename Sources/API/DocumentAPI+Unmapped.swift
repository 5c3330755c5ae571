import Domain
import HTTPServer
import Storage

extension DocumentAPI {
    /// `POST /documents/{id}/unmapped/{n}/map` `{"indicator": "code", "as": "value" | "growth"}`:
    /// the phrase becomes an alias of the indicator and the figure a proposed fact of it (of
    /// `<code>_growth` for `as: growth`; `as` defaults to what the figure is). 201 with the new
    /// fact; 200 when it was mapped so before.
    func mapUnmapped(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let token = try request.token()
        let (id, seq) = try Self.unmappedPath(request)
        let body = try ReviewBody(request, allowed: ["indicator", "as"])
        guard let code = try body.text("indicator") else { throw Self.invalidField("indicator", "is required: the code of a base indicator") }
        let mapping: UnmappedFact.Mapping?
        if let text = try body.text("as") {
            guard let m = UnmappedFact.Mapping(rawValue: text) else { throw Self.invalidField("as", "'\(text)' is not one of: value, growth") }
            mapping = m
        } else {
            mapping = nil
        }
        let figure = try unmappedFigure(id, seq)
        try requireRegionOf(figure, token)
        let outcome = try store.mapUnmapped(document: id, seq: seq, to: code, as: mapping, by: token.name,
                                            requestID: request.requestID)
        return mappingAnswer(id, outcome, status: outcome.changed ? .created : .ok)
    }

    /// `POST /documents/{id}/unmapped/{n}/reject`: the figure stays with its document, unmapped.
    func rejectUnmapped(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let token = try request.token()
        let (id, seq) = try Self.unmappedPath(request)
        try requireRegionOf(try unmappedFigure(id, seq), token)
        let figure = try store.write { try $0.rejectUnmapped(document: id, seq: seq, by: token.name, requestID: request.requestID) }
        var json = JSONWriter(capacity: 1024)
        json.beginObject()
        json.key("document_id"); json.int(id)
        json.key("unmapped")
        DocumentEncoding.unmapped(figure, attentionBelow: attentionBelow, into: &json)
        json.endObject()
        return WriteAPI.json(.ok, json.bytes)
    }

    /// `POST /documents/{id}/unmapped/{n}/create-indicator` (admin): a new indicator from the
    /// body of `POST /indicators` (`name_zh` defaults to the phrase, `unit` to the figure's),
    /// and the figure mapped to it, in one transaction. 409 when the code exists: map instead.
    func createIndicator(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let token = try request.token()
        let (id, seq) = try Self.unmappedPath(request)
        let figure = try unmappedFigure(id, seq)
        var object = try WriteAPI.object(request)
        // A growth rate's unit is percent; the indicator it is the growth of has its own unit.
        if figure.isGrowth, !object.has("unit") {
            throw object.problem("unit", "is required: the figure is a growth rate, so it does not say the indicator's own unit")
        }
        let indicator = try WriteAPI.indicator(&object, nameZh: figure.phrase, unit: figure.unit)
        try object.finish()
        let outcome = try store.createIndicator(indicator, fromUnmapped: seq, document: id, by: token.name, requestID: request.requestID)
        var response = mappingAnswer(id, outcome, status: .created)
        response.headers.add("Location", "/indicators/\(indicator.code)")
        return response
    }

    /// `{id}` and `{n}` of an unmapped figure's path.
    static func unmappedPath(_ request: HTTPRequest) throws(ProblemDetails) -> (Int64, Int) {
        let id = try pathNumber(request, "id", what: "document")
        let seq = try pathNumber(request, "n", what: "unmapped fact")
        guard seq <= Int64(Int32.max) else { throw Problems.notFound("unmapped fact", String(seq)) }
        return (id, Int(seq))
    }

    private func unmappedFigure(_ id: Int64, _ seq: Int) throws -> UnmappedFact {
        guard let figures = try store.unmappedFacts(document: id) else { throw Problems.notFound("document", String(id)) }
        guard let figure = figures.first(where: { $0.seq == seq }) else {
            throw Problems.notFound("unmapped fact", "\(seq)' of document '\(id)")
        }
        return figure
    }

    /// A region-limited token reviews only figures of its region: one the report does not place
    /// is outside every limit.
    private func requireRegionOf(_ figure: UnmappedFact, _ token: TokenRecord) throws {
        guard token.region != nil else { return }
        let catalogue = try store.catalogue()
        guard let region = figure.region, Authenticator.may(token, write: region, catalogue: catalogue) else {
            throw Self.forbidden(token, region: figure.region ?? "(none: the report does not say)", " (unmapped fact \(figure.seq))")
        }
    }

    private func mappingAnswer(_ id: Int64, _ outcome: UnmappedMappingOutcome, status: HTTPStatus) -> HTTPResponse {
        var json = JSONWriter(capacity: 2048)
        json.beginObject()
        json.key("document_id"); json.int(id)
        json.key("alias_added"); json.bool(outcome.aliasAdded)
        json.key("unmapped")
        DocumentEncoding.unmapped(outcome.unmapped, attentionBelow: attentionBelow, into: &json)
        json.key("fact")
        DocumentEncoding.fact(outcome.fact, attentionBelow: attentionBelow, into: &json)
        json.endObject()
        return WriteAPI.json(status, json.bytes)
    }
}
