import Domain
import HTTPServer
import Storage

extension ReadAPI {
    func series(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let catalogue = try store.catalogue()
        let code = request.parameters["code"] ?? ""
        guard catalogue.hasIndicator(code) else { throw Problems.notFound("indicator", code) }
        var regions = try regionCodes(p.list("region"), catalogue: catalogue, parameter: "region")
        if try p.string("include") == "children" {
            regions += regions.flatMap { catalogue.childrenByCode[$0, default: []].map(\.code) }
        }
        let order = try p.oneOf("sort", ObservationQuery.Order.self) ?? .period
        var query = ObservationQuery(indicators: [code], regions: regions.isEmpty ? nil : regions, order: order)
        try applyCommonFilters(p, to: &query)
        query.from = try p.period("from")
        query.to = try p.period("to")
        query.frequency = try p.oneOf("frequency", Frequency.self)
        query.latest = try p.int("latest", in: 1...1000)
        return try page(request, p, query: query, catalogue: catalogue)
    }

    func crossSection(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let catalogue = try store.catalogue()
        let indicators = try p.list("indicator")
        for code in indicators where !catalogue.hasIndicator(code) {
            throw Problems.notFound("indicator", code, parameter: "indicator")
        }
        let listed = try regionCodes(p.list("region"), catalogue: catalogue, parameter: "region")
        var regions: [String]? = listed.isEmpty ? nil : listed
        var parentOfAll: String?
        if let parent = try p.string("parent") {
            guard catalogue.hasRegion(parent) else { throw Problems.notFound("region", parent, parameter: "parent") }
            if listed.isEmpty {
                // The database picks the children: a city of 3,000 districts costs a page, not a
                // list of 3,000 codes. A childless parent gives none.
                parentOfAll = parent
            } else {
                // Both given: the listed regions among the children.
                let children = catalogue.childrenByCode[parent, default: []].map(\.code)
                regions = listed.filter(children.contains)
            }
        }
        let order = try p.oneOf("sort", ObservationQuery.Order.self) ?? .region
        var query = ObservationQuery(indicators: indicators, regions: regions, order: order)
        query.parent = parentOfAll
        try applyCommonFilters(p, to: &query)
        query.period = try p.period("period")
        return try page(request, p, query: query, catalogue: catalogue)
    }

    private func applyCommonFilters(_ p: QueryParameters, to query: inout ObservationQuery) throws(ProblemDetails) {
        switch try p.string("kind") ?? "actual" {
        case "target": query.kinds = [.target]
        case "all": query.kinds = [.actual, .target]
        default: query.kinds = [.actual]
        }
        query.statuses = try p.list("status", of: ObservationStatus.self,
                                    allowed: ObservationStatus.allCases.map(\.rawValue))
        query.scope = try p.oneOf("scope", RankScope.self)
        query.asOf = try p.timestamp("as_of")
    }

    private func regionCodes(_ codes: [String], catalogue: CatalogueSnapshot, parameter: String) throws(ProblemDetails) -> [String] {
        for code in codes where !catalogue.hasRegion(code) {
            throw Problems.notFound("region", code, parameter: parameter)
        }
        return codes
    }

