/// The spellings of one alias that reports use interchangeably: 规上 and 规模以上, 研发 and R&D,
/// 占GDP比重 and 占地区生产总值比例. Expanding every catalogue alias through these classes lets
/// the catalogue list each indicator's name once and still read reports written the other way.
enum AliasVariants {
    /// Each class lists interchangeable spellings, the most specific first so that a longer one
    /// is replaced before a shorter one inside it.
    static let classes: [[String]] = [
        ["规模以上", "规上"],
        ["工业增加值", "工业企业增加值"],
        ["研究与试验发展经费", "研究与试验发展(R&D)经费", "研究与开发经费", "研究和试验发展经费", "R&D经费", "RD经费", "研发经费"],
        ["研究与试验发展", "研究与试验发展(R&D)", "R&D", "研发"],
        ["国家高新技术企业", "国家级高新技术企业", "国家高企", "国高企"],
        ["高新技术企业", "高新企业", "高企"],
        ["地区生产总值", "生产总值", "GDP"],
        ["的比重", "比重", "的比例", "比例"],
        ["技术合同成交额", "技术合同交易额", "技术合同成交金额"],
        // 总额 and 金额 say the same amount: 技术市场交易总额 is 技术市场交易额.
        ["交易总额", "交易金额", "交易额"],
        ["成交总金额", "成交总额", "成交金额", "成交额"],
        ["科技型中小企业", "科技型中小微企业"],
        ["发明专利授权量", "发明专利授权数"],
    ]

    /// Measures a verb may stand before: 高新技术产业实现增加值 for 高新技术产业增加值.
    static let measureHeads = ["增加值", "总产值", "产值", "营业总收入", "营业收入", "成交额", "交易额", "投资"]
    static let measureVerbs = ["实现", "完成"]
    /// Verbs that open a name and may follow the noun instead: 新增高新技术企业 / 高新技术企业新增.
    static let leadingVerbs = ["新认定", "新增", "新备案", "累计备案", "评价入库", "入库", "认定", "备案", "累计"]

    /// The word orders of one name: a verb before its measure, or a leading verb after its noun.
    static func reordered(_ alias: String) -> [String] {
        var out: [String] = []
        for head in measureHeads where alias.hasSuffix(head) && alias.count > head.count + 1 {
            let noun = String(alias.dropLast(head.count))
            out += measureVerbs.map { noun + $0 + head }
            break
        }
        for verb in leadingVerbs where alias.hasPrefix(verb) && alias.count >= verb.count + 3 {
            out.append(String(alias.dropFirst(verb.count)) + verb)
            break
        }
        return out
    }

    /// The alias and its variants: one substitution per class, up to two classes at a time, and
    /// each of those in its other word orders.
    static func expand(_ alias: String) -> [String] {
        let spelled = substituted(alias)
        var out = spelled
        var seen = Set(spelled)
        for word in spelled {
            for v in reordered(word) where seen.insert(v).inserted { out.append(v) }
        }
        return out
    }

    private static let scalarClasses: [[[Unicode.Scalar]]] = classes.map { $0.map { Array($0.unicodeScalars) } }

    static func substituted(_ alias: String) -> [String] {
        let start = Array(alias.unicodeScalars)
        var out: [[Unicode.Scalar]] = [start]
        var seen: Set<[Unicode.Scalar]> = [start]
        for round in 0..<2 {
            for word in out {
                for cls in scalarClasses {
                    guard let (member, at) = cls.lazy.compactMap({ m in firstIndex(of: m, in: word).map { (m, $0) } }).first
                    else { continue }
                    for other in cls where other != member {
                        let v = Array(word[..<at]) + other + Array(word[(at + member.count)...])
                        if seen.insert(v).inserted { out.append(v) }
                    }
                }
            }
            if round == 0, out.count > 64 { break }
        }
        return out.map { var s = String.UnicodeScalarView(); s.append(contentsOf: $0); return String(s) }
    }

    private static func firstIndex(of needle: [Unicode.Scalar], in hay: [Unicode.Scalar]) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }
}
