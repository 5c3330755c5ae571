import Domain

/// The indicator a clause or sentence is talking about, and whose region it is.
struct Subject: Sendable {
    var ref: IndicatorRef
    /// Region code; nil when the subject belongs to a region outside the catalogue (全国).
    var region: String?
    var start: Int
}
