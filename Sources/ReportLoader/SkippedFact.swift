import Domain
import Extraction

/// A figure the extractor found that cannot be stored, with the reason: its indicator or region
/// is not a catalogue code (an uncatalogued county), or its value is not a finite number. Facts
/// whose region or period the report does not say are not skipped: they are proposed for a
/// reviewer to complete.
public struct SkippedFact: Sendable {
    /// What was found: a catalogue fact, or a figure of a phrase the catalogue lacks.
    public enum Found: Sendable {
        case fact(Fact)
        case unmapped(UnmappedFact)
    }

    public var found: Found
    public var reason: String

    /// The indicator code, or for an unmapped figure the phrase as written.
    public let subject: String
    public let region: String?
    public let period: Period?
    public let kind: ObservationKind
    public let value: Double
    public let quote: String
    public let start: Int
    public let end: Int

    public init(fact f: Fact, reason: String) {
        found = .fact(f)
        self.reason = reason
        (subject, region, period, kind, value, quote, start, end) = (f.indicator, f.region, f.period, f.kind, f.value, f.quote, f.start, f.end)
    }

    public init(unmapped u: UnmappedFact, reason: String) {
        found = .unmapped(u)
        self.reason = reason
        (subject, region, period, kind, value, quote, start, end) = (u.phrase, u.region, u.period, u.kind, u.value, u.quote, u.start, u.end)
    }

    /// The catalogue fact, when it was one.
    public var fact: Fact? {
        if case .fact(let f) = found { return f }
        return nil
    }
}
