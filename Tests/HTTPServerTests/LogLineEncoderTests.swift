import Foundation
@testable import HTTPServer
import Testing

@Suite struct LogLineEncoderTests {
    func line(_ fields: [(String, String)], _ format: LogFormat) -> String {
        String(decoding: LogLineEncoder.line(fields.map { (key: $0.0, value: $0.1) }, format: format), as: UTF8.self)
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

    @Test func numbersAreDecimalDigits() {
        for (value, expected) in [(UInt64(0), "0"), (9, "9"), (10, "10"), (1234567, "1234567"), (UInt64.max, "18446744073709551615")] {
            let bytes = [UInt8](unsafeUninitializedCapacity: 20) { buffer, count in
                var cursor = LogCursor(buffer.baseAddress!)
                cursor.decimal(value)
                count = cursor.position - buffer.baseAddress!
            }
            #expect(String(decoding: bytes, as: UTF8.self) == expected)
        }
    }

    @Test func timestampIsUTCWithMilliseconds() {
        let text = LogTimestamp.now()
        #expect(text.count == 24 && text.hasSuffix("Z") && text.dropFirst(10).hasPrefix("T") && text.dropFirst(19).hasPrefix("."))
    }
}
