import Domain
import HTTPServer
import Storage

extension ReadAPI {
    /// Every target of a region's year beside the latest actual of that year: the year's own
    /// value when there is one, else the latest quarter or month (year-to-date).
    func progress(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let catalogue = try store.catalogue()
        let representation = try Representation.negotiate(request, format: p.string("format"), csvOffered: true)
        let region = try p.string("region") ?? ""
        guard catalogue.regionsByCode[region] != nil else { throw Problems.notFound("region", region, parameter: "region") }
        let year = try p.int("year", in: 1949...9999) ?? Self.currentYear()
        // An indicator with no target anywhere has none here either.
        let targetPeriods = try store.latestPeriods(kind: .target)
        var yearTargets = ObservationQuery(indicators: catalogue.indicators.map(\.code).filter { targetPeriods[$0] != nil },
                                           regions: [region], kinds: [.target], limit: maximumLimit)
        yearTargets.period = .year(year)
        let targets = try store.observations(yearTargets).observations
        let codes = Array(Set(targets.map(\.key.indicator)))
        // Without ranks every scope is empty: saying so makes each indicator's year one short
        // range of the unique key, not a walk through every period of the region.
        let unscoped = codes.allSatisfy { catalogue.unit(of: $0).map { $0 != .rank } ?? false }
        var thisYear = ObservationQuery(indicators: codes, regions: [region], from: .year(year), to: .year(year),
                                        kinds: [.actual], limit: maximumLimit)
        thisYear.unscoped = unscoped
        let actuals = try store.observations(thisYear).observations
        var lastYear = ObservationQuery(indicators: codes, regions: [region], kinds: [.actual], limit: maximumLimit)
        lastYear.period = .year(year - 1)
        lastYear.unscoped = unscoped
        let previous = try store.observations(lastYear).observations

        struct Line {
            var target: StoredObservation
            var indicator: Indicator?
            var actual: StoredObservation?
            var progress: TargetProgress
        }
        // By indicator and scope, the year's latest actual and last year's value.
        struct Key: Hashable { var indicator: String; var scope: RankScope? }
        func key(_ o: StoredObservation) -> Key { Key(indicator: o.key.indicator, scope: o.key.scope) }
        var latestActual: [Key: StoredObservation] = [:]
        for o in actuals where latestActual[key(o)].map({ $0.key.period < o.key.period }) ?? true { latestActual[key(o)] = o }
        var lastValue: [Key: Double?] = [:]
        for o in previous where lastValue[key(o)] == nil { lastValue[key(o)] = o.value }
        let lines: [Line] = targets.compactMap { target in
            guard let value = target.value else { return nil }
            let indicator = catalogue.indicatorsByCode[target.key.indicator]
            let actual = latestActual[key(target)]
            let last = lastValue[key(target)] ?? nil
            let progress = TargetProgress(
                target: value, bound: target.bound, higherIsBetter: indicator?.higherIsBetter ?? true,
                aggregation: indicator?.aggregation ?? .last, actual: actual?.value, actualPeriod: actual?.key.period,
                previousYear: last)
            return Line(target: target, indicator: indicator, actual: actual, progress: progress)
        }.sorted { $0.target.key.indicator < $1.target.key.indicator }

        switch representation {
        case .json:
            var json = JSONWriter(capacity: 512 + lines.count * 400)
            json.beginObject()
            json.key("region"); json.string(region)
            json.key("year"); json.int(year)
            json.key("data")
            json.beginArray()
            for line in lines {
                json.beginObject()
                json.key("indicator"); json.string(line.target.key.indicator)
                json.key("name_zh"); json.string(line.indicator?.nameZh)
                json.key("name_en"); json.string(line.indicator?.nameEn)
                json.key("unit"); json.string(line.indicator?.unit.rawValue)
                json.key("aggregation"); json.string(line.indicator?.aggregation.rawValue)
                json.key("scope"); json.string(line.target.key.scope?.rawValue)
                json.key("target"); json.number(line.target.value)
                json.key("bound"); json.string(line.target.bound?.rawValue)
                json.key("actual"); json.number(line.actual?.value)
                json.key("actual_period"); json.string(line.actual?.key.period.description)
                json.key("actual_status"); json.string(line.actual?.status.rawValue)
                json.key("achieved_ratio"); json.number(line.progress.achieved)
                json.key("expected_ratio"); json.number(line.progress.expected)
                json.key("status"); json.string(line.progress.status.rawValue)
                json.endObject()
            }
            json.endArray()
            json.endObject()
            return ConditionalGET.respond(request, contentType: Representation.json.contentType, body: json.bytes)
        case .csv:
            var csv = CSVWriter(bom: try p.bool("bom"))
            csv.row(["indicator", "name_zh", "unit", "scope", "target", "bound", "actual", "actual_period", "achieved_ratio",
                     "expected_ratio", "status"])
            for line in lines {
                csv.row([line.target.key.indicator, line.indicator?.nameZh ?? "", line.indicator?.unit.rawValue ?? "",
                         line.target.key.scope?.rawValue ?? "", line.target.value.map(JSONWriter.format) ?? "",
                         line.target.bound?.rawValue ?? "", line.actual?.value.map(JSONWriter.format) ?? "",
                         line.actual?.key.period.description ?? "", line.progress.achieved.map(JSONWriter.format) ?? "",
                         line.progress.expected.map(JSONWriter.format) ?? "", line.progress.status.rawValue])
            }
            return ConditionalGET.respond(request, contentType: Representation.csv.contentType, body: csv.bytes)
        }
    }
}
