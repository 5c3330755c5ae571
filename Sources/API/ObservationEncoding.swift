import Domain
import Storage

/// How an observation is shown, in JSON and in CSV. Both list the same fields.
enum ObservationEncoding {
    static let csvHeader = ["indicator", "region", "period", "kind", "scope", "value", "unit", "status", "bound",
                            "revision", "updated_at", "source_type", "source_token", "source_document",
                            "source_start", "source_end"]

    static func write(_ o: StoredObservation, unit: IndicatorUnit?, into json: inout JSONWriter) {
        json.beginObject()
        json.key("indicator"); json.string(o.key.indicator)
        json.key("region"); json.string(o.key.region)
        json.key("period"); json.unescapedString { o.key.period.appendText(to: &$0) }
        json.key("kind"); json.string(o.key.kind.rawValue)
        json.key("scope"); json.string(o.key.scope?.rawValue)
        json.key("value"); json.number(o.value)
        json.key("unit"); json.string(unit?.rawValue)
        json.key("status"); json.string(o.status.rawValue)
        json.key("bound"); json.string(o.bound?.rawValue)
        json.key("revision"); json.int(o.revision)
        json.key("updated_at"); json.unescapedString { o.updatedAt.appendRFC3339(to: &$0) }
        json.key("source")
        writeSource(o.source, into: &json)
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
