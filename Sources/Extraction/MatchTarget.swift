/// What a catalogue word found in the text refers to.
enum MatchTarget: Sendable {
    case indicator(IndicatorRef)
    case region(String)
}
