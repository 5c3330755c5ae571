/// The unit an indicator's values are stored in: always base units (yuan, not 亿元).
public enum IndicatorUnit: String, Sendable, CaseIterable, Codable {
    case percent, yuan, count, index, rank
    case per1000Enterprises = "per_1000_enterprises"
    /// 每万人发明专利拥有量: a count per 10,000 residents, fractional.
    case per10kPeople = "per_10k_people"
    case percentagePoints = "percentage_points"
}

/// How quarterly year-to-date values relate to the year: flows add up (`sum`), stocks and ratios
/// are read at the period's end (`last`).
public enum Aggregation: String, Sendable, CaseIterable, Codable {
    case sum, last
}
