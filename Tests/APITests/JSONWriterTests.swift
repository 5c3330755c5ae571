@testable import API
import Domain
import Foundation
import Testing

/// The byte-level JSON writer behind every answer: what it writes must parse back to what was
/// written, whatever the buffer's growth and however the writer is copied.
@Suite struct JSONWriterTests {
    func parse(_ writer: borrowing JSONWriter) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(writer.bytes), options: [.fragmentsAllowed])
    }

    /// Numbers take a shortcut for decimals of up to six places; it must write exactly what
    /// Swift's shortest round-trip `description` writes, for decimals and arbitrary doubles alike.
    @Test func decimalShortcutWritesWhatDescriptionWrites() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return state >> 11 }
        var values: [Double] = [0.001, -0.001, 0.0015, 0.005, -0.05, 0.000999, 999_999.999999, -0.5, 0.1, 0.2, 0.3,
                                1.005, 8.919, 48.514, 123.45]
        let powers: [Int64] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000]
        for _ in 0..<20_000 {
            // A decimal of 1 to 6 places and up to 12 digits, both signs: from 0.000001 to 999,999.
            let places = Int(next() % 6) + 1
            let digits = Int64(next() % 12) + 1
            let range = Int64(pow(10, Double(digits)))
            values.append(Double(Int64(next() % UInt64(2 * range)) - range) / Double(powers[places]))
            // Any double from 2^-20 to 2^40, most of which need more than six places.
            values.append(Double(sign: next() % 2 == 0 ? .plus : .minus, exponent: Int(next() % 61) - 20,
                                 significand: 1 + Double(next() % (1 << 52)) / Double(1 << 52)))
        }
        #expect(values.filter { NumberText.shortDecimal($0) != nil }.count > 10_000)
        var mismatches: [String] = []
        for value in values where value.isFinite && NumberText.wholeNumber(value) == nil {
            var json = JSONWriter()
            json.number(value)
            let written = String(decoding: json.bytes, as: UTF8.self)
            if written != value.description { mismatches.append("\(value.description) written as \(written)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(NumberText.shortDecimal(8.919)! == (8919, 3))
        #expect(NumberText.shortDecimal(0.1 + 0.2) == nil)
    }

    @Test func valuesRoundTrip() throws {
        var json = JSONWriter(capacity: 1)
        json.beginObject()
        json.key("text"); json.string("引号\"反斜杠\\换行\n\t\u{01}end")
        json.key("bytes"); "区县".utf8CString.withUnsafeBufferPointer { chars in
            chars.withMemoryRebound(to: UInt8.self) { json.string(bytes: UnsafeBufferPointer(rebasing: $0.dropLast())) }
        }
        json.key("none"); json.string(bytes: nil)
        json.key("ints"); json.beginArray()
        for n in [0, 7, -7, 10, 1_000_000_007, Int64.max, Int64.min] { json.int(n) }
        json.endArray()
        json.key("numbers"); json.beginArray()
        for d in [2_005_000_000, 2.89, -0.5, 1e-7, 1e300, Double.nan] as [Double] { json.number(d) }
        json.endArray()
        json.key("period"); json.period(.quarter(year: 2021, quarter: 3))
        json.key("at"); json.timestamp(Timestamp(microseconds: 1_648_109_700_123_456))
        json.key("flag"); json.bool(false)
        json.endObject()
        let object = try #require(try parse(json) as? [String: Any])
        #expect(object["text"] as? String == "引号\"反斜杠\\换行\n\t\u{01}end")
        #expect(object["bytes"] as? String == "区县")
        #expect(object["none"] is NSNull)
        #expect((object["ints"] as? [NSNumber])?.map(\.int64Value) == [0, 7, -7, 10, 1_000_000_007, Int64.max, Int64.min])
        let numbers = try #require(object["numbers"] as? [Any])
        #expect(numbers.prefix(5).compactMap { ($0 as? NSNumber)?.doubleValue } == [2_005_000_000, 2.89, -0.5, 1e-7, 1e300])
        #expect(numbers.last is NSNull)
        #expect(String(decoding: json.bytes, as: UTF8.self).contains("2005000000,"))
        #expect(object["period"] as? String == "2021-Q3")
        #expect(object["at"] as? String == "2022-03-24T08:15:00.123456Z")
        #expect(object["flag"] as? Bool == false)
    }

    /// The escape check reads eight bytes at a time: a character to escape must be found in
    /// every position of a word and of the tail, and multi-byte UTF-8 must not look like one.
    @Test func escapesAtEveryPosition() throws {
        let plain = "abcdefghijklmnopqrstuvwxyz0123"
        for special in ["\"", "\\", "\n", "\u{1F}", "\u{00}"] {
            for position in 0...plain.count {
                var text = plain
                text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: position))
                var json = JSONWriter(capacity: 8)
                json.string(text)
                #expect(try parse(json) as? String == text)
            }
        }
        var json = JSONWriter()
        json.string("科技型中小企业数量（家）ÿ\u{7F}")
        #expect(String(decoding: json.bytes, as: UTF8.self) == "\"科技型中小企业数量（家）ÿ\u{7F}\"")
    }

    @Test func growsFromATinyBuffer() throws {
        var json = JSONWriter(capacity: 8)
        json.beginArray()
        for i in 0..<5000 { json.string("value \(i)") }
        json.endArray()
        let values = try #require(try parse(json) as? [String])
        #expect(values.count == 5000 && values.first == "value 0" && values.last == "value 4999")
    }

    @Test func periodTextMatchesItsDescription() {
        for period in [Period.year(2021), .year(987), .year(12345), .year(-5), .quarter(year: 2021, quarter: 4),
                       .month(year: 2021, month: 9), .month(year: 2021, month: 12)] {
            var json = JSONWriter()
            json.period(period)
            #expect(String(decoding: json.bytes, as: UTF8.self) == "\"\(period.description)\"")
        }
    }
}
