import HTTPServer
import Storage

extension DocumentAPI {
    /// `GET /documents`: newest first, without their text.
    func listDocuments(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let limit = try p.int("limit", in: 1...1000) ?? 100
        let offset = try p.int("offset", in: 0...1_000_000_000) ?? 0
        let documents = try store.documents(limit: limit, offset: offset)
        var json = JSONWriter(capacity: 256 + documents.count * 400)
        json.beginObject()
        json.key("data")
        json.beginArray()
        for document in documents { DocumentEncoding.document(document, into: &json) }
        json.endArray()
        json.endObject()
        return WriteAPI.json(.ok, json.bytes)
    }

    /// `GET /documents/{id}`: metadata, the text the offsets point into, every fact with its
    /// review, and apart from them the unmapped figures with theirs.
    func getDocument(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let id = try Self.pathNumber(request, "id", what: "document")
        guard let document = try store.document(id: id), let facts = try store.facts(document: id),
              let unmapped = try store.unmappedFacts(document: id) else {
            throw Problems.notFound("document", String(id))
        }
        var json = JSONWriter(capacity: 1024 + document.text.utf8.count + (facts.count + unmapped.count) * 500)
        json.beginObject()
        json.key("document")
        DocumentEncoding.document(document, into: &json)
        json.key("text"); json.string(document.text)
        json.key("attention_below"); json.number(attentionBelow)
        json.key("facts")
        json.beginArray()
        for fact in facts { DocumentEncoding.fact(fact, attentionBelow: attentionBelow, into: &json) }
        json.endArray()
        json.key("unmapped")
        json.beginArray()
        for figure in unmapped { DocumentEncoding.unmapped(figure, attentionBelow: attentionBelow, into: &json) }
        json.endArray()
        json.endObject()
        return WriteAPI.json(.ok, json.bytes)
    }
}
