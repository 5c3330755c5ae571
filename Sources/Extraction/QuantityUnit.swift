/// What a number in the text measures, as read from the words after it.
enum QuantityUnit: Sendable, Equatable {
    /// No unit: an index value, or a per-1000 ratio written bare.
    case none
    case money
    case percent
    /// 个百分点: a change in a percentage, never a growth rate.
    case percentagePoints
    /// 倍: a multiple, as in 增长1.2倍.
    case times
    /// A count with its classifier (家, 项, 人次…).
    case count(String)
}
