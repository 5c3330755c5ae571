/// How values are written as text everywhere (JSON, messages, the CLI): whole numbers without a
/// fraction, so yuan stay exact (2005000000, not 2.005e9), others in the shortest form that
/// reads back to the same double.
public enum NumberText {
    /// The value as an Int64 when it is whole and exactly representable (below 2^53);
    /// converting anything larger could trap.
    public static func wholeNumber(_ value: Double) -> Int64? {
        value == value.rounded() && abs(value) < 9_007_199_254_740_992 ? Int64(value) : nil
    }

    public static func format(_ value: Double) -> String {
        // Swift writes 1e-05 style exponents, which JSON accepts.
        wholeNumber(value).map { String($0) } ?? value.description
    }
}
