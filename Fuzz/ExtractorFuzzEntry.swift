// libFuzzer entry point for the report extractor; built by run-extractor-fuzzer.sh, not by SwiftPM
// (compiled into the Extraction module, with Domain as a module of its own).
// Each input is read as UTF-8 (invalid bytes repaired) and extracted without a context and with
// one chosen by its first byte; any fact whose span or quote disagrees with the text, or whose
// value is not finite, traps with fatalError so that libFuzzer keeps the input.
import Domain

/// One extractor for the whole run, over a small catalogue built here: a few indicators (with
/// their derived ones and follow-on aliases such as 占GDP比重), a nation, provinces, cities,
/// districts, a zone, and names two regions share (鼓楼区, 朝阳区) so that region resolution runs.
private let fuzzExtractor: ReportExtractor = {
    let base = [
        Indicator(code: "innovation_index", nameZh: "创新指数", nameEn: "Innovation index", unit: .index,
                  category: "overall", aggregation: .last, aliasesZh: ["科技创新指数", "区域创新指数"]),
        Indicator(code: "rd_expenditure", nameZh: "R&D经费投入", nameEn: "R&D expenditure", unit: .yuan,
                  category: "rd_input", aggregation: .sum,
                  aliasesZh: ["R&D经费", "研发投入", "研发经费", "全社会研发投入", "R＆D经费投入", "研究与试验发展经费"]),
        Indicator(code: "rd_intensity", nameZh: "R&D经费投入强度", nameEn: "R&D intensity", unit: .percent,
                  category: "rd_input", aggregation: .last,
                  aliasesZh: ["研发强度", "R&D经费投入占GDP比重", "占GDP比重", "占GDP的比重", "占地区生产总值比重"]),
        Indicator(code: "hightech_enterprises_new", nameZh: "新认定国家高新技术企业", nameEn: "New high-tech enterprises",
                  unit: .count, category: "enterprises", aggregation: .sum,
                  aliasesZh: ["新增国家高新技术企业", "新增高企", "新增国高企"]),
        Indicator(code: "hightech_enterprises_total", nameZh: "高新技术企业总数", nameEn: "High-tech enterprises",
                  unit: .count, category: "enterprises", aggregation: .last, aliasesZh: ["高新技术企业", "国家高新技术企业"]),
        Indicator(code: "technology_transaction_value", nameZh: "技术交易额", nameEn: "Technology transactions",
                  unit: .yuan, category: "transfer", aggregation: .sum, aliasesZh: ["技术合同成交额", "技术市场交易额"]),
        Indicator(code: "invention_patents_per_10k_people", nameZh: "每万人发明专利拥有量", nameEn: "Patents per 10k",
                  unit: .per10kPeople, category: "output", aggregation: .last, aliasesZh: ["万人发明专利拥有量"]),
        Indicator(code: "tech_smes_per_1000", nameZh: "每千家企业中科技型中小企业数量", nameEn: "Tech SMEs per 1000",
                  unit: .per1000Enterprises, category: "enterprises", aggregation: .last),
    ]
    let regions = [
        Region(code: "100000", nameZh: "中华人民共和国", nameEn: "China", level: .nation, parent: nil, aliasesZh: ["中国"]),
        Region(code: "330000", nameZh: "浙江省", nameEn: "Zhejiang", level: .province, parent: "100000", aliasesZh: ["浙江"]),
        Region(code: "330100", nameZh: "杭州市", nameEn: "Hangzhou", level: .city, parent: "330000", aliasesZh: ["杭州"]),
        Region(code: "330112", nameZh: "临安区", nameEn: "Lin'an", level: .district, parent: "330100", aliasesZh: ["临安"]),
        Region(code: "330110", nameZh: "余杭区", nameEn: "Yuhang", level: .district, parent: "330100", aliasesZh: ["余杭"]),
        Region(code: "330182", nameZh: "建德市", nameEn: "Jiande", level: .county, parent: "330100", aliasesZh: ["建德"]),
        Region(code: "330112001", nameZh: "青山湖科技城", nameEn: "Qingshanhu", level: .zone, parent: "330112"),
        Region(code: "320000", nameZh: "江苏省", nameEn: "Jiangsu", level: .province, parent: "100000", aliasesZh: ["江苏"]),
        Region(code: "320100", nameZh: "南京市", nameEn: "Nanjing", level: .city, parent: "320000", aliasesZh: ["南京"]),
        Region(code: "320106", nameZh: "鼓楼区", nameEn: "Gulou", level: .district, parent: "320100", aliasesZh: ["鼓楼"]),
        Region(code: "350000", nameZh: "福建省", nameEn: "Fujian", level: .province, parent: "100000", aliasesZh: ["福建"]),
        Region(code: "350100", nameZh: "福州市", nameEn: "Fuzhou", level: .city, parent: "350000", aliasesZh: ["福州"]),
        Region(code: "350102", nameZh: "鼓楼区", nameEn: "Gulou", level: .district, parent: "350100", aliasesZh: ["鼓楼"]),
        Region(code: "110000", nameZh: "北京市", nameEn: "Beijing", level: .province, parent: "100000", aliasesZh: ["北京"]),
        Region(code: "110105", nameZh: "朝阳区", nameEn: "Chaoyang", level: .district, parent: "110000", aliasesZh: ["朝阳"]),
        Region(code: "220100", nameZh: "长春市", nameEn: "Changchun", level: .city, parent: "220000", aliasesZh: ["长春"]),
        Region(code: "220104", nameZh: "朝阳区", nameEn: "Chaoyang", level: .district, parent: "220100", aliasesZh: ["朝阳"]),
        // A parent the catalogue lacks, and a region whose alias is another region's name.
        Region(code: "990101", nameZh: "全国示范区", nameEn: "Orphan", level: .zone, parent: "990100", aliasesZh: ["杭州"]),
    ]
    return ReportExtractor(indicators: base + base.flatMap { $0.derived() }, regions: regions)
}()

