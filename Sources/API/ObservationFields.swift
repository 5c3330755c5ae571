import Domain
import Storage

/// What the JSON of an observation is written from: a decoded `StoredObservation`, or an
/// `ObservationRow` still in SQLite's hands. One encoder serves both, so the series hot path and
/// every other answer cannot drift apart.
protocol ObservationFields {
    /// The UTF-8 bytes of a text field, nil when it has none; `body` must not keep them.
    func withText<R>(_ field: ObservationRow.TextField, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R
    var fieldPeriod: Period? { get }
    var fieldValue: Double? { get }
    var fieldRevision: Int64 { get }
    var fieldUpdatedAt: Timestamp { get }
    var fieldDocumentSpan: (document: Int64, start: Int, end: Int)? { get }
}

extension ObservationRow: ObservationFields {
    func withText<R>(_ field: ObservationRow.TextField, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        body(bytes(field))
    }
    var fieldPeriod: Period? { period }
    var fieldValue: Double? { value }
    var fieldRevision: Int64 { revision }
    var fieldUpdatedAt: Timestamp { updatedAt }
    var fieldDocumentSpan: (document: Int64, start: Int, end: Int)? {
        document.map { ($0, spanStart ?? 0, spanEnd ?? 0) }
    }
}

extension StoredObservation: ObservationFields {
    func withText<R>(_ field: ObservationRow.TextField, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        let text: String?
        switch field {
        case .indicator: text = key.indicator
        case .region: text = key.region
        case .kind: text = key.kind.rawValue
        case .scope: text = key.scope?.rawValue ?? ""
        case .status: text = status.rawValue
        case .bound: text = bound?.rawValue
        case .note: text = note
        case .sourceType, .token:
            text = field == .sourceType ? source.columns.type : source.columns.token
        }
        guard var text else { return body(nil) }
        return text.withUTF8 { body($0) }
    }
    var fieldPeriod: Period? { key.period }
    var fieldValue: Double? { value }
    var fieldRevision: Int64 { revision }
    var fieldUpdatedAt: Timestamp { updatedAt }
    var fieldDocumentSpan: (document: Int64, start: Int, end: Int)? {
        if case let .document(id, start, end) = source { return (id, start, end) }
        return nil
    }
}
