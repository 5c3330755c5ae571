import Domain

/// The catalogue as one immutable object, for lookups on every request without a query. A
/// class, so that handing it to a request costs one reference count, not one per table.
public final class CatalogueSnapshot: Sendable {
    public let indicators: [Indicator]
    public let regions: [Region]
    public let indicatorsByCode: [String: Indicator]
    public let regionsByCode: [String: Region]
    public let childrenByCode: [String: [Region]]
    /// Every region code, for validators that would otherwise build this set per request.
    public let regionCodes: Set<String>
    /// Listing order, per-level and per-parent lists and name search: what `GET /regions` reads.
    public let regionIndex: RegionIndex
    /// The codes numbered for bulk imports.
    public let observationCodes: ObservationCodes
    /// Each indicator's unit, so that the hot read paths need not copy whole `Indicator`s.
    private let unitsByCode: [String: IndicatorUnit]

    init(indicators: [Indicator], regions: [Region]) {
        self.indicators = indicators
        self.regions = regions
        indicatorsByCode = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        regionsByCode = Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var children: [String: [Region]] = [:]
        for region in regions {
            if let parent = region.parent { children[parent, default: []].append(region) }
        }
        childrenByCode = children
        regionCodes = Set(regionsByCode.keys)
        regionIndex = RegionIndex(regions: regions)
        observationCodes = ObservationCodes(indicators: indicators, regions: regions)
        unitsByCode = Dictionary(indicators.map { ($0.code, $0.unit) }, uniquingKeysWith: { a, _ in a })
    }

    public func hasIndicator(_ code: String) -> Bool { unitsByCode.index(forKey: code) != nil }
    public func hasRegion(_ code: String) -> Bool { regionsByCode.index(forKey: code) != nil }
    public func unit(of indicator: String) -> IndicatorUnit? { unitsByCode[indicator] }
}
