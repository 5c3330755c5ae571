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
    /// For a derived indicator (`rd_expenditure_growth`), the code it derives from.
    public var base: String?

    public init(
        code: String, nameZh: String, nameEn: String, unit: IndicatorUnit, category: String,
        aggregation: Aggregation, higherIsBetter: Bool = true, description: String = "",
        aliasesZh: [String] = [], frequencies: [Frequency] = Frequency.allCases,
        minimum: Double? = nil, maximum: Double? = nil, base: String? = nil
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
        self.base = base
    }

    /// The indicators derived from this one: growth, rank, growth rank and target completion for
    /// every base indicator, and a change in percentage points for a percent one.
    public func derived() -> [Indicator] {
        DerivedMeasure.allCases.filter { $0.applies(to: unit) }.map { measure in
            switch measure {
            case .growth:
                return Indicator(
                    code: measure.code(for: code), nameZh: nameZh + "增速", nameEn: nameEn + " (growth, %)",
                    unit: .percent, category: category, aggregation: .last, higherIsBetter: higherIsBetter,
                    description: "Year-on-year growth rate of \(code).", frequencies: frequencies,
                    minimum: -100, maximum: nil, base: code)
            case .rank:
                return Indicator(
                    code: measure.code(for: code), nameZh: nameZh + "排名", nameEn: nameEn + " (rank)",
                    unit: .rank, category: category, aggregation: .last, higherIsBetter: false,
                    description: "Rank of \(code) among the regions of the scope recorded with each value.",
                    frequencies: frequencies, base: code)
            case .growthRank:
                return Indicator(
                    code: measure.code(for: code), nameZh: nameZh + "增速排名", nameEn: nameEn + " (growth rank)",
                    unit: .rank, category: category, aggregation: .last, higherIsBetter: false,
                    description: "Rank of the growth rate of \(code) within the recorded scope.",
                    frequencies: frequencies, base: code)
            case .changePercentagePoints:
                return Indicator(
                    code: measure.code(for: code), nameZh: nameZh + "变化", nameEn: nameEn + " (change, percentage points)",
                    unit: .percentagePoints, category: category, aggregation: .last, higherIsBetter: higherIsBetter,
                    description: "Change of \(code) against the year before, in percentage points (提高0.1个百分点).",
                    frequencies: frequencies, base: code)
            case .targetCompletion:
                return Indicator(
                    code: measure.code(for: code), nameZh: nameZh + "目标完成率", nameEn: nameEn + " (target completion, %)",
                    unit: .percent, category: category, aggregation: .last, higherIsBetter: higherIsBetter,
                    description: "The actual value of \(code) as a percentage of its target (完成年度目标的107%).",
                    frequencies: frequencies, minimum: 0, maximum: nil, base: code)
            }
        }
    }
}

/// Growth rates and ranks of an indicator are indicators of their own, named by suffix.
public enum DerivedMeasure: String, Sendable, CaseIterable {
    case growth = "_growth"
    case rank = "_rank"
    case growthRank = "_growth_rank"
    /// 提高0.3个百分点: only a percent indicator changes by percentage points.
    case changePercentagePoints = "_change_pp"
    /// 年度任务完成率107%.
    case targetCompletion = "_target_completion"

    public func code(for base: String) -> String { base + rawValue }

    public func applies(to unit: IndicatorUnit) -> Bool {
        self != .changePercentagePoints || unit == .percent
    }
}
