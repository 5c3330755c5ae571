import Domain

/// The indicator a clause or sentence is talking about, and whose region it is.
struct Subject: Sendable {
    var ref: IndicatorRef
    var region: SubjectRegion
    var start: Int
    /// The name was put together from the sentence's words (技术合同…成交额), not read as written.
    var composed = false
}

/// Whose figure a subject's value is.
enum SubjectRegion: Sendable, Hashable {
    case code(String)
    /// The document's own region (全市, 我县, or nothing said), which neither the text nor the
    /// caller names: the fact is proposed without a region.
    case unnamed
    /// A region outside the catalogue (全国, an unknown county): not ours to record.
    case outside

    var code: String? {
        if case .code(let c) = self { return c }
        return nil
    }
}
