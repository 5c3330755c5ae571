import HTTPServer

extension ReadAPI {
    static let regionList = ParameterSpec(name: "region", schema: .list,
                                          description: "Region codes, comma-separated (e.g. 330112,330122).")
    static let kind = ParameterSpec(name: "kind", schema: .oneOf(["actual", "target", "all"]),
                                    description: "Actual values (default), targets, or both.")
    static let status = ParameterSpec(name: "status", schema: .list,
                                      description: "Statuses, comma-separated: provisional, final, estimated, withdrawn. Default: all but withdrawn.")
    static let scope = ParameterSpec(name: "scope", schema: .oneOf(["nation", "province", "city", "district"]),
                                     description: "For ranks: the scope the rank is taken in.")
    static let asOf = ParameterSpec(name: "as_of", schema: .timestamp,
                                    description: "RFC 3339 timestamp: the values as they stood then.")
    static let limit = ParameterSpec(name: "limit", schema: .integer(min: 1, max: 10_000),
                                     description: "Rows per page (JSON default 1000; CSV default: everything, streamed).")
    static let cursor = ParameterSpec(name: "cursor", schema: .token(pattern: "^c1([0-9a-f]{2})+$"),
                                      description: "The `next` token of the previous page.")
    static let frequency = ParameterSpec(name: "frequency", schema: .oneOf(["year", "quarter", "month"]),
                                         description: "Only periods of this frequency.")
    static let from = ParameterSpec(name: "from", schema: .period, description: "First period (2020, 2020-Q1, 2020-01).")
    static let to = ParameterSpec(name: "to", schema: .period, description: "Last period.")
    static let fields = ParameterSpec(name: "fields", schema: .list,
                                      description: "Only these fields of each observation, comma-separated: indicator, region, period, kind, scope, value, unit, status, bound, revision, updated_at, source (default all).")

