import Analysis
import Domain

/// Points of a series from a literal, in any order.
func series(_ values: [Period: Double]) -> [SeriesPoint] {
    values.map { SeriesPoint(period: $0.key, value: $0.value) }
}
