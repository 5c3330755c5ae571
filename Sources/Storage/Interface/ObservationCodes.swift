import Domain

/// The catalogue's codes numbered for `ObservationBatch`: indicators and regions each in byte
/// order, so that rows sorted by number are sorted as SQLite's indexes sort the codes. Made once
/// per catalogue snapshot.
public struct ObservationCodes: Sendable {
    public let indicators: [String]
    /// Per indicator: whether it is a flow, whose year-to-date values should not fall.
    public let flows: [Bool]
    public let regions: [String]
    public let indicatorNumbers: [String: Int]
    public let regionNumbers: [String: Int]

    init(indicators: [Indicator], regions: [Region]) {
        let sorted = indicators.sorted { $0.code.utf8.lexicographicallyPrecedes($1.code.utf8) }
        self.indicators = sorted.map(\.code)
        flows = sorted.map { $0.aggregation == .sum }
        self.regions = regions.map(\.code).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        indicatorNumbers = Dictionary(self.indicators.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        regionNumbers = Dictionary(self.regions.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The numbering of one indicator and one region, for a batch of one.
    init(indicator: String, region: String) {
        indicators = [indicator]
        flows = [false]
        regions = [region]
        indicatorNumbers = [indicator: 0]
        regionNumbers = [region: 0]
    }
}
