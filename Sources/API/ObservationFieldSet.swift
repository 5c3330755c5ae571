import HTTPServer
import Storage

/// The fields of an observation a client asked for with `fields=` (sparse fieldsets): a
/// sparkline needs `period,value`, not the provenance of every point. All of them by default.
struct ObservationFieldSet: OptionSet, Sendable {
    let rawValue: UInt16

    static let indicator = ObservationFieldSet(rawValue: 1 << 0)
    static let region = ObservationFieldSet(rawValue: 1 << 1)
    static let period = ObservationFieldSet(rawValue: 1 << 2)
    static let kind = ObservationFieldSet(rawValue: 1 << 3)
    static let scope = ObservationFieldSet(rawValue: 1 << 4)
    static let value = ObservationFieldSet(rawValue: 1 << 5)
    static let unit = ObservationFieldSet(rawValue: 1 << 6)
    static let status = ObservationFieldSet(rawValue: 1 << 7)
    static let bound = ObservationFieldSet(rawValue: 1 << 8)
    static let revision = ObservationFieldSet(rawValue: 1 << 9)
    static let updatedAt = ObservationFieldSet(rawValue: 1 << 10)
    static let source = ObservationFieldSet(rawValue: 1 << 11)

    /// Names as they appear in the JSON, in its order.
    static let named: [(String, ObservationFieldSet)] = [
        ("indicator", .indicator), ("region", .region), ("period", .period), ("kind", .kind), ("scope", .scope),
        ("value", .value), ("unit", .unit), ("status", .status), ("bound", .bound), ("revision", .revision),
        ("updated_at", .updatedAt), ("source", .source),
    ]

    static let all = ObservationFieldSet(rawValue: (1 << 12) - 1)

    /// The optional stored columns the JSON of these fields reads (it never shows the note).
    var storedColumns: ObservationQuery.Columns {
        var columns: ObservationQuery.Columns = []
        if contains(.revision) { columns.insert(.revision) }
        if contains(.bound) { columns.insert(.bound) }
        if contains(.source) { columns.insert(.source) }
        return columns
    }

    /// The set a `fields` list names; a name that is not a field is a 400 naming it.
    static func parse(_ names: [String]) throws(ProblemDetails) -> ObservationFieldSet {
        guard !names.isEmpty else { return .all }
        var set = ObservationFieldSet()
        for name in names {
            guard let field = named.first(where: { $0.0 == name })?.1 else {
                throw Problems.badParameter("fields", "'\(name)' is not a field; fields are: \(named.map(\.0).joined(separator: ", "))")
            }
            set.insert(field)
        }
        return set
    }

    /// Which of `ObservationEncoding.csvHeader`'s columns show these fields (`source` is five).
    var csvColumns: [Int] {
        ObservationEncoding.csvHeader.indices.filter { i in
            let column = ObservationEncoding.csvHeader[i]
            if column.hasPrefix("source_") { return contains(.source) }
            return Self.named.first { $0.0 == column }.map { contains($0.1) } ?? true
        }
    }
}
