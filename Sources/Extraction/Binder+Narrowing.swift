import Domain

/// Whether a name in the text is the region's indicator or only part of a narrower one: a part
/// of the economy (各类企业R&D经费), a figure a subsidy drew out (撬动企业研发投入), a share's whole
/// (占R&D投入), a longer noun it modifies (高新技术企业税收减免额) or another denominator.
extension Binder {
    static let funds = Array(word: "经费")
    static let nounHeads = words(["额", "量", "数", "率", "费", "收入", "产值", "利润", "税收", "面积", "人数", "资金"])

    /// 高新技术企业税收减免额: a name followed straight by more of a noun whose head is another
    /// measure (额, 收入, 产值) only modifies it.
    func isModifier(tokenEnd: Int) -> Bool {
        // 全社会研发投入经费投入3.98亿元: 经费 repeats what the name measures.
        if text.has(Self.funds, at: tokenEnd) { return false }
        var j = tokenEnd
        while j < text.count, j - tokenEnd < 8, ScalarText.isCJK(text[j]) {
            j += 1
            let ends = j >= text.count || !ScalarText.isCJK(text[j]) || text.first(of: Self.connectors, at: j) != nil
            // 减免额 completes its own name; 税收减免额 is another noun, unless it is only connectors (总额).
            if ends, j - tokenEnd >= 2, Self.nounHeads.contains(where: { text.has($0, endingAt: j) }),
               !isConnectorGap(tokenEnd, j) {
                return true
            }
        }
        return false
    }

    /// Nouns that name a part of a region's economy: a figure right after them is that part's.
    static let groupNouns = words([
        "企业", "主体", "机构", "院校", "院所", "高校", "学校", "产业", "行业", "领域", "公司", "集团", "制造业", "服务业", "建筑业",
        // 城市建设与社会发展类技术合同: a category of contracts, projects or firms.
        "类",
    ])

    static let revenueWords = words(["营业收入", "主营业务收入", "销售收入"])

    /// 投入强度(与营业收入之比)为1.60%: an intensity against revenue is not the one against GDP.
    func hasOtherDenominator(after end: Int) -> Bool {
        guard text[end] == 0x28, let close = (end + 1..<min(text.count, end + 24)).first(where: { text[$0] == 0x29 }) else {
            return false
        }
        return text.containsAny(Self.revenueWords, in: end..<close)
    }

    static let groupVerbs = words(["实现", "完成", "共成交", "成交", "共"])

    static let oneFirm = words(["该企业", "该公司", "这家企业", "这家公司", "该单位", "该集团"])

    /// 各类企业R&D经费支出44.24亿元, 非工业企业(重点建筑业企业)R&D经费支出, 电子信息技术产业实现
    /// 高新技术产业增加值60.9亿元, 该企业今年研发投入: the name is narrowed to a part of the region.
    func isSubgroup(from: Int, to end: Int) -> Bool {
        if text.containsAny(Self.oneFirm, in: recent(end)) { return true }
        var j = end
        while j > from, text[j - 1] == 0x20 { j -= 1 }
        if let v = Self.groupVerbs.first(where: { text.has($0, endingAt: j) }), j - v.count >= from { j -= v.count }
        if text[j - 1] == 0x29, let open = (max(from, j - 30)..<j).last(where: { text[$0] == 0x28 }) { j = open }
        // 各类技术合同 is every kind of contract, not one category.
        if text[j - 1] == 0x7C7B, text[j - 2] == 0x5404 { return false }   // 类 各
        return j > from && Self.groupNouns.contains { text.has($0, endingAt: j) && j - $0.count >= from }
    }

    func isInsideParentheses(_ i: Int) -> Bool {
        var depth = 0
        var k = recent(i).lowerBound
        while k < i {
            switch text[k] {
            case 0x28, 0x5B: depth += 1
            case 0x29, 0x5D: depth = max(0, depth - 1)
            default: break
            }
            k += 1
        }
        return depth > 0
    }

    /// The last character of a figure with its unit: 1亿元, 100家, 10%.
    static let figureEnds: Set<UInt32> = [0x5143, 0x5BB6, 0x25, 0x4EBA, 0x9879, 0x4E2A, 0x4EF6]   // 元 家 % 人 项 个 件
    static let inducingVerbs = words(["撬动", "带动", "拉动", "吸引", "引导", "吸纳", "输出", "流向", "流入", "落地"])

    static let partialOwners = words([
        "企业", "单位", "项目", "重大", "大额", "从业人员", "就业人员", "人口", "每万人", "每万名", "每千人", "人员中",
    ])

    /// 基础研究经费支出占社会R&D投入: the name after 占 is the whole a share is taken of.
    static let shareOf = words(["占全社会", "占社会", "占全部", "占全省", "占全市", "占"])

    /// 撬动企业研发投入5500万元 is what a subsidy drew out of firms, not the region's R&D
    /// spending: a name owned by a narrower noun (企业研发投入) or induced by a verb is not the
    /// region's indicator.
    func isInducedOrPartial(at start: Int) -> Bool {
        if Self.partialOwners.contains(where: { text.has($0, endingAt: start) }) { return true }
        // 营业收入超1亿元的高新技术企业487家: a figure before 的 picks out some of them.
        if start >= 2, text[start - 1] == 0x7684, Self.figureEnds.contains(text[start - 2]),
           (max(clauseStart, start - 8)..<(start - 2)).contains(where: { ScalarText.isDigit(text[$0]) }) {
            return true
        }
        if Self.shareOf.contains(where: { text.has($0, endingAt: start) }) { return true }
        let from = max(clauseStart, start - 6)
        return text.containsAny(Self.inducingVerbs, in: from..<start)
    }
}
