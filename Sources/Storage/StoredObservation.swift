import Domain

/// An observation with the revision in force (now, or as of a past time).
public struct StoredObservation: Sendable, Hashable {
    public var id: Int64
    public var key: ObservationKey
    public var value: Double?
    public var status: ObservationStatus
    public var bound: Bound?
    public var revision: Int64
    public var updatedAt: Timestamp
    public var source: RevisionSource
    public var note: String?
}

/// One entry of an observation's history.
public struct Revision: Sendable, Hashable {
    public var id: Int64
    public var value: Double?
    public var status: ObservationStatus
    public var bound: Bound?
    public var note: String?
    public var source: RevisionSource
    public var recordedAt: Timestamp
}
