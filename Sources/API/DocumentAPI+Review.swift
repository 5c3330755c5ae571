import HTTPServer
import Storage

extension DocumentAPI {
    /// `POST /documents/{id}/facts/{n}/accept` and `…/reject`.
    func review(_ request: HTTPRequest, accept: Bool) throws -> HTTPResponse {
        let token = try auth.require(.editor, request)
        let id = try Self.pathNumber(request, "id", what: "document")
        let seq = try Self.pathNumber(request, "n", what: "fact")
        let catalogue = try store.catalogue()
        guard let facts = try store.facts(document: id) else { throw Problems.notFound("document", String(id)) }
        guard let found = facts.first(where: { $0.seq == seq }) else { throw Problems.notFound("fact", "\(seq)' of document '\(id)") }
        // Checked before the transaction: a fact's region never changes, and an error thrown
        // inside a transaction body reaches the client as a storage error.
        guard Authenticator.may(token, write: found.region, catalogue: catalogue) else {
            throw ProblemDetails(status: .forbidden, detail: "token '\(token.name)' may not write region \(found.region)",
                                 type: "/problems/forbidden")
        }
        let (outcome, fact) = try store.write { tx -> (WriteOutcome?, DocumentFact) in
            if accept {
                let result = try tx.acceptFact(document: id, seq: Int(seq), by: token.name, requestID: request.requestID)
                return (result.outcome, result.fact)
            }
            return (nil, try tx.rejectFact(document: id, seq: Int(seq), by: token.name, requestID: request.requestID))
        }
        var json = JSONWriter(capacity: 1024)
        json.beginObject()
        json.key("document_id"); json.int(id)
        if let outcome { json.key("outcome"); json.string(outcome.rawValue) }
        json.key("fact")
        DocumentEncoding.fact(fact, into: &json)
        json.endObject()
        return WriteAPI.json(outcome == .created ? .created : .ok, json.bytes)
    }

    /// `POST /documents/{id}/accept`: every proposed fact, in one transaction; rejected facts
    /// stay rejected.
    func acceptAll(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let token = try auth.require(.editor, request)
        let id = try Self.pathNumber(request, "id", what: "document")
        let catalogue = try store.catalogue()
        guard let facts = try store.facts(document: id) else { throw Problems.notFound("document", String(id)) }
        let proposed = facts.filter { $0.review == .proposed }
        if let other = proposed.first(where: { !Authenticator.may(token, write: $0.region, catalogue: catalogue) }) {
            throw ProblemDetails(status: .forbidden, detail: "token '\(token.name)' may not write region \(other.region) (fact \(other.seq))",
                                 type: "/problems/forbidden")
        }
        let results = try store.write { tx in
            try proposed.map { try tx.acceptFact(document: id, seq: $0.seq, by: token.name, requestID: request.requestID) }
        }
        var counts: [WriteOutcome: Int] = [:]
        var json = JSONWriter(capacity: 512 + results.count * 500)
        json.beginObject()
        json.key("document_id"); json.int(id)
        json.key("facts")
        json.beginArray()
        for result in results {
            counts[result.outcome, default: 0] += 1
            DocumentEncoding.fact(result.fact, outcome: result.outcome, into: &json)
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
