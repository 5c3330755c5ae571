import ArgumentParser
import Domain

/// How long a new token lives: `90d`, `12w`, `36h`. Whole units only, so that `--expires 1.5d`
/// is an error rather than a guess.
struct TokenLifetime: Equatable, ExpressibleByArgument {
    var seconds: Int64

    init?(argument: String) {
        guard let unit = argument.last, let count = Int64(argument.dropLast()), count > 0 else { return nil }
        let perUnit: Int64
        switch unit {
        case "h": perUnit = 3_600
        case "d": perUnit = 86_400
        case "w": perUnit = 7 * 86_400
        default: return nil
        }
        // Ten years is longer than any token should live, and keeps the arithmetic far from overflow.
        guard count <= 3_650 * 86_400 / perUnit else { return nil }
        seconds = count * perUnit
    }

    static var defaultValueDescription: String { "a whole number of hours, days or weeks: 36h, 90d, 12w" }

    func expiry(from start: Timestamp) -> Timestamp {
        Timestamp(microseconds: start.microseconds + seconds * 1_000_000)
    }
}
