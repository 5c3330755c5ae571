import Config
import Domain
import Foundation
import Testing

@Suite struct RegionTableTests {
    static let shipped = Result { try Catalogue.load(directory: ConfigDirectory.url) }

    @Test func theNationalCatalogueHoldsEveryDivisionAndTheZones() throws {
        let regions = try Self.shipped.get().regions
        let levels = Dictionary(grouping: regions, by: \.level).mapValues(\.count)
        #expect(levels[.province] == 34 && levels[.city] == 333)
        #expect((levels[.district] ?? 0) + (levels[.county] ?? 0) == 2843)
        #expect((levels[.zone] ?? 0) >= 400)
        let byCode = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0) })
        // A county's parent is its city, or its province where no city stands between.
        #expect(byCode["330212"]?.parent == "330200" && byCode["330212"]?.level == .district)
        #expect(byCode["110105"]?.parent == "110000")
        #expect(byCode["429004"]?.parent == "420000" && byCode["429004"]?.level == .county)
        #expect(byCode["429021"]?.level == .county)  // 神农架林区
        #expect(byCode["520203"]?.level == .county)  // 六枝特区
        // The English names the catalogue had are kept.
        #expect(byCode["330112"]?.nameEn == "Lin'an" && byCode["330000"]?.nameEn == "Zhejiang")
        #expect(byCode["330212"]?.nameEn == "Yinzhou")
        // The zones the development reports name, under their cities.
        for (name, parent) in [("深圳国家高新区", "440300"), ("三门峡高新区", "411200"), ("宁波大榭开发区", "330200"),
                               ("昆山高新区", "320500"), ("荆州高新区", "421000")] {
            let zone = regions.first { $0.level == .zone && ($0.nameZh == name || $0.aliasesZh.contains(name)) }
            #expect(zone?.parent == parent, "\(name)")
            #expect(zone.map { $0.code.count == 9 && $0.code.hasPrefix(parent) } == true, "\(name)")
        }
    }

    @Test func aliasesAreTheShortFormsPeopleWrite() throws {
        let byName = Dictionary(try Self.shipped.get().regions.map { ($0.nameZh, $0.aliasesZh) }, uniquingKeysWith: { a, _ in a })
        let expected: [String: [String]] = [
            "鄞州区": ["鄞州"], "开化县": ["开化"], "长沙市": ["长沙"], "四川省": ["四川"], "浙江省": ["浙江"],
            "广西壮族自治区": ["广西"], "新疆维吾尔自治区": ["新疆"], "内蒙古自治区": ["内蒙古"], "宁夏回族自治区": ["宁夏"],
            "西藏自治区": ["西藏"], "恩施土家族苗族自治州": ["恩施州", "恩施"], "长阳土家族自治县": ["长阳"],
            "香港特别行政区": ["香港"], "杭州市": ["杭州"],
            // Never one character; never an ordinary word of the stoplist.
            "赵县": [], "和平区": [], "新华区": [], "城关区": [], "市中区": [],
        ]
        for (name, aliases) in expected { #expect(byName[name] == aliases, "\(name)") }
        // 全省 and 全市 are the extractor's to read, not aliases of one region.
        #expect(try Self.shipped.get().regions.allSatisfy { !$0.aliasesZh.contains("全省") && !$0.aliasesZh.contains("全市") })
    }

    @Test func namesSharedByRegionsStayOnEveryOne() throws {
        let regions = try Self.shipped.get().regions
        #expect(regions.filter { $0.nameZh == "鼓楼区" }.count == 4)  // 南京, 徐州, 福州, 开封
        #expect(Set(regions.filter { $0.aliasesZh.contains("西湖") }.map(\.code)) == ["330106", "360103"])
    }

    @Test func aLineWithAnUnknownParentIsNamed() {
        let text = "# header\n330000\t\tprovince\t浙江省\tZhejiang\t浙江\n330212\t330200\tdistrict\t鄞州区\tYinzhou\t鄞州\n"
        #expect(throws: ConfigError(file: "t.tsv", key: "line 3", message: "parent '330200' must be listed before its children")) {
            try RegionTable.parse(text, file: "t.tsv")
        }
    }

    @Test func badFieldsAreNamed() {
        for (line, fragment) in [("33\t\tprovince\t浙\tZ", "6 tab-separated"), ("3a\t\tprovince\t浙\tZ\t", "2–12 digits"),
                                 ("33\t\tplanet\t浙\tZ\t", "planet"), ("33\t\tprovince\t\tZ\t", "required")] {
            do {
                _ = try RegionTable.parse(line + "\n", file: "t.tsv")
                Issue.record("expected an error for \(line)")
            } catch {
                #expect(error.key == "line 1" && error.message.contains(fragment), "\(error)")
            }
        }
    }

    @Test func localRegionsOverrideAndExtendTheNationalOnes() throws {
        // given a national table and a regions.yaml that renames one region and adds one under another
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("regions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: ConfigDirectory.url.appendingPathComponent("indicators.yaml"),
                                         to: folder.appendingPathComponent("indicators.yaml"))
        try """
        330000\t\tprovince\t浙江省\tZhejiang\t浙江
        330100\t330000\tcity\t杭州市\tHangzhou\t杭州
        330112\t330100\tdistrict\t临安区\tLin'an\t临安

        """.write(to: folder.appendingPathComponent("regions-national.tsv"), atomically: true, encoding: .utf8)
        try """
        regions:
          - {code: "330112901", name_zh: 青山湖科技城, name_en: Qingshanhu, level: zone, parent: "330112"}
          - {code: "330112", name_zh: 临安区, name_en: Lin'an District, level: district, parent: "330100", aliases_zh: [临安]}
        """.write(to: folder.appendingPathComponent("regions.yaml"), atomically: true, encoding: .utf8)
        // when the catalogue is loaded
        let regions = try Catalogue.load(directory: folder).regions
        // then the override replaced the national entry, the addition is there, parents first
        #expect(regions.map(\.code) == ["330000", "330100", "330112", "330112901"])
        #expect(regions[2].nameEn == "Lin'an District")
    }
}
