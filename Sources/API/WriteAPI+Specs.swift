extension WriteAPI {
    static let observationPath = "/indicators/{code}/observations/{region}/{period}"
    static let pathParameters: [ParameterSpec] = [
        .path("code", "Indicator code."), .path("region", "Region code."), .path("period", "Period: 2022, 2022-Q1, 2022-10."),
    ]
    static let kindParameter = ParameterSpec(name: "kind", schema: .oneOf(["actual", "target"]), description: "Default actual.")
    static let scopeParameter = ParameterSpec(name: "scope", schema: .oneOf(["nation", "province", "city", "district"]),
                                              description: "For ranks: the scope.")

    static let observationObject = #"{"type":"object","properties":{"indicator":{"type":"string"},"region":{"type":"string"},"period":{"type":"string"},"kind":{"enum":["actual","target"]},"value":{"type":"number"},"status":{"enum":["provisional","final","estimated"]},"bound":{"enum":["min","max"]},"scope":{"enum":["nation","province","city","district"]},"note":{"type":"string"}}}"#
    static let observationBody = #"{"oneOf":[\#(observationObject),{"type":"array","items":\#(observationObject)}]}"#

    static let postObservationsSpec = EndpointSpec(
        method: .POST, path: "/observations", operationID: "postObservations",
        summary: "Record one observation (a JSON object) or a batch (a JSON array, or text/csv with a header row) in one transaction.",
        parameters: [ParameterSpec(name: "dry_run", schema: .boolean, description: "Validate and report without writing.")],
        errors: [400, 401, 403, 409, 413, 415, 422],
        requestBody: [("application/json", observationBody), ("text/csv", #"{"type":"string"}"#)], needsToken: true)
    static let getObservationSpec = EndpointSpec(
        method: .GET, path: observationPath, operationID: "getObservation",
        summary: "One observation with its ETag (use it in If-Match).",
        parameters: pathParameters + [kindParameter, scopeParameter, ReadAPI.asOf], errors: [400, 404])
    static let putObservationSpec = EndpointSpec(
        method: .PUT, path: observationPath, operationID: "putObservation",
        summary: "Set one observation's value (a new revision); If-Match with its ETag guards against lost updates.",
        parameters: pathParameters, errors: [400, 401, 403, 404, 412, 415, 422],
        requestBody: [("application/json", observationObject)], needsToken: true)
    static let deleteObservationSpec = EndpointSpec(
        method: .DELETE, path: observationPath, operationID: "deleteObservation",
        summary: "Withdraw an observation: a revision with status withdrawn; the history stays.",
        parameters: pathParameters + [kindParameter, scopeParameter], errors: [400, 401, 403, 404, 412], needsToken: true)
    static let revisionsSpec = EndpointSpec(
        method: .GET, path: observationPath + "/revisions", operationID: "getRevisions",
        summary: "Every revision of an observation, oldest first: value, status, who, when, source, why.",
        parameters: pathParameters + [kindParameter, scopeParameter], errors: [400, 404],
        responseSchema: #"{"type":"object","properties":{"data":{"type":"array"}}}"#)
    static let auditSpec = EndpointSpec(
        method: .GET, path: "/audit", operationID: "getAudit", summary: "Every change, newest first (admin).",
        parameters: [
            ParameterSpec(name: "since", schema: .timestamp, description: "Only changes at or after this time."),
            ParameterSpec(name: "token", schema: .string, description: "Only changes made with this token."),
            ParameterSpec(name: "limit", schema: .integer(min: 1, max: 1000), description: "Entries per page (default 100)."),
            ParameterSpec(name: "cursor", schema: .string, description: "The `next` of the previous page."),
        ],
        errors: [400, 401, 403], responseSchema: #"{"type":"object","properties":{"data":{"type":"array"}}}"#, needsToken: true)
    static let postIndicatorSpec = EndpointSpec(
        method: .POST, path: "/indicators", operationID: "postIndicator",
        summary: "Add an indicator or change its names and metadata (admin); its data stays.",
        parameters: [], errors: [400, 401, 403, 415, 422],
        requestBody: [("application/json", #"{"type":"object","required":["code","name_zh","name_en","category"]}"#)], needsToken: true)
    static let postRegionSpec = EndpointSpec(
        method: .POST, path: "/regions", operationID: "postRegion",
        summary: "Add a region or change its names (admin); its data stays.",
        parameters: [], errors: [400, 401, 403, 404, 415, 422],
        requestBody: [("application/json", #"{"type":"object","required":["code","name_zh","name_en"]}"#)], needsToken: true)
}
