import Domain

/// The OpenAPI 3.1 description of the service, generated from the same `EndpointSpec`s that
/// check each request's parameters.
enum OpenAPIDocument {
    static let json: [UInt8] = build(endpoints: ReadAPI.endpoints + WriteAPI.endpoints + DocumentAPI.endpoints)

    static func build(endpoints: [EndpointSpec]) -> [UInt8] {
        var json = JSONWriter(capacity: 32_768)
        json.beginObject()
        json.key("openapi"); json.string("3.1.0")
        json.key("info")
        json.beginObject()
        json.key("title"); json.string("Zhibiao 指标")
        json.key("version"); json.string(ServiceVersion.current)
        json.key("description"); json.string("Indicators of regional science-and-technology policy. Errors are application/problem+json (RFC 9457).")
        json.endObject()
        json.key("paths")
        json.beginObject()
        var paths: [String] = []
        for endpoint in endpoints where !paths.contains(endpoint.path) { paths.append(endpoint.path) }
        for path in paths {
            json.key(text: path)
            json.beginObject()
            for endpoint in endpoints where endpoint.path == path {
                json.key(text: endpoint.method.rawValue.lowercased())
                operation(endpoint, into: &json)
            }
            json.endObject()
        }
        json.endObject()
        json.key("components")
        json.beginObject()
        json.key("schemas")
        json.beginObject()
        json.key("Problem")
        json.raw(Array(#"{"type":"object","properties":{"type":{"type":"string"},"title":{"type":"string"},"status":{"type":"integer"},"detail":{"type":"string"},"parameter":{"type":"string"}},"required":["type","title","status"]}"#.utf8))
        json.endObject()
        json.key("securitySchemes")
        json.raw(Array(#"{"bearer":{"type":"http","scheme":"bearer","description":"A token from `zhibiao token create`."}}"#.utf8))
        json.endObject()
        json.endObject()
        return json.bytes
    }

    private static func operation(_ endpoint: EndpointSpec, into json: inout JSONWriter) {
        json.beginObject()
        json.key("operationId"); json.string(endpoint.operationID)
        json.key("summary"); json.string(endpoint.summary)
        if endpoint.needsToken {
            json.key("security")
            json.raw(Array(#"[{"bearer":[]}]"#.utf8))
        }
        if let body = endpoint.requestBody {
            json.key("requestBody")
            json.beginObject()
            json.key("required"); json.bool(endpoint.requestBodyRequired)
            json.key("content")
            json.beginObject()
            for (type, schema) in body {
                json.key(text: type)
                json.beginObject()
                json.key("schema"); json.raw(Array(schema.utf8))
                json.endObject()
            }
            json.endObject()
            json.endObject()
        }
        json.key("parameters")
        json.beginArray()
        for parameter in endpoint.parameters {
            json.beginObject()
            json.key("name"); json.string(parameter.name)
            json.key("in"); json.string(parameter.location.rawValue)
            json.key("required"); json.bool(parameter.required)
            json.key("description"); json.string(parameter.description)
            if let example = parameter.example {
                json.key("example"); json.string(example)
            }
            json.key("schema")
            schema(parameter.schema, into: &json)
            json.endObject()
        }
        json.endArray()
        json.key("responses")
        json.beginObject()
        json.key("200")
        json.beginObject()
        json.key("description"); json.string("OK")
        json.key("content")
        json.beginObject()
        json.key("application/json")
        json.beginObject()
        json.key("schema"); json.raw(Array(endpoint.responseSchema.utf8))
        json.endObject()
        if endpoint.csv {
            json.key("text/csv")
            json.beginObject()
            json.key("schema"); json.raw(Array(#"{"type":"string"}"#.utf8))
            json.endObject()
        }
        json.endObject()
        json.endObject()
        if endpoint.method == .GET {
            json.key("304")
            json.beginObject()
            json.key("description"); json.string("Not modified: the ETag given in If-None-Match still holds.")
            json.endObject()
        }
        if endpoint.method == .POST || endpoint.method == .PUT {
            json.key("201")
            json.beginObject()
            json.key("description"); json.string("Created.")
            json.key("content")
            json.raw(Array(#"{"application/json":{"schema":{"type":"object"}}}"#.utf8))
            json.endObject()
        }
        // Every route that takes a token answers 429 once an address has failed too often.
        for status in endpoint.errors + (endpoint.needsToken && !endpoint.errors.contains(429) ? [429] : []) {
            json.key(text: String(status))
            json.beginObject()
            json.key("description"); json.string(describe(status))
            json.key("content")
            json.raw(Array(##"{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}"##.utf8))
            json.endObject()
        }
        json.endObject()
        json.endObject()
    }

    private static func schema(_ schema: ParameterSpec.Schema, into json: inout JSONWriter) {
        json.beginObject()
        switch schema {
        case .string:
            json.key("type"); json.string("string")
            json.key("minLength"); json.int(1)
        case .list:
            json.key("type"); json.string("string")
            json.key("minLength"); json.int(1)
            json.key("pattern"); json.string("^[^,]+(,[^,]+)*$")
            json.key("description"); json.string("comma-separated list")
        case let .integer(min, max):
            json.key("type"); json.string("integer")
            json.key("minimum"); json.int(min)
            json.key("maximum"); json.int(max)
        case .oneOf(let values):
            json.key("type"); json.string("string")
            json.key("enum")
            json.beginArray()
            for v in values { json.string(v) }
            json.endArray()
        case .boolean:
            json.key("type"); json.string("boolean")
        case .period:
            json.key("type"); json.string("string")
            json.key("pattern"); json.string("^(19[5-9][0-9]|19[4][9]|[2-9][0-9]{3})(-?[Qq][1-4]|-(0[1-9]|1[0-2]))?$")
        case .timestamp:
            json.key("type"); json.string("string")
            json.key("format"); json.string("date-time")
        case .token(let pattern):
            json.key("type"); json.string("string")
            json.key("pattern"); json.string(pattern)
        }
        json.endObject()
    }

    private static func describe(_ status: Int) -> String {
        switch status {
        case 400: return "A parameter is unknown or malformed; `parameter` names it."
        case 401: return "A bearer token is needed."
        case 403: return "The token may not do this."
        case 404: return "No such indicator or region."
        case 406: return "Neither JSON nor CSV is acceptable to the client."
        case 409: return "Conflict."
        case 412: return "The If-Match ETag is stale."
        case 413: return "The body is too large."
        case 422: return "The body is well-formed but its values are not valid."
        case 415: return "The body's media type is not accepted."
        case 429: return "Too many failed authentications from this address within a minute; Retry-After says when to try again. A valid token is never refused."
        default: return "Error."
        }
    }
}
