import Domain

/// The catalogue as one immutable value, for lookups on every request without a query.
public struct CatalogueSnapshot: Sendable {
    public let indicators: [Indicator]
    public let regions: [Region]
    public let indicatorsByCode: [String: Indicator]
    public let regionsByCode: [String: Region]
    public let childrenByCode: [String: [Region]]
    /// The codes numbered for bulk imports.
    public let observationCodes: ObservationCodes

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
        observationCodes = ObservationCodes(indicators: indicators, regions: regions)
    }
}
