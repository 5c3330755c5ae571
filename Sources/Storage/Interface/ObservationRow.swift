import Domain

/// One row of an observation read as SQLite holds it. Text comes as borrowed bytes, valid only
/// during the call that receives the row: an encoder can write a response straight from the
/// database's bytes, which is what keeps a series read cheap. `observation` decodes the row.
public struct ObservationRow {
    let statement: RawStatement
    /// The key's text columns when the query fixes them (one series): then they are not read
    /// back from SQLite, and the other columns come four places earlier (`ObservationSQL.columns`).
    let fixedKey: FixedKey?
    private let shift: Int32

    init(statement: RawStatement, fixedKey: FixedKey?) {
        self.statement = statement
        self.fixedKey = fixedKey
        shift = fixedKey == nil ? 0 : FixedKey.columns
    }

    /// Text columns of a row.
    public enum TextField: Sendable {
        case indicator, region, kind, scope, status, bound, note, sourceType, token

        /// Its position in the full `ObservationSQL.columns`.
        var position: Int32 {
            switch self {
            case .indicator: return 1
            case .region: return 2
            case .kind: return 3
            case .scope: return 4
            case .status: return ObservationRow.position(.status)
            case .bound: return ObservationRow.position(.bound)
            case .note: return ObservationRow.position(.note)
            case .sourceType: return ObservationRow.position(.sourceType)
            case .token: return ObservationRow.position(.token)
            }
        }
    }

    /// The id, the four key columns and the period come before the current state.
    static let periodPosition: Int32 = 5

    /// The position of a current-state column in the full `ObservationSQL.columns`.
    @inline(__always)
    static func position(_ column: CurrentState.Column) -> Int32 { periodPosition + 1 + column.rawValue }

    /// The position of a full-layout column in this row.
    @inline(__always)
    private func column(_ full: Int32) -> Int32 { full - shift }

    @inline(__always)
    private func column(_ state: CurrentState.Column) -> Int32 { Self.position(state) - shift }

    public var id: Int64 { statement.int64(0) }
    public var period: Period? { Period(sortKey: statement.int(column(Self.periodPosition))) }
    public var revision: Int64 { statement.int64(column(.revision)) }
    public var value: Double? { statement.optionalDouble(column(.value)) }
    public var document: Int64? { statement.optionalInt64(column(.document)) }
    public var spanStart: Int? { statement.optionalInt64(column(.spanStart)).map(Int.init) }
    public var spanEnd: Int? { statement.optionalInt64(column(.spanEnd)).map(Int.init) }
    public var updatedAt: Timestamp { Timestamp(microseconds: statement.int64(column(.recordedAt))) }

    /// The bytes of a text column (UTF-8), nil for NULL. Do not keep them past the call.
    public func bytes(_ field: TextField) -> UnsafeBufferPointer<UInt8>? {
        let position = field.position
        if let fixedKey, position <= FixedKey.columns { return fixedKey.bytes(field) }
        return statement.bytes(column(position))
    }

    func text(_ field: TextField) -> String? { bytes(field).map { String(decoding: $0, as: UTF8.self) } }

    /// The row as a value that outlives the call; nil for a row no valid observation makes.
    public var observation: StoredObservation? {
        guard let period, let kind = text(.kind).flatMap(ObservationKind.init(rawValue:)),
              let status = text(.status).flatMap(ObservationStatus.init(rawValue:)) else { return nil }
        let scope = text(.scope) ?? ""
        return StoredObservation(
            id: id,
            key: ObservationKey(indicator: text(.indicator) ?? "", region: text(.region) ?? "", period: period, kind: kind,
                                scope: scope.isEmpty ? nil : RankScope(rawValue: scope)),
            value: value, status: status, bound: text(.bound).flatMap(Bound.init(rawValue:)),
            revision: revision, updatedAt: updatedAt,
            source: RevisionSource(type: text(.sourceType) ?? "", token: text(.token), document: document,
                                   start: spanStart, end: spanEnd),
            note: text(.note))
    }
}

/// The indicator, region, kind and scope of a single-series query, as UTF-8 that stays put for
/// the whole read, so that rows can lend them like SQLite's own bytes.
final class FixedKey {
    /// How many columns (positions 1…4 of the full layout) it stands in for.
    static let columns: Int32 = 4
    /// The four texts one after the other; `ends[i]` is where text i ends.
    private let storage: UnsafeMutableBufferPointer<UInt8>
    private let ends: (Int, Int, Int, Int)

    init(indicator: String, region: String, kind: String, scope: String) {
        let a = indicator.utf8.count, b = a + region.utf8.count, c = b + kind.utf8.count, d = c + scope.utf8.count
        storage = .allocate(capacity: max(1, d))
        _ = UnsafeMutableBufferPointer(rebasing: storage[0..<a]).initialize(from: indicator.utf8)
        _ = UnsafeMutableBufferPointer(rebasing: storage[a..<b]).initialize(from: region.utf8)
        _ = UnsafeMutableBufferPointer(rebasing: storage[b..<c]).initialize(from: kind.utf8)
        _ = UnsafeMutableBufferPointer(rebasing: storage[c..<d]).initialize(from: scope.utf8)
        ends = (a, b, c, d)
    }

    deinit { storage.deallocate() }

    func bytes(_ field: ObservationRow.TextField) -> UnsafeBufferPointer<UInt8> {
        let (start, end): (Int, Int)
        switch field {
        case .indicator: (start, end) = (0, ends.0)
        case .region: (start, end) = (ends.0, ends.1)
        case .kind: (start, end) = (ends.1, ends.2)
        default: (start, end) = (ends.2, ends.3)
        }
        return UnsafeBufferPointer(start: storage.baseAddress.map { $0 + start }, count: end - start)
    }
}
