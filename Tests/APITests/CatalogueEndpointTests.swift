import Foundation
import Testing

@Suite struct CatalogueEndpointTests {
    @Test func listsTheCatalogueWithFilters() throws {
        let f = try APIFixture()
        let all = try f.data("/indicators")
        #expect(all.count > 100)
        let base = try f.data("/indicators?derived=false")
        #expect(base.allSatisfy { $0["base"] is NSNull })
        // Every base indicator has a growth, rank, growth rank and target completion; a percent one
        // also a change in percentage points.
        let percent = base.filter { $0["unit"] as? String == "percent" }.count
        #expect(base.count * 5 + percent == all.count)
        let rdInput = try f.data("/indicators?category=rd_input&derived=false")
        #expect(Set(rdInput.compactMap { $0["code"] as? String }) ==
                ["rd_expenditure", "rd_intensity", "industrial_rd_expenditure", "enterprises_with_rd_share", "rd_personnel"])
        // q matches codes, English and Chinese names, and aliases.
        #expect(try f.data("/indicators?q=voucher&derived=false").count == 2)
        #expect(try f.data("/indicators?q=%E5%88%9B%E6%96%B0%E5%88%B8&derived=false").count == 2)   // 创新券
        #expect(try f.data("/indicators?q=%E5%9B%BD%E9%AB%98%E4%BC%81&derived=false").contains { $0["code"] as? String == "hightech_enterprises_new" })  // 国高企
    }

    @Test func withARegionEachIndicatorCarriesItsLatestActualAndTarget() throws {
        let f = try APIFixture()
        try f.record("rd_intensity", "330112", "2020", 3.1)
        try f.record("rd_intensity", "330112", "2021", 3.34)
        try f.record("rd_intensity", "330112", "2022", 3.45, kind: .target)
        let rows = try f.data("/indicators?region=330112&year=2022&derived=false")
        let intensity = try #require(rows.first { $0["code"] as? String == "rd_intensity" })
        let latest = try #require(intensity["latest"] as? [String: Any])
        #expect(latest["value"] as? Double == 3.34 && latest["period"] as? String == "2021")
        let target = try #require(intensity["target"] as? [String: Any])
        #expect(target["value"] as? Double == 3.45)
        // The latest period with data is that of actuals: next year's target is not data yet.
        #expect(intensity["latest_period"] as? String == "2021")
        let other = try #require(rows.first { $0["code"] as? String == "tech_smes_new" })
        #expect(other["latest"] is NSNull && other["target"] is NSNull)
    }

    @Test func theLatestValuesFollowEveryWrite() throws {
        // given: the catalogue read once, so that what it keeps between requests is filled
        let f = try APIFixture()
        try f.record("rd_intensity", "330112", "2020", 3.1)
        let before = try #require(try f.data("/indicators?region=330112&derived=false").first { $0["code"] as? String == "rd_intensity" })
        #expect(before["latest_period"] as? String == "2020")
        #expect(try f.data("/indicators?region=330112&derived=false").allSatisfy { $0["target"] is NSNull })
        // when: a later actual and a first target are written
        try f.record("rd_intensity", "330112", "2021", 3.34)
        try f.record("rd_intensity", "330112", "2022", 3.45, kind: .target)
        // then: both show at once
        let after = try #require(try f.data("/indicators?region=330112&year=2022&derived=false")
            .first { $0["code"] as? String == "rd_intensity" })
        #expect(after["latest_period"] as? String == "2021")
        #expect((after["latest"] as? [String: Any])?["value"] as? Double == 3.34)
        #expect((after["target"] as? [String: Any])?["value"] as? Double == 3.45)
        #expect(try f.json("/indicators/rd_intensity")["latest_period"] as? String == "2021")
    }

    @Test func oneIndicatorAndItsDerivedCodes() throws {
        let f = try APIFixture()
        let one = try f.json("/indicators/rd_intensity")
        #expect(one["unit"] as? String == "percent" && one["name_zh"] as? String == "R&D经费投入强度")
        #expect((one["derived"] as? [String])?.contains("rd_intensity_rank") == true)
        let missing = try f.get("/indicators/nope")
        #expect(missing.status == 404 && missing.header("Content-Type") == "application/problem+json")
    }

    @Test func catalogueAsCSV() throws {
        let f = try APIFixture()
        let csv = try f.get("/indicators?format=csv&derived=false")
        #expect(csv.status == 200 && csv.header("Content-Type") == "text/csv; charset=utf-8")
        let lines = csv.text.split(separator: "\r\n")
        #expect(lines.first == "code,name_zh,name_en,unit,category,aggregation,higher_is_better,base,latest_period")
        #expect(lines.contains { $0.hasPrefix("hightech_enterprises_per_1000,每千家企业中高新技术企业数,\"High-tech enterprises per 1,000 enterprises\",") })
        #expect(lines.contains { $0.contains(#""New ""young eagle"" enterprises""#) })
    }
}
