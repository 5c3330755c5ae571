extension DocumentAPI {
    static let idParameter = ParameterSpec.path("id", "Document id.")
    static let factParameter = ParameterSpec.path("n", "The fact's number within its document (seq), from 1.")
    static let factObject = #"{"type":"object","properties":{"seq":{"type":"integer"},"indicator":{"type":"string"},"scope":{"type":["string","null"]},"region":{"type":"string"},"period":{"type":"string"},"kind":{"enum":["actual","target"]},"value":{"type":"number"},"unit":{"type":"string"},"bound":{"enum":["min","max",null]},"status":{"type":"string"},"approximate":{"type":"boolean"},"confidence":{"type":"number"},"quote":{"type":"string"},"start":{"type":"integer"},"end":{"type":"integer"},"review":{"enum":["proposed","accepted","rejected"]}}}"#

    static let postDocumentSpec = EndpointSpec(
        method: .POST, path: "/documents", operationID: "postDocument",
        summary: "Load a report (text/plain in UTF-8 or GB18030, text/html, or JSON {\"url\": \"https://…\"}): the document is kept once per text (SHA-256) and its facts are proposed.",
        parameters: [
            ParameterSpec(name: "region", schema: .string, description: "Region code the report is about; overrides what the text says."),
            ParameterSpec(name: "year", schema: .integer(min: 1949, max: 9999), description: "The year of the report's actual figures."),
            ParameterSpec(name: "dry_run", schema: .boolean, description: "Extract and report without storing."),
        ],
        errors: [400, 401, 403, 413, 415, 422],
        responseSchema: #"{"type":"object","properties":{"document":{"type":"object"},"facts":{"type":"array","items":\#(factObject)},"skipped":{"type":"array"}}}"#,
        requestBody: [("text/plain", #"{"type":"string","minLength":1}"#), ("text/html", #"{"type":"string","minLength":1}"#),
                      ("application/json", #"{"type":"object","required":["url"],"properties":{"url":{"type":"string","format":"uri"}}}"#)],
        needsToken: true)
    static let listDocumentsSpec = EndpointSpec(
        method: .GET, path: "/documents", operationID: "listDocuments",
        summary: "Loaded documents, newest first, with how many facts are proposed, accepted and rejected.",
        parameters: [
            ParameterSpec(name: "limit", schema: .integer(min: 1, max: 1000), description: "Documents per page (default 100)."),
            ParameterSpec(name: "offset", schema: .integer(min: 0, max: 1_000_000_000), description: "Documents to skip."),
        ],
        errors: [400], responseSchema: #"{"type":"object","properties":{"data":{"type":"array"}}}"#)
    static let getDocumentSpec = EndpointSpec(
        method: .GET, path: "/documents/{id}", operationID: "getDocument",
        summary: "One document: metadata, its text (fact offsets are Unicode scalar offsets into it) and its facts with their review.",
        parameters: [idParameter], errors: [400, 404],
        responseSchema: #"{"type":"object","properties":{"document":{"type":"object"},"text":{"type":"string"},"facts":{"type":"array","items":\#(factObject)}}}"#)
    static let acceptFactSpec = EndpointSpec(
        method: .POST, path: "/documents/{id}/facts/{n}/accept", operationID: "acceptFact",
        summary: "Accept a fact: its value becomes a revision of its observation citing the document span (created, updated or unchanged). Accepting twice writes once.",
        parameters: [idParameter, factParameter], errors: [400, 401, 403, 404], needsToken: true)
    static let rejectFactSpec = EndpointSpec(
        method: .POST, path: "/documents/{id}/facts/{n}/reject", operationID: "rejectFact",
        summary: "Reject a proposed fact; it stays with the document as rejected.",
        parameters: [idParameter, factParameter], errors: [400, 401, 403, 404, 409], needsToken: true)
    static let acceptAllSpec = EndpointSpec(
        method: .POST, path: "/documents/{id}/accept", operationID: "acceptDocument",
        summary: "Accept every proposed fact of a document in one transaction.",
        parameters: [idParameter], errors: [400, 401, 403, 404], needsToken: true)
}
