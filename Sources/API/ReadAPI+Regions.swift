import Domain
import HTTPServer
import Storage

/// `GET /regions` and `GET /regions/{code}`: the hierarchy of 3,600 regions, paged and
/// searchable, answered from the catalogue snapshot's `RegionIndex` without a query.
extension ReadAPI {
    /// At most this many children are written into one region; `child_count` and
    /// `/regions?parent=` give the rest (no division has more than 50, an admin's might).
    static let inlineChildren = 100

    func regions(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let catalogue = try store.catalogue()
        let index = catalogue.regionIndex
        let representation = try Representation.negotiate(request, format: p.string("format"), csvOffered: true)
        var query = RegionIndex.Query()
        if let parent = try p.string("parent") {
            guard catalogue.hasRegion(parent) else { throw Problems.notFound("region", parent, parameter: "parent") }
            query.parent = parent
        }
        query.level = try p.oneOf("level", RegionLevel.self)
        if let text = try p.string("q") {
            guard text.count <= 100 else { throw Problems.badParameter("q", "longer than 100 characters") }
            query.text = text
        }
        let limit = try p.int("limit", in: 1...maximumLimit)
        let matches = index.matches(query)
        var start = 0
        if let token = try p.string("cursor") {
            guard let cursor = RegionCursor(token: token) else {
                throw Problems.badParameter("cursor", "not a cursor of /regions; use the `next` value of the previous page")
            }
            start = index.start(of: matches, after: cursor)
        }
        // Like the observations: a JSON page holds 1000 by default, a CSV without limit everything.
        let size = limit ?? (representation == .csv ? matches.count : defaultLimit)
        let page = matches[start..<min(matches.count, start + size)]
        let next = page.endIndex < matches.count ? page.last.map { index.cursor(after: $0) } : nil
        let links = Self.links(request, token: next?.token)
        switch representation {
        case .json:
            var json = JSONWriter(capacity: 256 + page.count * 220)
            json.beginObject()
            json.key("data")
            json.beginArray()
            for ordinal in page { Self.writeListed(index.ordered[ordinal], index: index, into: &json) }
            json.endArray()
            json.key("total"); json.int(matches.count)
            json.key("next"); json.string(next?.token)
            json.endObject()
            return ConditionalGET.respond(request, contentType: Representation.json.contentType, body: json.bytes,
                                          extraHeaders: links)
        case .csv:
            var csv = CSVWriter(bom: try p.bool("bom"))
            csv.row(["code", "name_zh", "name_en", "level", "parent"])
            for ordinal in page {
                let r = index.ordered[ordinal]
                csv.row([r.code, r.nameZh, r.nameEn, r.level.rawValue, r.parent ?? ""])
            }
            return ConditionalGET.respond(request, contentType: Representation.csv.contentType, body: csv.bytes,
                                          extraHeaders: links)
        }
    }

    func region(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let index = try store.catalogue().regionIndex
        let code = request.parameters["code"] ?? ""
        guard let region = index.region(code) else { throw Problems.notFound("region", code) }
        var json = JSONWriter()
        json.beginObject()
        Self.writeRegionFields(region, into: &json)
        json.key("child_count"); json.int(index.childCount(of: code))
        json.key("parent_region")
        if let parent = region.parent.flatMap({ index.region($0) }) {
            Self.writeListed(parent, index: index, into: &json)
        } else {
            json.null()
        }
        // From the top down, for breadcrumbs: 浙江省 › 杭州市.
        var ancestors: [Region] = []
        var current = region.parent.flatMap { index.region($0) }
        while let r = current, ancestors.count < 16 {
            ancestors.append(r)
            current = r.parent.flatMap { index.region($0) }
        }
        json.key("ancestors")
        json.beginArray()
        for ancestor in ancestors.reversed() {
            json.beginObject()
            json.key("code"); json.string(ancestor.code)
            json.key("name_zh"); json.string(ancestor.nameZh)
            json.key("name_en"); json.string(ancestor.nameEn)
            json.key("level"); json.string(ancestor.level.rawValue)
            json.endObject()
        }
        json.endArray()
        json.key("children")
        json.beginArray()
        for ordinal in index.children(of: code).prefix(Self.inlineChildren) {
            Self.writeListed(index.ordered[ordinal], index: index, into: &json)
        }
        json.endArray()
        json.key("children_url"); json.string("/regions?parent=\(code)")
        json.endObject()
        return ConditionalGET.respond(request, contentType: Representation.json.contentType, body: json.bytes)
    }

    /// A region as lists show it: its fields, its parent's name (西湖区 is in 杭州市 and in 南昌市)
    /// and how many children it has.
    static func writeListed(_ region: Region, index: RegionIndex, into json: inout JSONWriter) {
        json.beginObject()
        writeRegionFields(region, into: &json)
        json.key("parent_name_zh"); json.string(region.parent.flatMap { index.region($0)?.nameZh })
        json.key("child_count"); json.int(index.childCount(of: region.code))
        json.endObject()
    }

    static func write(_ region: Region, into json: inout JSONWriter) {
        json.beginObject()
        writeRegionFields(region, into: &json)
        json.endObject()
    }

    static func writeRegionFields(_ region: Region, into json: inout JSONWriter) {
        json.key("code"); json.string(region.code)
        json.key("name_zh"); json.string(region.nameZh)
        json.key("name_en"); json.string(region.nameEn)
        json.key("level"); json.string(region.level.rawValue)
        json.key("parent"); json.string(region.parent)
        json.key("aliases_zh")
        json.beginArray()
        for alias in region.aliasesZh { json.string(alias) }
        json.endArray()
    }
}
