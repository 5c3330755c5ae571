import Foundation
@testable import HTTPServer
import Testing

@Suite struct LogLineEncoderTests {
    func line(_ fields: [(String, String)], _ format: LogFormat) -> String {
        var encoder = LogLineEncoder(format: format)
        var out: [UInt8] = []
        encoder.begin(into: &out)
        for (key, value) in fields { encoder.field(key, value, into: &out) }
        encoder.end(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func logfmtQuotesWhatWouldBreakTheLine() {
        // given a value for each thing that needs quoting, and some that do not
        let fields = [("a", "plain/path"), ("b", ""), ("c", "two words"), ("d", "k=v"), ("e", "say \"hi\""),
                      ("f", "back\\slash"), ("g", "line\nbreak"), ("h", "next\u{85}line"), ("i", "ls\u{2028}"),
                      ("j", "tab\there"), ("k", "杭州市"), ("l", "bell\u{7}")]
        // then: bare unless needed, JSON string literals otherwise
        #expect(line(fields, .logfmt) == #"a=plain/path b="" c="two words" d="k=v" e="say \"hi\"" f="back\\slash" "#
            + #"g="line\nbreak" h="next"# + "\u{85}" + #"line" i="ls"# + "\u{2028}" + #"" j=tab"# + "\t"
            + #"here k=杭州市 l=bell"# + "\u{7}\n")
    }

    @Test func jsonIsOneObjectPerLineWithEveryValueAString() throws {
        let text = line([("ts", "2026-01-01T00:00:00.000Z"), ("msg", "a \"b\"\n\u{1}"), ("region", "杭州")], .json)
        #expect(text.hasSuffix("}\n") && text.filter { $0 == "\n" }.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(object == ["ts": "2026-01-01T00:00:00.000Z", "msg": "a \"b\"\n\u{1}", "region": "杭州"])
        #expect(text.contains(#"\u0001"#))
    }

    @Test func numbersAndTimestampsAreBareInLogfmtAndStringsInJSON() {
        for (format, expected) in [(LogFormat.logfmt, "n=0 m=18446744073709551615 t=x\n"),
                                   (.json, #"{"n":"0","m":"18446744073709551615","t":"x"}"# + "\n")] {
            var encoder = LogLineEncoder(format: format)
            var out: [UInt8] = []
            encoder.begin(into: &out)
            encoder.field("n", UInt64(0), into: &out)
            encoder.field("m", UInt64.max, into: &out)
            encoder.beginBare("t", into: &out)
            out.append(UInt8(ascii: "x"))
            encoder.endBare(into: &out)
            encoder.end(into: &out)
            #expect(String(decoding: out, as: UTF8.self) == expected)
        }
    }

    @Test func timestampIsUTCWithMilliseconds() {
        var clock = LogTimestamp()
        var out: [UInt8] = []
        clock.append(into: &out)
        clock.append(into: &out)
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.count == 48)
        let first = String(text.prefix(24))
        #expect(first.hasSuffix("Z") && first.dropFirst(10).hasPrefix("T") && first.dropFirst(19).hasPrefix("."))
    }
}
