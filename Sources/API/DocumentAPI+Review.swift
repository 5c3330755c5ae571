import Domain
import HTTPServer
import Storage

extension DocumentAPI {
    /// What a reviewer supplies when accepting: the region and period a fact lacks, or corrects.
    struct Completion {
        var region: String?
        var period: Period?
    }

    /// `{"region": "330112", "period": "2022"}`, both optional; a region must be catalogued and
    /// a period well formed (whether the indicator has that frequency is the store's check).
    static func completion(_ request: HTTPRequest, catalogue: CatalogueSnapshot) throws(ProblemDetails) -> Completion {
        let body = try ReviewBody(request, allowed: ["region", "period"])
        var completion = Completion()
        if let region = try body.text("region") {
            guard catalogue.hasRegion(region) else { throw invalidField("region", "'\(region)' is not a region in the catalogue") }
            completion.region = region
        }
        if let text = try body.text("period") {
            guard let period = Period(text) else { throw invalidField("period", "'\(text)' is not a period: use 2022, 2022-Q1 or 2022-10") }
            completion.period = period
        }
        return completion
    }

    /// `POST /documents/{id}/facts/{n}/accept` (optional body: region, period) and `…/reject`.
    func review(_ request: HTTPRequest, accept: Bool) throws -> HTTPResponse {
        let token = try request.token()
        let id = try Self.pathNumber(request, "id", what: "document")
        let seq = try Self.pathNumber(request, "n", what: "fact")
        let catalogue = try store.catalogue()
        let completion = accept ? try Self.completion(request, catalogue: catalogue) : Completion()
        guard let facts = try store.facts(document: id) else { throw Problems.notFound("document", String(id)) }
        guard let found = facts.first(where: { $0.seq == seq }) else { throw Problems.notFound("fact", "\(seq)' of document '\(id)") }
        // Checked before the transaction: an error thrown inside a transaction body reaches the
        // client as a storage error. A limited token needs both the region the report gave and
        // the one it supplies: it may not move another region's fact into its own.
        for region in [found.region, completion.region].compactMap({ $0 }) where !Authenticator.may(token, write: region, catalogue: catalogue) {
            throw Self.forbidden(token, region: region)
        }
        if accept, found.review == .proposed {
            if completion.region == nil, found.region == nil {
                throw Self.invalidField("region", "fact \(seq) has no region (the report does not say): send {\"region\": \"…\"}")
            }
            if completion.period == nil, found.period == nil {
                throw Self.invalidField("period", "fact \(seq) has no period (the report does not say): send {\"period\": \"2022\"}")
            }
        }
        let (outcome, fact) = try store.write { tx -> (WriteOutcome?, Fact) in
            if accept {
                let result = try tx.acceptFact(document: id, seq: Int(seq), by: token.name, requestID: request.requestID,
                                               region: completion.region, period: completion.period)
                return (result.outcome, result.fact)
            }
            return (nil, try tx.rejectFact(document: id, seq: Int(seq), by: token.name, requestID: request.requestID))
        }
        var json = JSONWriter(capacity: 1024)
        json.beginObject()
        json.key("document_id"); json.int(id)
        if let outcome { json.key("outcome"); json.string(outcome.rawValue) }
        json.key("fact")
        DocumentEncoding.fact(fact, attentionBelow: attentionBelow, into: &json)
        json.endObject()
        return WriteAPI.json(outcome == .created ? .created : .ok, json.bytes)
    }

    /// `POST /documents/{id}/accept`: every proposed fact, in one transaction; rejected facts
    /// stay rejected. The optional body's region and period fill only what facts lack; while any
    /// proposed fact still lacks one, nothing is accepted and the answer (422) names the field.
    func acceptAll(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let token = try request.token()
        let id = try Self.pathNumber(request, "id", what: "document")
        let catalogue = try store.catalogue()
        let completion = try Self.completion(request, catalogue: catalogue)
        guard let facts = try store.facts(document: id) else { throw Problems.notFound("document", String(id)) }
        let proposed = facts.filter { $0.review == .proposed }
        let noRegion = proposed.filter { $0.region == nil && completion.region == nil }.map(\.seq)
        if !noRegion.isEmpty {
            throw Self.invalidField("region", "facts \(noRegion.map(String.init).joined(separator: ", ")) have no region: send {\"region\": \"…\"}, or review them one by one")
        }
        let noPeriod = proposed.filter { $0.period == nil && completion.period == nil }.map(\.seq)
        if !noPeriod.isEmpty {
            throw Self.invalidField("period", "facts \(noPeriod.map(String.init).joined(separator: ", ")) have no period: send {\"period\": \"2022\"}, or review them one by one")
        }
        for fact in proposed {
            let region = fact.region ?? completion.region ?? ""
            if !Authenticator.may(token, write: region, catalogue: catalogue) { throw Self.forbidden(token, region: region, " (fact \(fact.seq))") }
        }
        let results = try store.write { tx in
            try proposed.map {
                try tx.acceptFact(document: id, seq: $0.seq, by: token.name, requestID: request.requestID,
                                  region: $0.region == nil ? completion.region : nil, period: $0.period == nil ? completion.period : nil)
            }
        }
        var counts: [WriteOutcome: Int] = [:]
        var json = JSONWriter(capacity: 512 + results.count * 500)
        json.beginObject()
        json.key("document_id"); json.int(id)
        json.key("facts")
        json.beginArray()
        for result in results {
            counts[result.outcome, default: 0] += 1
            DocumentEncoding.fact(result.fact, attentionBelow: attentionBelow, outcome: result.outcome, into: &json)
        }
        json.endArray()
        json.key("accepted"); json.int(results.count)
        for outcome in [WriteOutcome.created, .updated, .unchanged] {
            json.key(text: outcome.rawValue); json.int(counts[outcome] ?? 0)
        }
        json.endObject()
        return WriteAPI.json(.ok, json.bytes)
    }
}