    static let indicatorsSpec = EndpointSpec(
        method: .GET, path: "/indicators", operationID: "listIndicators",
        summary: "The indicator catalogue, optionally with one region's latest values and targets.",
        parameters: [
            ParameterSpec(name: "category", schema: .string, description: "Only this category."),
            ParameterSpec(name: "q", schema: .string, description: "Matches codes, Chinese and English names, aliases."),
            ParameterSpec(name: "region", schema: .string, description: "Add this region's latest actual and target."),
            ParameterSpec(name: "year", schema: .integer(min: 1949, max: 9999),
                          description: "With region: the year whose target is shown (default: this year)."),
            ParameterSpec(name: "derived", schema: .boolean,
                          description: "Include the derived growth and rank indicators (default true)."),
            .format, .bom,
        ],
        csv: true, errors: [400, 404, 406], responseSchema: #"{"type":"object","properties":{"data":{"type":"array"}}}"#)

    static let indicatorSpec = EndpointSpec(
        method: .GET, path: "/indicators/{code}", operationID: "getIndicator", summary: "One indicator's metadata.",
        parameters: [.path("code", "Indicator code, e.g. rd_intensity.", example: "rd_intensity")], errors: [400, 404])

    static let seriesSpec = EndpointSpec(
        method: .GET, path: "/indicators/{code}/observations", operationID: "getSeries",
        summary: "An indicator's values over periods for one or more regions.",
        parameters: [
            .path("code", "Indicator code.", example: "rd_intensity"), regionList,
            ParameterSpec(name: "include", schema: .oneOf(["children"]),
                          description: "children: also every direct child of the regions given."),
            from, to, frequency, kind, status, scope, asOf,
            ParameterSpec(name: "latest", schema: .integer(min: 1, max: 1000),
                          description: "Only the N most recent periods of each region."),
            ParameterSpec(name: "sort", schema: .oneOf(["period", "-period"]), description: "Period order (default period)."),
            limit, cursor, fields, .format, .bom,
        ],
        csv: true, errors: [400, 404, 406], responseSchema: #"{"type":"object","properties":{"data":{"type":"array"},"next":{"type":["string","null"]}}}"#)

    static let crossSectionSpec = EndpointSpec(
        method: .GET, path: "/observations", operationID: "getCrossSection",
        summary: "Indicators at one period over regions: for maps and rankings.",
        parameters: [
            ParameterSpec(name: "indicator", schema: .list, description: "Indicator codes, comma-separated.", required: true,
                          example: "rd_intensity"),
            ParameterSpec(name: "period", schema: .period, description: "The period (2021, 2021-Q3, 2021-09)."),
            regionList,
            ParameterSpec(name: "parent", schema: .string, description: "Every direct child of this region."),
            kind, status, scope, asOf,
            ParameterSpec(name: "sort", schema: .oneOf(["region", "value", "-value"]),
                          description: "region (default), or value ascending / descending for rankings."),
            limit, cursor, fields, .format, .bom,
        ],
        csv: true, errors: [400, 404, 406], responseSchema: #"{"type":"object","properties":{"data":{"type":"array"},"next":{"type":["string","null"]}}}"#)

    static let regionsSpec = EndpointSpec(
        method: .GET, path: "/regions", operationID: "listRegions",
        summary: "Regions, parents first (by depth, then code), a page at a time; filtered by parent, level and a search.",
        parameters: [
            ParameterSpec(name: "parent", schema: .string, description: "Only the direct children of this region."),
            ParameterSpec(name: "level", schema: .oneOf(["nation", "province", "city", "district", "county", "zone"]),
                          description: "Only regions of this level; county is the whole county level (counties, county-level cities, banners and districts), district only districts."),
            ParameterSpec(name: "q", schema: .string,
                          description: "Search: digits match a code prefix; anything else a part of the Chinese name, an alias or the English name (鄞州, yinzhou).",
                          example: "鄞州"),
            ParameterSpec(name: "limit", schema: .integer(min: 1, max: 10_000),
                          description: "Regions per page (JSON default 1000; CSV default: all)."),
            ParameterSpec(name: "cursor", schema: .token(pattern: "^r[0-9]{1,2}-[0-9]{2,12}$"),
                          description: "The `next` token of the previous page."),
            .format, .bom,
        ],
        csv: true, errors: [400, 404, 406],
        responseSchema: #"{"type":"object","properties":{"data":{"type":"array"},"total":{"type":"integer"},"next":{"type":["string","null"]}}}"#)

    static let regionSpec = EndpointSpec(
        method: .GET, path: "/regions/{code}", operationID: "getRegion",
        summary: "One region with its parent, its ancestors and up to 100 children (child_count and children_url for all).",
        parameters: [.path("code", "Administrative division code, e.g. 330112.", example: "330112")], errors: [400, 404])

    static let progressSpec = EndpointSpec(
        method: .GET, path: "/progress", operationID: "getProgress",
        summary: "Every target of a region's year with the latest actual, achieved and expected ratio, and a status.",
        parameters: [
            ParameterSpec(name: "region", schema: .string, description: "Region code.", required: true),
            ParameterSpec(name: "year", schema: .integer(min: 1949, max: 9999), description: "Target year.", required: true),
            .format, .bom,
        ],
        csv: true, errors: [400, 404, 406], responseSchema: #"{"type":"object","properties":{"data":{"type":"array"}}}"#)

    static let openAPISpec = EndpointSpec(
        method: .GET, path: "/openapi.json", operationID: "getOpenAPI", summary: "This API's OpenAPI 3.1 description.",
        parameters: [], errors: [400])

    static let healthSpec = EndpointSpec(
        method: .GET, path: "/healthz", operationID: "getHealth", summary: "The process is alive.",
        parameters: [], errors: [400], responseSchema: #"{"type":"object","properties":{"status":{"type":"string"}}}"#,
        open: true)
}
