import Domain

/// A mention of an indicator in the text, through its name or one of its Chinese aliases.
struct IndicatorRef: Sendable, Hashable {
    /// The base indicator's code.
    var base: String
    /// Set when the name itself names a growth or rank (R&D经费投入增速).
    var measure: DerivedMeasure?
    /// For a follow-on phrase (占GDP比重), the base indicators it may follow; nil for a full name.
    var followsOnly: Set<String>?
}
