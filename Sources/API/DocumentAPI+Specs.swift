extension DocumentAPI {
    static let idParameter = ParameterSpec.path("id", "Document id.")
    static let factParameter = ParameterSpec.path("n", "The fact's number within its document (seq), from 1.")
    static let factObject = #"{"type":"object","properties":{"seq":{"type":"integer"},"indicator":{"type":"string"},"scope":{"type":["string","null"]},"region":{"type":["string","null"]},"period":{"type":["string","null"]},"missing":{"type":"array","items":{"enum":["region","period"]},"description":"What a reviewer must supply to accept the fact."},"kind":{"enum":["actual","target"]},"value":{"type":"number"},"unit":{"type":"string"},"bound":{"enum":["min","max",null]},"status":{"type":"string"},"approximate":{"type":"boolean"},"confidence":{"type":"number"},"attention":{"type":"boolean","description":"confidence is below loader.attention_below"},"reasons":{"type":"array","items":{"type":"string"}},"note":{"type":["string","null"]},"quote":{"type":"string"},"start":{"type":"integer"},"end":{"type":"integer"},"review":{"enum":["proposed","accepted","rejected"]}}}"#
    static let unmappedObject = #"{"type":"object","properties":{"seq":{"type":"integer"},"phrase":{"type":"string"},"region":{"type":["string","null"]},"period":{"type":["string","null"]},"kind":{"enum":["actual","target"]},"value":{"type":"number"},"unit":{"type":"string"},"classifier":{"type":["string","null"]},"is_growth":{"type":"boolean"},"suggested_as":{"enum":["value","growth"]},"confidence":{"type":"number"},"attention":{"type":"boolean"},"reasons":{"type":"array","items":{"type":"string"}},"quote":{"type":"string"},"start":{"type":"integer"},"end":{"type":"integer"},"review":{"enum":["proposed","mapped","rejected"]},"mapped_to":{"type":["object","null"],"properties":{"indicator":{"type":"string"},"fact":{"type":"integer"}}}}}"#
    static let unmappedParameter = ParameterSpec.path("n", "The unmapped figure's number within its document (seq), from 1.")
    static let completionBody = [("application/json", #"{"type":"object","properties":{"region":{"type":"string","description":"Region code, for a fact the report does not place (or to correct it)."},"period":{"type":"string","description":"2022, 2022-Q1 or 2022-10, for a fact the report does not date."}},"additionalProperties":false}"#)]
    static let mappingAnswer = #"{"type":"object","properties":{"document_id":{"type":"integer"},"alias_added":{"type":"boolean"},"unmapped":\#(unmappedObject),"fact":\#(factObject)}}"#

    static let postDocumentSpec = EndpointSpec(
        method: .POST, path: "/documents", operationID: "postDocument",
        summary: "Load a report (text/plain in UTF-8 or GB18030, text/html, application/pdf with a text layer, or JSON {\"url\": \"https://…\"}): the document is kept once per text (SHA-256) and its facts are proposed. A URL is fetched from public addresses only, checked on every redirect before connecting: one that resolves to a loopback, private, link-local or other reserved address is a 422 naming url (reason \"resolves to a private address\") unless loader.allow_hosts opens its host.",
        parameters: [
            ParameterSpec(name: "region", schema: .string, description: "Region code the report is about; overrides what the text says."),
            ParameterSpec(name: "year", schema: .integer(min: 1949, max: 9999), description: "The year of the report's actual figures."),
            ParameterSpec(name: "dry_run", schema: .boolean, description: "Extract and report without storing."),
        ],
        errors: [400, 401, 403, 413, 415, 422, 501],
        responseSchema: #"{"type":"object","properties":{"document":{"type":"object"},"facts":{"type":"array","items":\#(factObject)},"unmapped":{"type":"array","items":\#(unmappedObject)},"skipped":{"type":"array"}}}"#,
        requestBody: [("text/plain", #"{"type":"string","minLength":1}"#), ("text/html", #"{"type":"string","minLength":1}"#),
                      ("application/pdf", #"{"type":"string","format":"binary","minLength":1}"#),
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
        summary: "One document: metadata, its text (fact offsets are Unicode scalar offsets into it), its facts with their review, and apart from them the figures of indicator phrases the catalogue lacks (unmapped).",
        parameters: [idParameter], errors: [400, 404],
        responseSchema: #"{"type":"object","properties":{"document":{"type":"object"},"text":{"type":"string"},"attention_below":{"type":"number"},"facts":{"type":"array","items":\#(factObject)},"unmapped":{"type":"array","items":\#(unmappedObject)}}}"#)
    static let acceptFactSpec = EndpointSpec(
        method: .POST, path: "/documents/{id}/facts/{n}/accept", operationID: "acceptFact",
        summary: "Accept a fact: its value becomes a revision of its observation citing the document span (created, updated or unchanged). Accepting twice writes once. A fact the report does not place or date needs region and/or period in the body (422 naming the field otherwise); given for a fact that has them, they correct it.",
        parameters: [idParameter, factParameter], errors: [400, 401, 403, 404, 415, 422],
        requestBody: completionBody, requestBodyRequired: false, needsToken: true)
    static let rejectFactSpec = EndpointSpec(
        method: .POST, path: "/documents/{id}/facts/{n}/reject", operationID: "rejectFact",
        summary: "Reject a proposed fact; it stays with the document as rejected.",
        parameters: [idParameter, factParameter], errors: [400, 401, 403, 404, 409], needsToken: true)
    static let acceptAllSpec = EndpointSpec(
        method: .POST, path: "/documents/{id}/accept", operationID: "acceptDocument",
        summary: "Accept every proposed fact of a document in one transaction. The body's region and period fill what facts lack; while a proposed fact lacks one, nothing is accepted (422 naming the field).",
        parameters: [idParameter], errors: [400, 401, 403, 404, 415, 422],
        requestBody: completionBody, requestBodyRequired: false, needsToken: true)
    static let mapUnmappedSpec = EndpointSpec(
        method: .POST, path: "/documents/{id}/unmapped/{n}/map", operationID: "mapUnmapped",
        summary: "Map an unmapped figure's phrase to a base indicator: the phrase becomes an alias of it (the next report reads it as a catalogue fact) and the figure a proposed fact of the indicator, or of its growth with \"as\": \"growth\". The figure's unit must be the indicator's. 201 with the new fact, 200 when mapped so before.",
        parameters: [idParameter, unmappedParameter], errors: [400, 401, 403, 404, 409, 415, 422],
        responseSchema: mappingAnswer,
        requestBody: [("application/json", #"{"type":"object","required":["indicator"],"properties":{"indicator":{"type":"string","description":"Code of a base indicator."},"as":{"enum":["value","growth"],"description":"Default: growth for a growth rate, else value."}},"additionalProperties":false}"#)],
        needsToken: true)
    static let rejectUnmappedSpec = EndpointSpec(
        method: .POST, path: "/documents/{id}/unmapped/{n}/reject", operationID: "rejectUnmapped",
        summary: "Reject an unmapped figure; it stays with the document, its phrase unknown.",
        parameters: [idParameter, unmappedParameter], errors: [400, 401, 403, 404, 409], needsToken: true)
    static let createIndicatorSpec = EndpointSpec(
        method: .POST, path: "/documents/{id}/unmapped/{n}/create-indicator", operationID: "createIndicatorFromUnmapped",
        summary: "Admin: create an indicator (the body of POST /indicators; name_zh defaults to the phrase, unit to the figure's) and map the figure to it, in one transaction. 409 when the code exists.",
        parameters: [idParameter, unmappedParameter], errors: [400, 401, 403, 404, 409, 415, 422],
        responseSchema: mappingAnswer,
        requestBody: [("application/json", #"{"type":"object","required":["code","name_en","category"],"properties":{"code":{"type":"string","pattern":"^[a-z][a-z0-9_]{0,63}$"},"name_zh":{"type":["string","null"],"minLength":1},"name_en":{"type":"string","minLength":1},"category":{"type":"string","minLength":1},"unit":{"enum":["percent","yuan","count","index","rank","per_1000_enterprises","per_10k_people","percentage_points",null]},"aggregation":{"enum":["sum","last",null]},"higher_is_better":{"type":["boolean","null"]},"description":{"type":["string","null"]},"aliases_zh":{"type":["array","null"],"items":{"type":"string","minLength":1}},"frequencies":{"type":["array","null"],"items":{"enum":["year","quarter","month"]}},"min":{"type":["number","null"]},"max":{"type":["number","null"]}},"additionalProperties":false}"#)],
        needsToken: true)
}
