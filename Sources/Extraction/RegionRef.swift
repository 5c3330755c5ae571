/// A region named in the text: by name, or relative to the document (我区, 全市, 全省).
enum RegionRef: Sendable, Hashable {
    case code(String)
    /// A name several regions share; the binder picks the one the context points at.
    case ambiguous([String])
    case relative(RelativeRegion)
    /// A county the catalogue does not know (白玉县): its figures are left out.
    case unknown
}

/// The region words that point at the document's own region or one of its ancestors.
enum RelativeRegion: Sendable, Hashable {
    case own, city, province, nation
}
