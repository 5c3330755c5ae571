/// Whether a value is what happened or what was aimed for.
public enum ObservationKind: String, Sendable, CaseIterable, Codable {
    case actual, target
}

/// How final a value is. `withdrawn` marks a deleted observation: its history is kept.
public enum ObservationStatus: String, Sendable, CaseIterable, Codable {
    case provisional, final, estimated, withdrawn
}

/// The direction of a target: 以上/不低于 give `min`, 不超过 gives `max`.
public enum Bound: String, Sendable, CaseIterable, Codable {
    case min, max
}

/// The scope a rank is taken in: 居全省第2位 (province) vs 居全市第4位 (city).
public enum RankScope: String, Sendable, CaseIterable, Codable {
    case nation, province, city, district
}
