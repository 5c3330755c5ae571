import Foundation
/// Builds the Prometheus text exposition format (version 0.0.4): `# HELP`, `# TYPE`, then
/// samples. Runs at scrape time only, so plain string building is fine here.
public struct PrometheusText: Sendable {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public private(set) var text = ""

    public init() {}

    public mutating func header(_ name: String, type: String, help: String) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type)\n"
    }

    public mutating func sample(_ name: String, _ labels: [(String, String)] = [], _ value: Double) {
        text += name + Self.labelSet(labels) + " " + Self.format(value) + "\n"
    }

    public mutating func sample(_ name: String, _ labels: [(String, String)] = [], _ value: Int) {
        text += name + Self.labelSet(labels) + " " + String(value) + "\n"
    }

    /// The `_bucket`, `_sum` and `_count` samples of one histogram series (header written by the caller).
    public mutating func histogram(_ name: String, _ labels: [(String, String)], _ histogram: DurationHistogram) {
        let snapshot = histogram.snapshot
        for (i, bound) in histogram.bounds.enumerated() {
            sample(name + "_bucket", labels + [("le", Self.format(Double(bound) / 1e9))], snapshot.cumulative[i])
        }
        sample(name + "_bucket", labels + [("le", "+Inf")], snapshot.cumulative[histogram.bounds.count])
        sample(name + "_sum", labels, snapshot.sumSeconds)
        sample(name + "_count", labels, snapshot.count)
    }

    static func labelSet(_ labels: [(String, String)]) -> String {
        if labels.isEmpty { return "" }
        return "{" + labels.map { "\($0.0)=\"\(escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
    }

    static func escapeLabel(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func escapeHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
