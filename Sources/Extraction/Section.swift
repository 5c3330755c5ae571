/// A stretch of the document between headings, and whether its figures are targets.
struct Section: Sendable {
    /// Scalar offset where the section starts.
    var start: Int
    var target: Bool
    /// The year figures default to in the section (the plan year, 2025 for 到2025年).
    var year: Int?
    /// For a plan, its first year: explicitly earlier years in it are baselines, not targets.
    var planFrom: Int?
}
