import Domain
import Extraction
import Foundation

/// Scores the extractor over an annotated corpus: every report `NAME.txt` (or `.html`, `.pdf`,
/// `.docx`) with a `NAME.expected.json` beside it, as `zhibiao eval DIR` and the corpus test do.
///
/// A text file whose first line is `source: URL` keeps its URL as metadata, not text: the
/// annotations' quotes and offsets are of the text after that line, and the URL is what a
/// fetched report would have told the extractor.
public struct CorpusEvaluation: Sendable {
    public struct Document: Sendable {
        public var name: String
        public var score: ExtractionScore
        public var unmapped: [UnmappedFact]
    }

    public var documents: [Document]
    /// Documents that could not be read or scored, with the reason.
    public var failures: [(name: String, reason: String)]

    public init(documents: [Document], failures: [(name: String, reason: String)]) {
        self.documents = documents
        self.failures = failures
    }

    public var matched: Int { documents.reduce(0) { $0 + $1.score.matched.count } }
    public var expected: Int { documents.reduce(0) { $0 + $1.score.expected.count } }
    public var emitted: Int { documents.reduce(0) { $0 + $1.score.emitted } }
    public var recall: Double { expected == 0 ? 1 : Double(matched) / Double(expected) }
    public var precision: Double { emitted == 0 ? 1 : Double(matched) / Double(emitted) }

    static let reportExtensions: Set<String> = ["txt", "text", "htm", "html", "shtml", "pdf", "docx"]

    /// The annotated reports in `directory` (not its subfolders), in name order.
    public static func annotatedReports(in directory: URL) throws -> [(report: URL, expected: URL)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var out: [(URL, URL)] = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            guard reportExtensions.contains(url.pathExtension.lowercased()) else { continue }
            var stem = url.deletingPathExtension()
            // fuyang-2022-h1.gbk.txt is annotated by fuyang-2022-h1.expected.json.
            if stem.pathExtension.lowercased() == "gbk" { stem = stem.deletingPathExtension() }
            let expected = stem.appendingPathExtension("expected.json")
            if FileManager.default.fileExists(atPath: expected.path) { out.append((url, expected)) }
        }
        return out
    }

    /// Extracts from and scores every annotated report; `context` holds hints given by hand
    /// (none, to measure what a user gets). With `hints`, each report instead gets the hints its
    /// annotation implies (its year and place), as a user who knew them would give.
    public static func run(directory: URL, extractor: ReportExtractor, catalogue: Set<String>,
                           context: ExtractionContext = ExtractionContext(),
                           hints: ((_ expected: [ExpectedFact]) -> ExtractionContext)? = nil,
                           fetcher: ReportFetcher = ReportFetcher()) throws -> CorpusEvaluation {
        var documents: [Document] = []
        var failures: [(String, String)] = []
        for (reportURL, expectedURL) in try annotatedReports(in: directory) {
            let name = reportURL.lastPathComponent
            do {
                let expected = try ExtractionScore.loadExpected(Data(contentsOf: expectedURL))
                var report = try fetcher.read(path: reportURL.path)
                var ctx = hints?(expected) ?? context
                if let (source, rest) = sourceLine(report.bytes) {
                    ctx.source = ctx.source ?? source
                    report.bytes = rest
                }
                let decoded = try ReportDecoder.decode(report)
                if ctx.title == nil { ctx.title = decoded.title }
                let result = extractor.extract(decoded.text, context: ctx)
                documents.append(Document(name: name,
                                          score: ExtractionScore(expected: expected, facts: result.facts, catalogue: catalogue),
                                          unmapped: result.unmapped))
            } catch {
                failures.append((name, String(describing: error)))
            }
        }
        return CorpusEvaluation(documents: documents, failures: failures)
    }

    /// `source: URL` on the first line, and the bytes after it.
    static func sourceLine(_ bytes: [UInt8]) -> (String, [UInt8])? {
        let prefix = Array("source:".utf8)
        guard bytes.starts(with: prefix), let newline = bytes.firstIndex(of: 0x0A) else { return nil }
        let url = String(decoding: bytes[prefix.count..<newline], as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return (url, Array(bytes[(newline + 1)...]))
    }

    /// A line per document and a total; with `verbose`, each document's misses and extras.
    public func report(verbose: Bool) -> String {
        func pct(_ x: Double) -> String { String(format: "%5.1f%%", x * 100) }
        let width = max(8, documents.map(\.name.count).max() ?? 0)
        func pad(_ s: String) -> String { s.padding(toLength: width, withPad: " ", startingAt: 0) }
        var lines = ["\(pad("document"))  recall  precision  matched  expected  extracted  unmapped"]
        for d in documents {
            let s = d.score
            lines.append("\(pad(d.name))  \(pct(s.recall))  \(pct(s.precision))     \(cell(s.matched.count, 7))  "
                         + "\(cell(s.expected.count, 8))  \(cell(s.emitted, 9))  \(cell(d.unmapped.count, 8))")
            if verbose {
                for line in s.details { lines.append("    " + line) }
                if !d.unmapped.isEmpty { lines.append("    unmapped:") }
                for u in d.unmapped {
                    lines.append("      \(u.phrase)\(u.isGrowth ? " (growth)" : "") \(u.period?.description ?? "-") "
                                 + "\(u.kind.rawValue) \(u.value) \(u.unit.rawValue)  「\(u.quote)」")
                }
            }
        }
        for f in failures { lines.append("\(pad(f.name))  error: \(f.reason)") }
        lines.append("\(pad("total"))  \(pct(recall))  \(pct(precision))     \(cell(matched, 7))  \(cell(expected, 8))  "
                     + "\(cell(emitted, 9))  \(cell(documents.reduce(0) { $0 + $1.unmapped.count }, 8))")
        lines.append("\(documents.count) documents, \(failures.count) unreadable")
        return lines.joined(separator: "\n")
    }

    private func cell(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }
}

