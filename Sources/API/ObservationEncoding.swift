import Domain
import Storage

/// How an observation is shown, in JSON and in CSV. Both list the same fields.
enum ObservationEncoding {
    static let csvHeader = ["indicator", "region", "period", "kind", "scope", "value", "unit", "status", "bound",
                            "revision", "updated_at", "source_type", "source_token", "source_document",
                            "source_start", "source_end"]

    static func write(_ o: some ObservationFields, unit: IndicatorUnit?, fields: ObservationFieldSet = .all,
                      into json: inout JSONWriter) {
        json.beginObject()
        if fields.contains(.indicator) { json.key("indicator"); o.withText(.indicator) { json.string(bytes: $0) } }
        if fields.contains(.region) { json.key("region"); o.withText(.region) { json.string(bytes: $0) } }
        if fields.contains(.period) {
            json.key("period")
            if let period = o.fieldPeriod { json.period(period) } else { json.null() }
        }
        if fields.contains(.kind) { json.key("kind"); o.withText(.kind) { json.string(bytes: $0) } }
        // No scope is stored as '' and shown as null.
        if fields.contains(.scope) { json.key("scope"); o.withText(.scope) { json.string(bytes: $0?.isEmpty == false ? $0 : nil) } }
        if fields.contains(.value) { json.key("value"); json.number(o.fieldValue) }
        if fields.contains(.unit) { json.key("unit"); json.string(unit?.rawValue) }
        if fields.contains(.status) { json.key("status"); o.withText(.status) { json.string(bytes: $0) } }
        if fields.contains(.bound) { json.key("bound"); o.withText(.bound) { json.string(bytes: $0) } }
        if fields.contains(.revision) { json.key("revision"); json.int(o.fieldRevision) }
        if fields.contains(.updatedAt) { json.key("updated_at"); json.timestamp(o.fieldUpdatedAt) }
        if fields.contains(.source) {
            json.key("source")
            if let span = o.fieldDocumentSpan {
                writeSource(.document(id: span.document, start: span.start, end: span.end), into: &json)
            } else {
                json.beginObject()
                let isUser = o.withText(.sourceType) { $0?.count == 4 && $0?.elementsEqual("user".utf8) == true }
                json.key("type"); if isUser { json.literal("user") } else { json.literal("system") }
                if isUser { json.key("token") } else { json.key("name") }
                o.withText(.token) { json.string(bytes: $0 ?? UnsafeBufferPointer(start: nil, count: 0)) }
                json.endObject()
            }
        }
        json.endObject()
    }

    static func writeSource(_ source: RevisionSource, into json: inout JSONWriter) {
        json.beginObject()
        switch source {
        case .user(let token):
            json.key("type"); json.string("user")
            json.key("token"); json.string(token)
        case let .document(id, start, end):
            json.key("type"); json.string("document")
            json.key("document"); json.int(id)
            json.key("start"); json.int(start)
            json.key("end"); json.int(end)
        case .system(let name):
            json.key("type"); json.string("system")
            json.key("name"); json.string(name)
        }
        json.endObject()
    }

    /// The header of the `columns` (positions in `csvHeader`) that `fields=` kept.
    static func csvHeader(_ columns: [Int]) -> [String] { columns.map { csvHeader[$0] } }

    static func csvRow(_ o: StoredObservation, unit: IndicatorUnit?, columns: [Int]) -> [String] {
        let row = csvRow(o, unit: unit)
        return columns.count == row.count ? row : columns.map { row[$0] }
    }

    static func csvRow(_ o: StoredObservation, unit: IndicatorUnit?) -> [String] {
        var type = "", token = "", document = "", start = "", end = ""
        switch o.source {
        case .user(let t): type = "user"; token = t
        case let .document(id, s, e): type = "document"; document = String(id); start = String(s); end = String(e)
        case .system(let name): type = "system"; token = name
        }
        return [o.key.indicator, o.key.region, o.key.period.description, o.key.kind.rawValue, o.key.scope?.rawValue ?? "",
                o.value.map(JSONWriter.format) ?? "", unit?.rawValue ?? "", o.status.rawValue, o.bound?.rawValue ?? "",
                String(o.revision), o.updatedAt.rfc3339, type, token, document, start, end]
    }
}
