import Domain

/// Why a transformed value is null: served beside the null, so that a gap is never read as 0.
public enum NullReason: Sendable, Hashable {
    /// The series has no value for a period the computation needs: the period compared with, or
    /// the year-to-date value before a flow's period, from which the period's own increment comes.
    case missingPrior(Period)
    /// The value of the period is zero or negative, where `log` or a percent change from it is undefined.
    case nonPositive(Period)
    /// The period's value is negative, so the ratio `pca` compounds changes sign.
    case negative(Period)
    /// The period's value is partial (only part of its year): it is not compared with a whole one.
    case partial(Period)
    /// The result is too large for a double (a `pca` from a value near 0).
    case notFinite

    /// A stable name for JSON and CSV.
    public var code: String {
        switch self {
        case .missingPrior: return "missing_prior"
        case .nonPositive: return "non_positive"
        case .negative: return "negative"
        case .partial: return "partial"
        case .notFinite: return "not_finite"
        }
    }

    /// The period the reason is about, if any.
    public var period: Period? {
        switch self {
        case .missingPrior(let p), .nonPositive(let p), .negative(let p), .partial(let p): return p
        case .notFinite: return nil
        }
    }
}

extension NullReason: CustomStringConvertible {
    public var description: String {
        switch self {
        case .missingPrior(let p): return "no value for \(p), which this needs"
        case .nonPositive(let p): return "the value for \(p) is not positive"
        case .negative(let p): return "the value for \(p) is negative"
        case .partial(let p): return "the value for \(p) covers only part of the period"
        case .notFinite: return "the result is too large to represent"
        }
    }
}
