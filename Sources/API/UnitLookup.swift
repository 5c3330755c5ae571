import Domain
import Storage

/// The unit of each indicator, read from the catalogue snapshot without copying it per request.
struct UnitLookup: Sendable {
    let catalogue: CatalogueSnapshot

    subscript(_ code: String) -> IndicatorUnit? { catalogue.unit(of: code) }
}

/// The unit of each row's indicator, looked up again only when the indicator changes: a page is
/// usually one indicator, and its rows' codes come as bytes.
struct RowUnit {
    let units: UnitLookup
    private var code: [UInt8] = []
    private var unit: IndicatorUnit?

    init(units: UnitLookup) { self.units = units }

    mutating func of(_ row: ObservationRow) -> IndicatorUnit? {
        guard let bytes = row.bytes(.indicator) else { return nil }
        if !code.withUnsafeBufferPointer({ bytes.hasSameBytes(as: $0) }) {
            code = Array(bytes)
            unit = units[String(decoding: bytes, as: UTF8.self)]
        }
        return unit
    }
}
