import Foundation
import Testing
@testable import ZhibiaoCLI

@Suite struct LineLogHandlerTests {
    @Test func logfmtQuotesOnlyWhatNeedsIt() {
        let line = LineLogHandler.render([("level", "info"), ("msg", "GET /x 200"), ("path", "/x"), ("q", "a=\"b\"")], .logfmt)
        #expect(line == #"level=info msg="GET /x 200" path=/x q="a=\"b\"""#)
    }

    @Test func jsonIsOneParseableObject() throws {
        let line = LineLogHandler.render([("msg", "line\nbreak \u{1}"), ("region", "杭州")], .json)
        #expect(!line.contains("\n"))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        #expect(object == ["msg": "line\nbreak \u{1}", "region": "杭州"])
    }

    @Test func timestampIsUTCWithMilliseconds() {
        let ts = LineLogHandler.timestamp()
        #expect(ts.count == 24 && ts.hasSuffix("Z") && ts.dropFirst(10).hasPrefix("T"))
    }
}
