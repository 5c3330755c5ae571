import Domain
@testable import Extraction
import Testing

@Suite struct NumberParserTests {
    func read(_ text: String, at offset: Int = 0) -> Quantity? {
        QuantityReader.read(ScalarText(text), at: offset)
    }

    @Test(arguments: [
        ("20.05亿元", 2_005_000_000.0), ("4918万元", 49_180_000), ("142万元", 1_420_000), ("3万亿元", 3e12),
        ("1,234.5万元", 12_345_000), ("５８６万元", 5_860_000), ("１２．５亿元", 1_250_000_000), ("三亿元", 3e8),
        ("两千万元", 2e7), ("1.2千万元", 1.2e7), ("5000元", 5000),
    ])
    func money(text: String, value: Double) throws {
        let q = try #require(read(text))
        #expect(q.unit == .money)
        #expect(abs(q.value - value) < 1e-6 * value)
    }

    @Test(arguments: [
        ("158家", 158.0, "家"), ("99家次", 99, "家次"), ("87项", 87, "项"), ("26件", 26, "件"), ("2人", 2, "人"),
        ("300人次", 300, "人次"), ("一百二十三家", 123, "家"), ("两家", 2, "家"), ("十三个", 13, "个"),
        ("二百零六家", 206, "家"), ("六十八家", 68, "家"), ("1,235家", 1235, "家"), ("１２３４５家", 12345, "家"),
        ("1.2万家", 12000, "家"),
    ])
    func counts(text: String, value: Double, classifier: String) throws {
        let q = try #require(read(text))
        #expect(q.unit == .count(classifier))
        #expect(q.value == value)
    }

    @Test func percentAndPoints() throws {
        #expect(try #require(read("27.1%")).unit == .percent)
        #expect(try #require(read("27.1％")).value == 27.1)
        let pp = try #require(read("0.21个百分点"))
        #expect(pp.unit == .percentagePoints)
        #expect(pp.value == 0.21)
        #expect(try #require(read("1.2倍")).unit == .times)
    }

    @Test func approximationAndBounds() throws {
        #expect(try #require(read("400余家次")).approximate)
        #expect(try #require(read("9000多人次")).approximate)
        #expect(try #require(read("约5亿元", at: 1)).approximate)
        #expect(try #require(read("近5亿元", at: 1)).approximate)
        #expect(try #require(read("3.5%左右")).approximate)
        #expect(try #require(read("超5亿元", at: 1)).approximate)
        #expect(try #require(read("6项以上")).bound == .min)
        #expect(try #require(read("150家及以上")).bound == .min)
        #expect(try #require(read("不低于55%", at: 3)).bound == .min)
        #expect(try #require(read("不少于70家", at: 3)).bound == .min)
        #expect(try #require(read("超过5亿元", at: 2)).bound == .min)
        #expect(try #require(read("不超过5%", at: 3)).bound == .max)
        #expect(try #require(read("10%以内")).bound == .max)
        #expect(try #require(read("控制在3%", at: 3)).bound == .max)
        let q = try #require(read("不少于70家", at: 3))
        #expect(q.start == 0)
        #expect(q.numberStart == 3)
    }

    @Test func chineseNumerals() {
        func n(_ s: String) -> Double? { ChineseNumeral.parse(ScalarText(s), at: 0)?.value }
        #expect(n("一百二十三") == 123)
        #expect(n("十三") == 13)
        #expect(n("两") == 2)
        #expect(n("二十四") == 24)
        #expect(n("一千零五") == 1005)
        #expect(n("三万五千") == 35000)
        #expect(n("二〇二一") == 2021)
        #expect(n("十") == 10)
        #expect(n("年") == nil)
    }

    @Test func chineseNumeralNeedsUnit() {
        // 一年来, 五大行动: Chinese numerals are values only with a unit after them.
        #expect(read("一年来") == nil)
        #expect(read("五大类") == nil)
    }
}
