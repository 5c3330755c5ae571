/// What a catalogue word found in the text refers to.
enum MatchTarget: Sendable {
    case indicator(IndicatorRef)
    case region(String)
    /// A name several regions share (西湖区 in 杭州 and 南昌): resolved from context, never by order.
    case regions([String])
}