extension CorpusEvaluation {
    /// The hints an annotation implies: the year most of its facts are for, and the place the
    /// annotator named (region_inferred, else a region written out), looked up in `regions`.
    public static func impliedHints(_ expected: [ExpectedFact], regions: [Region]) -> ExtractionContext {
        var years: [Int: Int] = [:]
        for e in expected { if let y = e.year, e.kind == .actual { years[y, default: 0] += 1 } }
        let year = years.max { $0.value == $1.value ? $0.key > $1.key : $0.value < $1.value }?.key
        let names = expected.compactMap(\.regionInferred) + expected.compactMap(\.region)
        let code = names.lazy.compactMap { name in
            regions.first { $0.nameZh == name || $0.aliasesZh.contains(name) }?.code
        }.first
        return ExtractionContext(region: code, year: year)
    }

    /// Per document, the annotated facts found out of the box but not with the right hints or
    /// the other way round.
    public static func differences(outOfTheBox: CorpusEvaluation, hinted: CorpusEvaluation)
        -> [(name: String, differing: Int, onlyWithHints: Int)] {
        func found(_ c: CorpusEvaluation) -> [String: Set<Int>] {
            var out: [String: Set<Int>] = [:]
            for d in c.documents {
                out[d.name] = Set(d.score.matched.compactMap { m in d.score.expected.firstIndex(of: m.expected) })
            }
            return out
        }
        let plain = found(outOfTheBox), hint = found(hinted)
        return hinted.documents.map { d in
            let a = plain[d.name] ?? [], b = hint[d.name] ?? []
            return (d.name, a.symmetricDifference(b).count, b.subtracting(a).count)
        }
    }

    /// How far the facts found out of the box are from those found with the right hints.
    public static func hintComparison(outOfTheBox: CorpusEvaluation, hinted: CorpusEvaluation) -> String {
        let rows = differences(outOfTheBox: outOfTheBox, hinted: hinted)
        let differing = rows.reduce(0) { $0 + $1.differing }
        let expected = max(1, hinted.expected)
        return (["with the right hints: recall \(String(format: "%.1f%%", hinted.recall * 100)), "
                 + "precision \(String(format: "%.1f%%", hinted.precision * 100)); "
                 + "facts found differently out of the box: \(differing) of \(hinted.expected) "
                 + "(\(String(format: "%.1f%%", Double(differing) / Double(expected) * 100)))"]
                + rows.filter { $0.differing > 0 }.map { "  \($0.name): \($0.differing) found differently (\($0.onlyWithHints) only with hints)" })
            .joined(separator: "\n")
    }
}
