import Extraction
import Foundation
import Testing

/// Extraction time of the seed report. Skipped unless ZHIBIAO_BENCH is set; run it in release:
/// `ZHIBIAO_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter BenchmarkTests`.
@Suite struct BenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ZHIBIAO_BENCH"] != nil))
    func seedExtractionTime() throws {
        let text = try Support.fixture("linan-2021.txt")
        let extractor = Support.extractor
        for _ in 0..<20 { _ = extractor.extract(text, context: ExtractionContext()) }
        let runs = 200
        var best = Double.infinity
        var total = 0.0
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = extractor.extract(text, context: ExtractionContext())
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            #expect(result.facts.count > 39)
            best = min(best, ms)
            total += ms
        }
        print(String(format: "seed extraction: mean %.3f ms, best %.3f ms over %d runs (%d scalars)",
                     total / Double(runs), best, runs, text.unicodeScalars.count))
    }
}
