import Domain
import HTTPServer

/// What one endpoint accepts and answers. The same description drives the strict query
/// parameter check (anything not listed is a 400) and the OpenAPI document, so the two cannot
/// drift apart.
struct EndpointSpec: Sendable {
    var method: HTTPMethod
    var path: String
    var operationID: String
    var summary: String
    var parameters: [ParameterSpec]
    /// Whether `Accept: text/csv` / `format=csv` is offered.
    var csv: Bool = false
    /// Status codes besides 200 that it may answer, with what they mean.
    var errors: [Int] = [400, 404]
    var responseSchema: String = #"{"type":"object"}"#
    /// The media types the request body may have, with a JSON schema each; nil: no body.
    var requestBody: [(type: String, schema: String)]? = nil
    /// False where the body may be left out (the review calls take an optional JSON object).
    var requestBodyRequired: Bool = true
    /// The role a bearer token needs to call it; nil: none (unless reads need one, see
    /// `Authentication`).
    var role: TokenRole? = nil
    /// Answered without a token even when reads need one (`/healthz`, for probes).
    var open: Bool = false

    var needsToken: Bool { role != nil }
}

struct ParameterSpec: Sendable {
    enum Location: String, Sendable { case query, path }

    enum Schema: Sendable {
        case string
        /// A comma-separated list of strings.
        case list
        case integer(min: Int, max: Int)
        case oneOf([String])
        case boolean
        case period
        case timestamp
        /// An opaque token matching a pattern (cursors).
        case token(pattern: String)
    }

    var name: String
    var location: Location = .query
    var schema: Schema
    var description: String
    var required: Bool = false
    /// A value that exists in a seeded database, for the document's readers and test generators.
    var example: String? = nil
}

extension ParameterSpec {
    static func path(_ name: String, _ description: String, schema: Schema = .string, example: String? = nil) -> ParameterSpec {
        ParameterSpec(name: name, location: .path, schema: schema, description: description, required: true, example: example)
    }

    static let format = ParameterSpec(name: "format", schema: .oneOf(["json", "csv"]),
                                      description: "Response format; overrides the Accept header.")
    static let bom = ParameterSpec(name: "bom", schema: .boolean,
                                   description: "With CSV: start with a UTF-8 byte-order mark, for Excel.")
}