private let fuzzRegions: [String?] = [nil, "330112", "330100", "330000", "100000", "320106", "350102", "999999", ""]
private let fuzzYears: [Int?] = [nil, 2021, 2023, 1900, 0]
private let fuzzSources: [String?] = [nil, "https://www.linan.gov.cn/art/2022/3/24/art_1.html", "http://x/2021年/", ""]

@_cdecl("LLVMFuzzerTestOneInput")
public func extractorFuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let scalars = Array(text.unicodeScalars)
    check(text, scalars, ExtractionContext())
    if let b = bytes.first.map(Int.init) {
        let context = ExtractionContext(region: fuzzRegions[b % fuzzRegions.count],
                                        year: fuzzYears[(b / 9) % fuzzYears.count],
                                        source: fuzzSources[(b / 45) % fuzzSources.count])
        check(text, scalars, context)
    }
    return 0
}

private func check(_ text: String, _ scalars: [Unicode.Scalar], _ context: ExtractionContext) {
    let result = fuzzExtractor.extract(text, context: context)
    for f in result.facts {
        checkSpan("fact \(f.indicator)", f.start, f.end, f.quote, scalars, context)
        guard f.value.isFinite, f.confidence.isFinite else {
            fatalError("fact \(f.indicator): value \(f.value), confidence \(f.confidence) not finite (\(context))")
        }
    }
    for u in result.unmapped {
        checkSpan("unmapped \(u.phrase)", u.start, u.end, u.quote, scalars, context)
        guard u.value.isFinite, u.confidence.isFinite else {
            fatalError("unmapped \(u.phrase): value \(u.value), confidence \(u.confidence) not finite (\(context))")
        }
    }
}

private func checkSpan(_ what: String, _ start: Int, _ end: Int, _ quote: String, _ scalars: [Unicode.Scalar],
                       _ context: ExtractionContext) {
    guard start >= 0, start <= end, end <= scalars.count else {
        fatalError("\(what): span \(start)..<\(end) outside the text's \(scalars.count) scalars (\(context))")
    }
    var slice = String.UnicodeScalarView()
    slice.append(contentsOf: scalars[start..<end])
    guard quote.unicodeScalars.elementsEqual(slice) else {
        fatalError("\(what): quote \(quote.debugDescription) != text[\(start)..<\(end)] \(String(slice).debugDescription) (\(context))")
    }
}
