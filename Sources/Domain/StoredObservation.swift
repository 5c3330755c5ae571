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

    public init(id: Int64, key: ObservationKey, value: Double?, status: ObservationStatus, bound: Bound?, revision: Int64,
                updatedAt: Timestamp, source: RevisionSource, note: String?) {
        self.id = id
        self.key = key
        self.value = value
        self.status = status
        self.bound = bound
        self.revision = revision
        self.updatedAt = updatedAt
        self.source = source
        self.note = note
    }
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

    public init(id: Int64, value: Double?, status: ObservationStatus, bound: Bound?, note: String?, source: RevisionSource,
                recordedAt: Timestamp) {
        self.id = id
        self.value = value
        self.status = status
        self.bound = bound
        self.note = note
        self.source = source
        self.recordedAt = recordedAt
    }
}
