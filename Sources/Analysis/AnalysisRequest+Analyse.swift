import Domain

extension AnalysisRequest {
    /// The earliest period a query must read for an answer from `from` on: the start of the year
    /// before, when a transformation looks back (a year ago, or a flow's increment across the
    /// year's end); the start of `from`'s year when a derived year needs its first quarters.
    public func readingStart(for from: Period) -> Period {
        if units.looksBack { return .year(from.year - 1) }
        if frequency != nil { return .year(from.year) }
        return from
    }

    /// The series' answer: aggregated to `frequency` if asked, transformed, then cut to
    /// `from`…`to` as the store cuts (`from` by the start of its period, `to` by its end).
    /// `values` may reach before `from` (see `readingStart(for:)`): those periods serve only as
    /// priors.
    public func analyse(_ values: [Period: Double], profile: SeriesProfile,
                        from: Period? = nil, to: Period? = nil) -> AnalysedSeries {
        let points: [SeriesPoint]
        if let frequency {
            let aggregation = FrequencyAggregation(target: frequency, method: aggregation, includesPartial: partial)
            points = aggregation.aggregate(values, profile: profile)
        } else {
            points = values.map { SeriesPoint(period: $0.key, value: $0.value) }
        }
        let transformed = units.apply(to: points, profile: profile).filter { point in
            (from.map { point.period.sortKey >= $0.startSortKey } ?? true) && (to.map { point.period.sortKey <= $0.sortKey } ?? true)
        }
        return AnalysedSeries(unit: units.unit(for: profile.unit), points: transformed)
    }
}
