/// A value to record for an observation. A nil value with status `withdrawn` withdraws it.
public struct ObservationChange: Sendable, Hashable {
    public var key: ObservationKey
    public var value: Double?
    public var status: ObservationStatus
    public var bound: Bound?
    /// Why: the official's note, or the loader's description.
    public var note: String?

    public init(key: ObservationKey, value: Double?, status: ObservationStatus = .provisional, bound: Bound? = nil,
                note: String? = nil) {
        self.key = key
        self.value = value
        self.status = status
        self.bound = bound
        self.note = note
    }

    public static func withdrawal(of key: ObservationKey, note: String? = nil) -> ObservationChange {
        ObservationChange(key: key, value: nil, status: .withdrawn, note: note)
    }
}

/// What recording a change did. `unchanged` writes no revision: the same value posted twice
/// is one fact, not two.
public enum WriteOutcome: String, Sendable {
    case created, updated, unchanged
}
