import Extraction
import Testing

/// The extractor must survive any text: random CJK, digits and punctuation, slices of the seed
/// cut anywhere, and the seed with random edits. Spans stay inside the text and quote it exactly.
@Suite struct RandomInputTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces: [String] = [
        "R&D经费投入", "占GDP比重", "同比增长", "增幅", "居全省第", "位", "前", "名", "第", "亿元", "万元", "万亿", "元",
        "家", "家次", "项", "个百分点", "%", "％", "以上", "不低于", "不超过", "近", "约", "左右", "超", "余", "多",
        "分别为", "其中", "预计", "到", "年", "年度", "月", "1-9月", "一季度", "上半年", "全区", "我县", "全市", "全国",
        "萧山区", "临安", "新增国家高新技术企业", "创新券", "技术交易额", "雏鹰企业", "，", "。", "；", "、", "：", "|",
        "\n", " ", "(", ")", "（", "）", "一", "二", "两", "十", "百", "千", "零", "〇", "1", "2", "9", "0", ".", ",",
        "２", "．", "-", "—", "/", "&", "<p>", "😀", "\u{0}", "\u{FEFF}", "𠀀", "é", "三、2022年工作计划\n",
    ]

    func check(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        let result = Support.extractor.extract(text, context: ExtractionContext())
        for f in result.facts {
            #expect(f.start >= 0 && f.start <= f.end && f.end <= scalars.count, "span \(f.start)..<\(f.end) in \(scalars.count)")
            guard f.start >= 0, f.start <= f.end, f.end <= scalars.count else { continue }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[f.start..<f.end])
            #expect(String(s) == f.quote)
            #expect(f.value.isFinite)
            #expect(f.confidence > 0 && f.confidence <= 1)
        }
    }

    @Test func randomAndMutatedTexts() throws {
        let seed = Array(try Support.fixture("linan-2021.txt").unicodeScalars)
        var rng = SplitMix(state: 20_211_231)
        for round in 0..<2_000 {
            var text = String.UnicodeScalarView()
            switch round % 4 {
            case 0:   // random pieces
                for _ in 0..<Int.random(in: 1...60, using: &rng) {
                    text.append(contentsOf: Self.pieces.randomElement(using: &rng)?.unicodeScalars ?? "".unicodeScalars)
                }
            case 1:   // random scalars: CJK, digits, ASCII punctuation
                for _ in 0..<Int.random(in: 0...200, using: &rng) {
                    let v: UInt32
                    switch Int.random(in: 0..<4, using: &rng) {
                    case 0: v = UInt32.random(in: 0x4E00...0x9FFF, using: &rng)
                    case 1: v = UInt32.random(in: 0x30...0x39, using: &rng)
                    case 2: v = UInt32.random(in: 0x20...0x7E, using: &rng)
                    default: v = UInt32.random(in: 0xFF01...0xFF5E, using: &rng)
                    }
                    if let u = Unicode.Scalar(v) { text.append(u) }
                }
            case 2:   // a slice of the seed cut anywhere
                let a = Int.random(in: 0..<seed.count, using: &rng)
                let b = Int.random(in: a...min(seed.count, a + 800), using: &rng)
                text.append(contentsOf: seed[a..<b])
            default:  // the seed with random edits
                var s = Array(seed[0..<min(seed.count, 1500)])
                for _ in 0..<20 where !s.isEmpty {
                    let at = Int.random(in: 0..<s.count, using: &rng)
                    let piece = Array((Self.pieces.randomElement(using: &rng) ?? "").unicodeScalars)
                    if Bool.random(using: &rng) { s.replaceSubrange(at...at, with: piece) } else { s.insert(contentsOf: piece, at: at) }
                }
                text.append(contentsOf: s)
            }
            check(String(text))
        }
    }

    @Test func randomBytesDecodeOrFailWithTypedError() {
        var rng = SplitMix(state: 42)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            do {
                let doc = try DocumentText.decode(bytes: bytes, contentType: nil)
                check(doc.text)
            } catch {
                // DocumentDecodingError is the only error decode throws.
                _ = error as DocumentDecodingError
            }
        }
    }
}
