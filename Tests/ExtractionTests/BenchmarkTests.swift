import Extraction
import Foundation
import Testing

/// Extraction time of the seed report, and the time to build an extractor, with the national
/// catalogue of config/ (about 3,600 regions). Skipped unless ZHIBIAO_BENCH is set; run it in
/// release with `Benchmarks/extract.sh`, or
/// `ZHIBIAO_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter BenchmarkTests`.
@Suite(.serialized) struct BenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ZHIBIAO_BENCH"] != nil))
    func seedExtractionTime() throws {
        let text = try Support.fixture("linan-2021.txt")
        let (mean, best, runs) = Self.time(text, warmUp: 20, runs: 200) { #expect($0.facts.count > 39) }
        print(String(format: "seed extraction: mean %.3f ms, best %.3f ms over %d runs (%d scalars, %d bytes, %d regions)",
                     mean, best, runs, text.unicodeScalars.count, text.utf8.count,
                     Support.catalogue.regions.count))
    }

    /// Reports from elsewhere read differently from the seed: the corpus's first documents by name
    /// until they make 20 KB (thirteen), extracted as one text.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ZHIBIAO_BENCH"] != nil))
    func corpusExtractionTime() throws {
        let dir = Support.fixtures.appendingPathComponent("corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        var text = ""
        for name in names where text.utf8.count < 20_000 {
            text += try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) + "\n\n"
        }
        let (mean, best, runs) = Self.time(text, warmUp: 10, runs: 100) { #expect(!$0.facts.isEmpty) }
        print(String(format: "corpus extraction: mean %.3f ms, best %.3f ms over %d runs (%d scalars, %d bytes)",
                     mean, best, runs, text.unicodeScalars.count, text.utf8.count))
    }

    /// Mean and best milliseconds of extracting `text` `runs` times after `warmUp` untimed runs;
    /// `check` looks at every result.
    static func time(_ text: String, warmUp: Int, runs: Int,
                     check: (ExtractionResult) -> Void) -> (mean: Double, best: Double, runs: Int) {
        let extractor = Support.extractor
        for _ in 0..<warmUp { _ = extractor.extract(text, context: ExtractionContext()) }
        var best = Double.infinity
        var total = 0.0
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = extractor.extract(text, context: ExtractionContext())
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            check(result)
            best = min(best, ms)
            total += ms
        }
        return (total / Double(runs), best, runs)
    }

    /// `ReportExtractor.init` builds the alias matcher over every indicator and region name; it
    /// runs once per catalogue state (at start and after a catalogue change).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ZHIBIAO_BENCH"] != nil))
    func extractorBuildTime() {
        let catalogue = Support.catalogue
        _ = ReportExtractor(indicators: catalogue.indicators, regions: catalogue.regions)
        let runs = 20
        var best = Double.infinity
        var total = 0.0
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let extractor = ReportExtractor(indicators: catalogue.indicators, regions: catalogue.regions)
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            withExtendedLifetime(extractor) {}
            best = min(best, ms)
            total += ms
        }
        print(String(format: "extractor build: mean %.3f ms, best %.3f ms over %d runs (%d indicators, %d regions)",
                     total / Double(runs), best, runs, catalogue.indicators.count, catalogue.regions.count))
    }

    /// Adversarial texts of about 20 KB that the seed report does not exercise: one clause of
    /// indicator names with no punctuation, and one paragraph of region names several regions
    /// share. Both grew quadratically with their length when measured (issue #14).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ZHIBIAO_BENCH"] != nil))
    func adversarialExtractionTime() {
        let texts = [
            ("one clause of names", String(repeating: "R&D经费投入", count: 1_365)),
            ("shared region names", String(repeating: "鼓楼区朝阳区临安", count: 850) + "研发投入3亿元"),
        ]
        for (name, text) in texts {
            var best = Double.infinity
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = Support.extractor.extract(text, context: ExtractionContext())
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            print(String(format: "slow input (%@): best %.1f ms over 3 runs (%d scalars, %d bytes)",
                         name, best, text.unicodeScalars.count, text.utf8.count))
        }
    }
}
