import Domain
import HTTPServer
import Storage

extension ReadAPI {
    func indicators(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let catalogue = try store.catalogue()
        let representation = try Representation.negotiate(request, format: p.string("format"), csvOffered: true)
        let category = try p.string("category")
        let search = try p.string("q")?.lowercased()
        let includeDerived = try p.string("derived") == nil ? true : p.bool("derived")
        let selected = catalogue.indicators.filter { indicator in
            (category == nil || indicator.category == category)
                && (includeDerived || indicator.base == nil)
                && (search.map { q in
                    indicator.code.contains(q) || indicator.nameEn.lowercased().contains(q) || indicator.nameZh.contains(q)
                        || indicator.aliasesZh.contains { $0.lowercased().contains(q) }
                } ?? true)
        }
        var latest: [String: StoredObservation] = [:]
        var targets: [String: StoredObservation] = [:]
        var regionCode: String?
        let latestPeriods = try store.latestPeriods(kind: .actual)
        if let region = try p.string("region") {
            guard catalogue.regionsByCode[region] != nil else { throw Problems.notFound("region", region, parameter: "region") }
            regionCode = region
            let year = try p.int("year", in: 1949...9999) ?? Self.currentYear()
            // An indicator with no actual (or no target) anywhere has none here either.
            let withActuals = selected.filter { latestPeriods[$0.code] != nil }
            // Only ranks have scopes (a rank among the provinces, one among the cities): of their
            // latest ranks, the earliest is shown, as it always was.
            let actuals = try store.latestObservations(
                region: region, indicators: withActuals.map { (code: $0.code, scoped: $0.unit == .rank) }, kind: .actual)
            for o in actuals {
                if let kept = latest[o.key.indicator], Self.sortsBefore(kept, o) { continue }
                latest[o.key.indicator] = o
            }
            let targetPeriods = try store.latestPeriods(kind: .target)
            var yearTargets = ObservationQuery(indicators: selected.map(\.code).filter { targetPeriods[$0] != nil },
                                               regions: [region], kinds: [.target], limit: maximumLimit)
            yearTargets.period = .year(year)
            for o in try store.observations(yearTargets).observations where targets[o.key.indicator] == nil {
                targets[o.key.indicator] = o
            }
        }

        switch representation {
        case .json:
            var json = JSONWriter(capacity: selected.count * 600)
            json.beginObject()
            json.key("data")
            json.beginArray()
            for indicator in selected {
                json.beginObject()
                Self.writeFields(indicator, into: &json)
                json.key("latest_period"); json.string(latestPeriods[indicator.code]?.description)
                if regionCode != nil {
                    json.key("latest")
                    if let o = latest[indicator.code] { Self.writeBrief(o, into: &json) } else { json.null() }
                    json.key("target")
                    if let o = targets[indicator.code] { Self.writeBrief(o, into: &json) } else { json.null() }
                }
                json.endObject()
            }
            json.endArray()
            json.endObject()
            return ConditionalGET.respond(request, contentType: Representation.json.contentType, body: json.bytes)
        case .csv:
            var csv = CSVWriter(bom: try p.bool("bom"))
            var header = ["code", "name_zh", "name_en", "unit", "category", "aggregation", "higher_is_better", "base",
                          "latest_period"]
            if regionCode != nil {
                header += ["latest_value", "latest_period_of_region", "latest_status", "target_value", "target_bound"]
            }
            csv.row(header)
            for indicator in selected {
                var row = [indicator.code, indicator.nameZh, indicator.nameEn, indicator.unit.rawValue, indicator.category,
                           indicator.aggregation.rawValue, indicator.higherIsBetter ? "true" : "false", indicator.base ?? "",
                           latestPeriods[indicator.code]?.description ?? ""]
                if regionCode != nil {
                    let l = latest[indicator.code], t = targets[indicator.code]
                    row += [l?.value.map(JSONWriter.format) ?? "", l?.key.period.description ?? "", l?.status.rawValue ?? "",
                            t?.value.map(JSONWriter.format) ?? "", t?.bound?.rawValue ?? ""]
                }
                csv.row(row)
            }
            return ConditionalGET.respond(request, contentType: Representation.csv.contentType, body: csv.bytes)
        }
    }

    func indicator(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let catalogue = try store.catalogue()
        let code = request.parameters["code"] ?? ""
        guard let indicator = catalogue.indicatorsByCode[code] else { throw Problems.notFound("indicator", code) }
        var json = JSONWriter()
        json.beginObject()
        Self.writeFields(indicator, into: &json)
        json.key("latest_period"); json.string(try store.latestPeriods(kind: .actual)[code]?.description)
        json.key("derived")
        json.beginArray()
        for derived in catalogue.indicators where derived.base == code { json.string(derived.code) }
        json.endArray()
        json.endObject()
        return ConditionalGET.respond(request, contentType: Representation.json.contentType, body: json.bytes)
    }

    static func writeFields(_ indicator: Indicator, into json: inout JSONWriter) {
        json.key("code"); json.string(indicator.code)
        json.key("name_zh"); json.string(indicator.nameZh)
        json.key("name_en"); json.string(indicator.nameEn)
        json.key("unit"); json.string(indicator.unit.rawValue)
        json.key("category"); json.string(indicator.category)
        json.key("aggregation"); json.string(indicator.aggregation.rawValue)
        json.key("higher_is_better"); json.bool(indicator.higherIsBetter)
        json.key("description"); json.string(indicator.description)
        json.key("frequencies")
        json.beginArray()
        for f in indicator.frequencies { json.string(f.rawValue) }
        json.endArray()
        json.key("aliases_zh")
        json.beginArray()
        for a in indicator.aliasesZh { json.string(a) }
        json.endArray()
        json.key("base"); json.string(indicator.base)
    }

    static func writeBrief(_ o: StoredObservation, into json: inout JSONWriter) {
        json.beginObject()
        json.key("value"); json.number(o.value)
        json.key("period"); json.string(o.key.period.description)
        json.key("status"); json.string(o.status.rawValue)
        json.key("bound"); json.string(o.bound?.rawValue)
        json.key("scope"); json.string(o.key.scope?.rawValue)
        json.endObject()
    }

    /// Whether `a` comes before `b` in one indicator's series order: period, then kind and scope,
    /// then id.
    static func sortsBefore(_ a: StoredObservation, _ b: StoredObservation) -> Bool {
        let sa = a.key.scope?.rawValue ?? "", sb = b.key.scope?.rawValue ?? ""
        if a.key.period.sortKey != b.key.period.sortKey { return a.key.period.sortKey < b.key.period.sortKey }
        if sa != sb { return sa < sb }
        return a.id < b.id
    }

    static func currentYear() -> Int {
        Int(Timestamp.now().rfc3339.prefix(4)) ?? 2026
    }
}
