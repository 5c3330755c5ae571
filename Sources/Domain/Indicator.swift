/// A catalogued indicator, as seeded from `config/indicators.yaml`.
public struct Indicator: Sendable, Hashable, Codable {
    public var code: String
    public var nameZh: String
    public var nameEn: String
    public var unit: IndicatorUnit
    public var category: String
    public var aggregation: Aggregation
    public var higherIsBetter: Bool
    public var description: String
    /// Other Chinese names reports use for it (国高企 for 国家高新技术企业): data for the extractor.
    public var aliasesZh: [String]
    /// Frequencies values may be reported at; a year is always allowed.
    public var frequencies: [Frequency]
    /// Inclusive bounds a value must lie in, when the unit's defaults do not fit.
    public var minimum: Double?
    public var maximum: Double?

    public init(
        code: String, nameZh: String, nameEn: String, unit: IndicatorUnit, category: String,
        aggregation: Aggregation, higherIsBetter: Bool = true, description: String = "",
        aliasesZh: [String] = [], frequencies: [Frequency] = Frequency.allCases,
        minimum: Double? = nil, maximum: Double? = nil
    ) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.unit = unit
        self.category = category
        self.aggregation = aggregation
        self.higherIsBetter = higherIsBetter
        self.description = description
        self.aliasesZh = aliasesZh
        self.frequencies = frequencies
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// Growth rates and ranks of an indicator are indicators of their own, named by suffix.
public enum DerivedMeasure: String, Sendable, CaseIterable {
    case growth = "_growth"
    case rank = "_rank"
    case growthRank = "_growth_rank"

    public func code(for base: String) -> String { base + rawValue }
}
