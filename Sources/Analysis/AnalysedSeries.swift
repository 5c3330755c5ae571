import Domain

/// A series after `AnalysisRequest.analyse`: its points and the unit they are now in.
public struct AnalysedSeries: Sendable, Hashable {
    /// Nil where the transformation leaves no unit (`log`).
    public var unit: IndicatorUnit?
    public var points: [AnalysedPoint]

    public init(unit: IndicatorUnit?, points: [AnalysedPoint]) {
        self.unit = unit
        self.points = points
    }
}
