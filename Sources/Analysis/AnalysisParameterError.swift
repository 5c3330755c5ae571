/// A bad `units=`, `frequency=`, `aggregation=` or `partial=`: names the parameter and says why,
/// for the API to answer 400.
public enum AnalysisParameterError: Error, Sendable, Hashable {
    /// The value is not one the parameter takes.
    case notAllowed(AnalysisParameter, value: String, allowed: [String])
    /// `aggregation=` or `partial=true` without a `frequency=` to aggregate to: it would be ignored.
    case needsAggregatingFrequency(AnalysisParameter)

    public var parameter: AnalysisParameter {
        switch self {
        case .notAllowed(let p, _, _), .needsAggregatingFrequency(let p): return p
        }
    }

    /// A sentence for problem+json's `detail`, after the parameter's name.
    public var reason: String {
        switch self {
        case let .notAllowed(_, value, allowed):
            return "'\(value)' is not one of: \(allowed.joined(separator: ", "))"
        case .needsAggregatingFrequency:
            return "applies only with frequency=year or frequency=quarter"
        }
    }
}

/// The query parameters of transformations and frequency aggregation.
public enum AnalysisParameter: String, Sendable, CaseIterable, Hashable {
    case units, frequency, aggregation, partial
}
