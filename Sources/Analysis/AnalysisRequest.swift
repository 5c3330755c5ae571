import Domain

/// What a series or cross-section request asks of the arithmetic: FRED's `units`, `frequency`
/// and `aggregation_method`, and whether a year still short of its end may be derived.
///
/// Without `frequency` every stored period is returned as it is; with it, only periods of that
/// frequency, derived from finer ones where none is stored (`FrequencyAggregation`).
public struct AnalysisRequest: Sendable, Hashable {
    public var units: Transformation
    public var frequency: Frequency?
    /// Nil: the indicator's default (`AggregationMethod.defaultMethod(for:)`).
    public var aggregation: AggregationMethod?
    public var partial: Bool

    public init(units: Transformation = .lin, frequency: Frequency? = nil,
                aggregation: AggregationMethod? = nil, partial: Bool = false) {
        self.units = units
        self.frequency = frequency
        self.aggregation = aggregation
        self.partial = partial
    }

    /// The request as the query gives it, each parameter's text or nil when absent.
    ///
    /// `aggregation=` and `partial=true` without `frequency=year` or `quarter` are refused, where
    /// FRED would ignore them: a request that cannot mean what it says should not succeed.
    public init(units: String?, frequency: String?, aggregation: String?, partial: String?)
        throws(AnalysisParameterError) {
        self.init()
        if let units { self.units = try Self.parse(units, .units, as: Transformation.self) }
        if let frequency { self.frequency = try Self.parse(frequency, .frequency, as: Frequency.self) }
        if let aggregation { self.aggregation = try Self.parse(aggregation, .aggregation, as: AggregationMethod.self) }
        if let partial {
            switch partial {
            case "true": self.partial = true
            case "false": self.partial = false
            default: throw .notAllowed(.partial, value: partial, allowed: ["true", "false"])
            }
        }
        let aggregates = self.frequency.map { $0 != .month } ?? false
        if self.aggregation != nil, !aggregates { throw .needsAggregatingFrequency(.aggregation) }
        if self.partial, !aggregates { throw .needsAggregatingFrequency(.partial) }
    }

    private static func parse<Value: RawRepresentable & CaseIterable>(
        _ text: String, _ parameter: AnalysisParameter, as _: Value.Type
    ) throws(AnalysisParameterError) -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            throw .notAllowed(parameter, value: text, allowed: Value.allCases.map(\.rawValue))
        }
        return value
    }
}
