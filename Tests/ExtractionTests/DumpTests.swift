import Extraction
import Testing
import Foundation

@Suite struct DumpTests {
    @Test func dump() throws {
        guard let name = ProcessInfo.processInfo.environment["DUMP_FIXTURE"] else { return }
        let text = try Support.fixture(name)
        let r = Support.extractor.extract(text, context: ExtractionContext())
        print(r.metadata)
        for f in r.facts {
            print(f.indicator, f.scope?.rawValue ?? "-", f.region, f.period, f.kind.rawValue, f.value, f.bound?.rawValue ?? "-", f.status.rawValue, f.approximate, f.confidence, "「\(f.quote)」")
        }
    }
}