    /// Answers one page as JSON, or CSV: a CSV without `limit` streams every page.
    private func page(_ request: HTTPRequest, _ p: QueryParameters, query: ObservationQuery,
                      catalogue: CatalogueSnapshot) throws -> HTTPResponse {
        var query = query
        query.unscoped = query.indicators.allSatisfy { catalogue.unit(of: $0).map { $0 != .rank } ?? false }
        let representation = try Representation.negotiate(request, format: p.string("format"), csvOffered: true)
        let explicitLimit = try p.int("limit", in: 1...maximumLimit)
        if let token = try p.string("cursor") {
            guard let cursor = PageCursor(token: token, order: query.order) else {
                throw Problems.badParameter("cursor", "not a cursor of this query; use the `next` value of the previous page")
            }
            query.after = cursor
        }
        let units = UnitLookup(catalogue: catalogue)
        let fields = try ObservationFieldSet.parse(p.list("fields"))
        if representation == .csv, explicitLimit == nil {
            return try streamedCSV(request, query: query, units: units, columns: fields.csvColumns, bom: p.bool("bom"))
        }
        query.limit = explicitLimit ?? defaultLimit
        switch representation {
        case .json:
            query.columns = fields.storedColumns
            // Written while SQLite holds the rows: no decoded copy of the page in between.
            // About 260 bytes a row: a 20-value series fits without growing.
            var json = JSONWriter(capacity: 8192)
            json.beginObject()
            json.key("data")
            json.beginArray()
            var newest: Timestamp?
            var unit = RowUnit(units: units)
            let next = try store.observations(query) { row in
                ObservationEncoding.write(row, unit: unit.of(row), fields: fields, into: &json)
                let updated = row.updatedAt
                if newest.map({ updated > $0 }) ?? true { newest = updated }
            }
            json.endArray()
            json.key("next"); json.string(next?.token)
            json.endObject()
            return ConditionalGET.respond(request, contentType: Representation.json.contentType, body: json.bytes,
                                          lastModified: newest, extraHeaders: Self.links(request, next))
        case .csv:
            let result = try store.observations(query)
            let columns = fields.csvColumns
            var csv = CSVWriter(bom: try p.bool("bom"))
            csv.row(ObservationEncoding.csvHeader(columns))
            for o in result.observations { csv.row(ObservationEncoding.csvRow(o, unit: units[o.key.indicator], columns: columns)) }
            return ConditionalGET.respond(request, contentType: Representation.csv.contentType, body: csv.bytes,
                                          lastModified: result.observations.map(\.updatedAt).max(),
                                          extraHeaders: Self.links(request, result.next))
        }
    }

    /// Every row as CSV, page by page from the worker pool, never all in memory. The ETag comes
    /// from the data version and the request, since the body is not known up front.
    private func streamedCSV(_ request: HTTPRequest, query: ObservationQuery, units: UnitLookup, columns: [Int],
                             bom: Bool) throws -> HTTPResponse {
        let version = try store.dataVersion()
        let etag = "\"v\(version)-" + EntityTag.hash(Array((request.target + "|" + (request.headers["Accept"] ?? "")).utf8)) + "\""
        var headers = HTTPHeaders([("ETag", etag), ("Cache-Control", "no-cache"), ("Vary", "Accept")])
        if let match = request.headers["If-None-Match"], ConditionalGET.matches(match, etag) {
            return HTTPResponse(status: .notModified, headers: headers, body: .empty)
        }
        headers.add("Content-Type", Representation.csv.contentType)
        let store = self.store
        return HTTPResponse(status: .ok, headers: headers, body: .stream { writer in
            var csv = CSVWriter(bom: bom)
            csv.row(ObservationEncoding.csvHeader(columns))
            var page = query
            page.limit = 2000
            while true {
                let result = try store.observations(page)
                for o in result.observations { csv.row(ObservationEncoding.csvRow(o, unit: units[o.key.indicator], columns: columns)) }
                try writer.write(csv.take())
                guard let next = result.next else { return }
                page.after = next
            }
        })
    }

    static func links(_ request: HTTPRequest, _ next: PageCursor?) -> [(String, String)] {
        links(request, token: next?.token)
    }

    /// A `Link: rel="next"` header for the page after this one, if there is one.
    static func links(_ request: HTTPRequest, token: String?) -> [(String, String)] {
        guard let token else { return [] }
        return [("Link", "<\(nextURL(request, token: token))>; rel=\"next\"")]
    }

    static func nextURL(_ request: HTTPRequest, token: String) -> String {
        var parts = request.query.filter { $0.name != "cursor" }.map { "\(percentEncode($0.name))=\(percentEncode($0.value))" }
        parts.append("cursor=\(token)")
        return request.path.split(separator: "/").map { percentEncode(String($0)) }.reduce("") { $0 + "/" + $1 }
            + "?" + parts.joined(separator: "&")
    }

    static func percentEncode(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "~"), UInt8(ascii: ","):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (byte < 16 ? "0" : "") + hex
            }
        }
        return out
    }
}
