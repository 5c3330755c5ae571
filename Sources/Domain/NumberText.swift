/// How values are written as text everywhere (JSON, messages, the CLI): whole numbers without a
/// fraction, so yuan stay exact (2005000000, not 2.005e9), others in the shortest form that
/// reads back to the same double.
public enum NumberText {
    /// The value as an Int64 when it is whole and exactly representable (below 2^53);
    /// converting anything larger could trap.
    public static func wholeNumber(_ value: Double) -> Int64? {
        value == value.rounded() && abs(value) < 9_007_199_254_740_992 ? Int64(value) : nil
    }

    /// A value of at most six decimal places as its digits and the number of places
    /// (8.919 → (8919, 3)); nil for anything else, which `description` then writes.
    ///
    /// Below a million, doubles lie far closer together than 10⁻⁶, so at most one decimal of up
    /// to six places reads back to the value: the first found, with the fewest places, is the
    /// shortest form, the one `description` writes too, without going through a `String`.
    public static func shortDecimal(_ value: Double) -> (digits: Int64, places: Int)? {
        let magnitude = abs(value)
        guard magnitude >= 0.001, magnitude < 1_000_000 else { return nil }
        var scale = 10.0
        for places in 1...6 {
            let scaled = (value * scale).rounded()
            if scaled / scale == value { return (Int64(scaled), places) }
            scale *= 10
        }
        return nil
    }

    public static func format(_ value: Double) -> String {
        // Swift writes 1e-05 style exponents, which JSON accepts.
        wholeNumber(value).map { String($0) } ?? value.description
    }
}
