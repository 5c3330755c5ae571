extension WriteAPI {
    static let observationPath = "/indicators/{code}/observations/{region}/{period}"
    static let pathParameters: [ParameterSpec] = [
        .path("code", "Indicator code.", example: "rd_intensity"), .path("region", "Region code.", example: "330112"),
        .path("period", "Period: 2022, 2022-Q1, 2022-10.", schema: .period, example: "2021"),
    ]
    static let kindParameter = ParameterSpec(name: "kind", schema: .oneOf(["actual", "target"]), description: "Default actual.")
    static let scopeParameter = ParameterSpec(name: "scope", schema: .oneOf(["nation", "province", "city", "district"]),
                                              description: "For ranks: the scope.")

    static let observationObject = #"{"type":"object","required":["indicator","region","period","value"],"properties":{"indicator":{"type":"string","minLength":1},"region":{"type":"string","minLength":1},"period":{"type":"string","pattern":"^(19[5-9][0-9]|1949|[2-9][0-9]{3})(-?[Qq][1-4]|-(0[1-9]|1[0-2]))?$"},"kind":{"enum":["actual","target"]},"value":{"type":"number"},"status":{"enum":["provisional","final","estimated"]},"bound":{"enum":["min","max"]},"scope":{"enum":["nation","province","city","district"]},"note":{"type":"string"}},"additionalProperties":false}"#
    static let observationBody = #"{"oneOf":[\#(observationObject),{"type":"array","items":\#(observationObject)}]}"#

    static let postObservationsSpec = EndpointSpec(
        method: .POST, path: "/observations", operationID: "postObservations",
        summary: "Record one observation (a JSON object) or a batch (a JSON array, or text/csv with a header row) in one transaction.",
        parameters: [ParameterSpec(name: "dry_run", schema: .boolean, description: "Validate and report without writing.")],
        errors: [400, 401, 403, 409, 413, 415, 422],
        requestBody: [("application/json", observationBody), ("text/csv", #"{"type":"string","minLength":1}"#)], role: .editor)
    static let getObservationSpec = EndpointSpec(
        method: .GET, path: observationPath, operationID: "getObservation",
        summary: "One observation with its ETag (use it in If-Match).",
        parameters: pathParameters + [kindParameter, scopeParameter, ReadAPI.asOf], errors: [400, 404])
    static let putObservationSpec = EndpointSpec(
        method: .PUT, path: observationPath, operationID: "putObservation",
        summary: "Set one observation's value (a new revision); If-Match with its ETag guards against lost updates.",
        parameters: pathParameters, errors: [400, 401, 403, 404, 412, 415, 422],
        requestBody: [("application/json", #"{"type":"object","required":["value"],"properties":{"value":{"type":"number"},"kind":{"enum":["actual","target"]},"status":{"enum":["provisional","final","estimated"]},"bound":{"enum":["min","max"]},"scope":{"enum":["nation","province","city","district"]},"note":{"type":"string"}},"additionalProperties":false}"#)], role: .editor)
    static let deleteObservationSpec = EndpointSpec(
        method: .DELETE, path: observationPath, operationID: "deleteObservation",
        summary: "Withdraw an observation: a revision with status withdrawn; the history stays.",
        parameters: pathParameters + [kindParameter, scopeParameter], errors: [400, 401, 403, 404, 412], role: .editor)
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
            ParameterSpec(name: "cursor", schema: .token(pattern: "^a[1-9][0-9]*$"), description: "The `next` of the previous page."),
        ],
        errors: [400, 401, 403], responseSchema: #"{"type":"object","properties":{"data":{"type":"array"}}}"#, role: .admin)
    static let postIndicatorSpec = EndpointSpec(
        method: .POST, path: "/indicators", operationID: "postIndicator",
        summary: "Add an indicator or change its names and metadata (admin); its data stays.",
        parameters: [], errors: [400, 401, 403, 415, 422],
        requestBody: [("application/json", #"{"type":"object","required":["code","name_zh","name_en","category"],"properties":{"code":{"type":"string","pattern":"^[a-z][a-z0-9_]{0,63}$"},"name_zh":{"type":"string","minLength":1},"name_en":{"type":"string","minLength":1},"category":{"type":"string","minLength":1},"unit":{"enum":["percent","yuan","count","index","rank","per_1000_enterprises","percentage_points",null]},"aggregation":{"enum":["sum","last",null]},"higher_is_better":{"type":["boolean","null"]},"description":{"type":["string","null"]},"aliases_zh":{"type":["array","null"],"items":{"type":"string","minLength":1}},"frequencies":{"type":["array","null"],"items":{"enum":["year","quarter","month"]}},"min":{"type":["number","null"]},"max":{"type":["number","null"]}},"additionalProperties":false}"#)], role: .admin)
    static let postRegionSpec = EndpointSpec(
        method: .POST, path: "/regions", operationID: "postRegion",
        summary: "Add a region or change its names (admin); its data stays.",
        parameters: [], errors: [400, 401, 403, 404, 415, 422],
        requestBody: [("application/json", #"{"type":"object","required":["code","name_zh","name_en"],"properties":{"code":{"type":"string","pattern":"^[0-9]{2,12}$"},"name_zh":{"type":"string","minLength":1},"name_en":{"type":"string","minLength":1},"level":{"enum":["nation","province","city","district","county","zone",null]},"parent":{"type":["string","null"],"pattern":"^[0-9]{2,12}$"},"aliases_zh":{"type":["array","null"],"items":{"type":"string","minLength":1}}},"additionalProperties":false}"#)], role: .admin)
}
