import Foundation
import Testing

@Suite struct CrossSectionEndpointTests {
    func seed(_ f: APIFixture) throws {
        try f.record("rd_intensity", "330112", "2021", 3.34)
        try f.record("rd_intensity", "330122", "2021", 2.9)
        try f.record("rd_intensity", "330110", "2021", 4.8)
        try f.record("rd_intensity", "330110", "2021-Q2", 4.1)
        try f.record("rd_intensity", "330100", "2021", 3.6)
        try f.record("tech_smes_new", "330112", "2021", 221)
    }

    @Test func oneIndicatorOnePeriodOverTheChildrenOfARegion() throws {
        let f = try APIFixture()
        try seed(f)
        let rows = try f.data("/observations?indicator=rd_intensity&period=2021&parent=330100")
        #expect(rows.compactMap { $0["region"] as? String } == ["330110", "330112", "330122"])
        #expect(rows.allSatisfy { $0["period"] as? String == "2021" })
        let quarter = try f.data("/observations?indicator=rd_intensity&period=2021-Q2")
        #expect(quarter.compactMap { $0["region"] as? String } == ["330110"])
    }

    @Test func rankingsSortByValue() throws {
        let f = try APIFixture()
        try seed(f)
        let down = try f.data("/observations?indicator=rd_intensity&period=2021&parent=330100&sort=-value")
        #expect(down.compactMap { $0["value"] as? Double } == [4.8, 3.34, 2.9])
        let up = try f.data("/observations?indicator=rd_intensity&period=2021&parent=330100&sort=value&limit=2")
        #expect(up.compactMap { $0["value"] as? Double } == [2.9, 3.34])
        let page = try f.json("/observations?indicator=rd_intensity&period=2021&parent=330100&sort=value&limit=2")
        let next = try #require(page["next"] as? String)
        #expect(try f.data("/observations?indicator=rd_intensity&period=2021&parent=330100&sort=value&limit=2&cursor=\(next)")
            .compactMap { $0["value"] as? Double } == [4.8])
    }

    @Test func pagesOfAParentsChildrenFollowEachOtherInRegionOrder() throws {
        // given
        let f = try APIFixture()
        try seed(f)
        // when: a page of one row at a time, cursor after cursor
        var regions: [String] = []
        var target = "/observations?indicator=rd_intensity&period=2021&parent=330100&limit=1"
        while true {
            let page = try f.json(target)
            regions += (page["data"] as? [[String: Any]] ?? []).compactMap { $0["region"] as? String }
            guard let next = page["next"] as? String else { break }
            target = "/observations?indicator=rd_intensity&period=2021&parent=330100&limit=1&cursor=\(next)"
        }
        // then: every child once, in order, as one page gives them
        #expect(regions == ["330110", "330112", "330122"])
        // A cursor from another period's cross-section is a position in the general order
        // (indicator, period, region): every row of the later period comes after it.
        try f.record("rd_intensity", "330112", "2021-Q2", 3.0)
        let quarter = try f.json("/observations?indicator=rd_intensity&period=2021-Q2&limit=1")
        let cursor = try #require(quarter["next"] as? String)
        let rows = try f.data("/observations?indicator=rd_intensity&period=2021&parent=330100&cursor=\(cursor)")
        #expect(rows.compactMap { $0["region"] as? String } == ["330110", "330112", "330122"])
    }

    @Test func severalIndicatorsAndListedRegions() throws {
        let f = try APIFixture()
        try seed(f)
        let rows = try f.data("/observations?indicator=rd_intensity,tech_smes_new&period=2021&region=330112")
        #expect(Set(rows.compactMap { $0["indicator"] as? String }) == ["rd_intensity", "tech_smes_new"])
        #expect(try f.data("/observations?indicator=rd_intensity&period=2021&parent=330112").isEmpty)
    }

    @Test func requiresIndicatorAndNamesUnknownOnes() throws {
        let f = try APIFixture()
        let missing = try f.get("/observations?period=2021")
        #expect(missing.status == 400 && missing.text.contains(#""parameter":"indicator""#))
        let unknown = try f.get("/observations?indicator=rd_intensity,nope")
        #expect(unknown.status == 404 && unknown.text.contains("nope"))
        let badParent = try f.get("/observations?indicator=rd_intensity&parent=1")
        #expect(badParent.status == 404 && badParent.text.contains(#""parameter":"parent""#))
    }
}
