import Domain

/// Steps between periods of one frequency, and how periods nest (months in quarters in years):
/// what transformations look back with and what frequency aggregation groups by.
extension Period {
    /// The period of the same frequency just before this one: 2021 for 2022, 2021-Q4 for 2022-Q1.
    var previous: Period {
        switch self {
        case .year(let y): return .year(y - 1)
        case let .quarter(y, q): return q > 1 ? .quarter(year: y, quarter: q - 1) : .quarter(year: y - 1, quarter: 4)
        case let .month(y, m): return m > 1 ? .month(year: y, month: m - 1) : .month(year: y - 1, month: 12)
        }
    }

    /// The same period a year before: FRED's x(t − n_obs_per_yr).
    var yearAgo: Period {
        switch self {
        case .year(let y): return .year(y - 1)
        case let .quarter(y, q): return .quarter(year: y - 1, quarter: q)
        case let .month(y, m): return .month(year: y - 1, month: m)
        }
    }

    /// Whether a year-to-date value of this period is also its own period's value (Q1, January).
    var startsItsYear: Bool { startMonth == 1 }

    /// The period of `frequency` that contains this one; nil unless `frequency` is coarser.
    func containing(_ frequency: Frequency) -> Period? {
        switch (self, frequency) {
        case (.quarter(let y, _), .year), (.month(let y, _), .year): return .year(y)
        case let (.month(y, m), .quarter): return .quarter(year: y, quarter: (m - 1) / 3 + 1)
        default: return nil
        }
    }

    /// The periods of `frequency` this one is made of, in order: 2022-Q1…2022-Q4 for 2022 in
    /// quarters. Empty unless `frequency` is finer.
    func parts(in frequency: Frequency) -> [Period] {
        switch (self, frequency) {
        case (.year(let y), .quarter): return (1...4).map { .quarter(year: y, quarter: $0) }
        case (.year(let y), .month): return (1...12).map { .month(year: y, month: $0) }
        case let (.quarter(y, q), .month): return (q * 3 - 2...q * 3).map { .month(year: y, month: $0) }
        default: return []
        }
    }
}

extension Frequency {
    /// FRED's n_obs_per_yr: the exponent of `pca`.
    var periodsPerYear: Int {
        switch self {
        case .year: return 1
        case .quarter: return 4
        case .month: return 12
        }
    }

    /// Whether periods of `other` fit inside periods of this frequency (months in a quarter).
    func isCoarser(than other: Frequency) -> Bool { periodsPerYear < other.periodsPerYear }
}
