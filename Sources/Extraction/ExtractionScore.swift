import Domain
import Foundation

/// Recall and precision of extracted facts against a hand-checked expected file.
///
/// Each expected fact is matched to at most one extracted fact and vice versa. Precision counts
/// only facts whose indicator is in `catalogue` (when given): other codes are not claims the
/// extractor makes about catalogued indicators.
public struct ExtractionScore: Sendable {
    public var expected: [ExpectedFact]
    public var matched: [(expected: ExpectedFact, fact: Fact)]
    public var missed: [ExpectedFact]
    public var extra: [Fact]
    public var emitted: Int

    public var recall: Double { expected.isEmpty ? 1 : Double(matched.count) / Double(expected.count) }
    public var precision: Double { emitted == 0 ? 1 : Double(matched.count) / Double(emitted) }

    public init(expected all: [ExpectedFact], facts: [Fact], catalogue: Set<String>? = nil) {
        // Annotated facts outside the catalogue show what it lacks; they are not scored.
        let expected = all.filter { catalogue?.contains($0.indicator) ?? true }
        self.expected = expected
        let scored = facts.filter { catalogue?.contains($0.indicator) ?? true }
        emitted = scored.count
        var used = Array(repeating: false, count: scored.count)
        var matched: [(ExpectedFact, Fact)] = []
        var missed: [ExpectedFact] = []
        for e in expected {
            if let i = scored.indices.first(where: { !used[$0] && e.matches(scored[$0]) }) {
                used[i] = true
                matched.append((e, scored[i]))
            } else {
                missed.append(e)
            }
        }
        self.matched = matched
        self.missed = missed
        extra = scored.indices.filter { !used[$0] }.map { scored[$0] }
    }

    /// Reads an expected file: a JSON array of facts.
    public static func loadExpected(_ data: Data) throws -> [ExpectedFact] {
        try JSONDecoder().decode([ExpectedFact].self, from: data)
    }

    /// Decodes a document, extracts from it and scores against an expected file: `zhibiao eval`.
    public static func evaluate(expected: Data, document bytes: [UInt8], contentType: String? = nil,
                                extractor: ReportExtractor, context: ExtractionContext = ExtractionContext(),
                                catalogue: Set<String>? = nil) throws(EvaluationError) -> ExtractionScore {
        let facts: [ExpectedFact]
        do {
            facts = try loadExpected(expected)
        } catch {
            throw .expectedFile(String(describing: error))
        }
        let doc: DecodedDocument
        do {
            doc = try DocumentText.decode(bytes: bytes, contentType: contentType)
        } catch {
            throw .document(error)
        }
        var ctx = context
        if ctx.title == nil { ctx.title = doc.title }
        return ExtractionScore(expected: facts, facts: extractor.extract(doc.text, context: ctx).facts,
                               catalogue: catalogue)
    }

    /// A plain-text report for `zhibiao eval`.
    public var report: String {
        func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
        return ([
            "recall    \(pct(recall)) (\(matched.count)/\(expected.count) expected facts found)",
            "precision \(pct(precision)) (\(matched.count)/\(emitted) emitted facts matched)",
        ] + details).joined(separator: "\n")
    }

    /// The misses and the extras, a line each.
    public var details: [String] {
        var lines: [String] = []
        if !missed.isEmpty {
            lines.append("missed:")
            for m in missed {
                lines.append("  \(m.indicator) \(m.year.map(String.init) ?? "-") \(m.kind.rawValue) \(m.value)"
                             + (m.bound.map { " \($0.rawValue)" } ?? "") + (m.quote.map { "  「\($0)」" } ?? ""))
            }
        }
        if !extra.isEmpty {
            lines.append("extra:")
            for f in extra {
                lines.append("  \(f.indicator)\(f.scope.map { "@\($0.rawValue)" } ?? "") \(f.period?.description ?? "-") "
                             + "\(f.kind.rawValue) \(f.value)" + (f.bound.map { " \($0.rawValue)" } ?? "") + "  「\(f.quote)」")
            }
        }
        return lines
    }
}
