import Domain
import Storage

/// The unit of each indicator, read from the catalogue snapshot without copying it per request.
struct UnitLookup: Sendable {
    let catalogue: CatalogueSnapshot

    subscript(_ code: String) -> IndicatorUnit? { catalogue.indicatorsByCode[code]?.unit }
}
