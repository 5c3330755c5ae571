import Domain

/// One row of an observation read as SQLite holds it. Text comes as borrowed bytes, valid only
/// during the call that receives the row: an encoder can write a response straight from the
/// database's bytes, which is what keeps a series read cheap. `observation` decodes the row.
public struct ObservationRow {
    let statement: RawStatement

    /// Text columns, by their position in `ObservationSQL.columns`.
    public enum TextField: Int32 {
        case indicator = 1, region = 2, kind = 3, scope = 4, status = 8, bound = 9, note = 10, sourceType = 11, token = 12
    }

    public var id: Int64 { statement.int64(0) }
    public var period: Period? { Period(sortKey: statement.int(5)) }
    public var revision: Int64 { statement.int64(6) }
    public var value: Double? { statement.optionalDouble(7) }
    public var document: Int64? { statement.optionalInt64(13) }
    public var spanStart: Int? { statement.optionalInt64(14).map(Int.init) }
    public var spanEnd: Int? { statement.optionalInt64(15).map(Int.init) }
    public var updatedAt: Timestamp { Timestamp(microseconds: statement.int64(16)) }

    /// The bytes of a text column (UTF-8), nil for NULL. Do not keep them past the call.
    public func bytes(_ field: TextField) -> UnsafeBufferPointer<UInt8>? { statement.bytes(field.rawValue) }

    /// The row as a value that outlives the call; nil for a row no valid observation makes.
    public var observation: StoredObservation? { ObservationSQL.observation(statement) }
}
