import Foundation
import HTTPTestSupport
import Testing

@Suite struct RegionEndpointTests {
    static func codes(_ rows: [[String: Any]]) -> [String] { rows.compactMap { $0["code"] as? String } }

    @Test func theHierarchyParentsFirst() throws {
        let f = try APIFixture()
        let page = try f.json("/regions?limit=40")
        let rows = try #require(page["data"] as? [[String: Any]])
        #expect(rows.count == 40 && rows.allSatisfy { $0["level"] as? String == "province" || $0["parent"] is String })
        #expect(rows.first?["code"] as? String == "110000" && (page["total"] as? Int ?? 0) > 3600)
        let hangzhou = try f.data("/regions?parent=330100")
        #expect(hangzhou.filter { $0["level"] as? String != "zone" }.count == 13)
        #expect(Self.codes(hangzhou).contains("330100001"))
        #expect(Self.codes(try f.data("/regions?parent=330100&level=district")).count == 10)
        #expect(Self.codes(try f.data("/regions?parent=330100&level=county")).count == 13)
        let linan = try #require(try f.data("/regions?parent=330100").first { $0["code"] as? String == "330112" })
        #expect(linan["parent_name_zh"] as? String == "杭州市" && linan["aliases_zh"] as? [String] == ["临安"])
        #expect(try f.get("/regions?parent=999999").status == 404)
    }

    @Test func everyCountyIsReachedPageByPage() throws {
        // given the national catalogue, listed 500 at a time
        let f = try APIFixture()
        var target: String? = "/regions?level=county&limit=500"
        var seen: [String] = []
        var total = 0
        // when each page's Link header is followed to the next
        while let t = target {
            let response = try f.get(t)
            #expect(response.status == 200)
            let page = try f.object(response)
            seen += Self.codes(page["data"] as? [[String: Any]] ?? [])
            total = page["total"] as? Int ?? 0
            let next = page["next"] as? String
            let link = response.header("Link")
            #expect((next == nil) == (link == nil))
            target = link.map { String($0.dropFirst().prefix { $0 != ">" }) }
            if let next { #expect(target?.contains("cursor=\(next)") == true) }
            #expect(seen.count <= 4000)
        }
        // then every county came once, in the order of one big page (parents first: 仙桃 under 湖北 comes before 临安)
        #expect(seen.count == total && total > 2800 && Set(seen).count == seen.count)
        #expect(seen == Self.codes(try f.data("/regions?level=county&limit=10000")))
        #expect(seen.contains("330127") && seen.contains("330182"))
        // and the county level is every county-level division, districts included
        #expect(total == 2843)
        #expect((try f.json("/regions?level=district&limit=1")["total"] as? Int ?? 0) == 973)
    }

    @Test func searchFindsNamesAliasesEnglishNamesAndCodes() throws {
        let f = try APIFixture()
        #expect(Self.codes(try f.data("/regions?q=%E9%84%9E%E5%B7%9E")) == ["330212"])                  // 鄞州
        #expect(Self.codes(try f.data("/regions?q=yinzhou")).contains("330212"))
        #expect(Self.codes(try f.data("/regions?q=Lin%27an")) == Self.codes(try f.data("/regions?q=linan")))
        // 西湖区: in 杭州 and 南昌, and within 东西湖区 (武汉)
        #expect(Self.codes(try f.data("/regions?q=%E8%A5%BF%E6%B9%96%E5%8C%BA")) == ["330106", "360103", "420112"])
        #expect(Self.codes(try f.data("/regions?q=%E8%A5%BF%E6%B9%96%E5%8C%BA&parent=360100")) == ["360103"])
        #expect(Self.codes(try f.data("/regions?q=%E6%B5%99%E6%B1%9F&level=province")) == ["330000"])     // 浙江
        #expect(Self.codes(try f.data("/regions?q=%E6%B7%B1%E5%9C%B3%E9%AB%98%E6%96%B0%E5%8C%BA")) == ["440300001"])  // 深圳高新区
        let byCode = Self.codes(try f.data("/regions?q=3302"))
        #expect(byCode.first == "330200" && byCode.contains("330212") && byCode.allSatisfy { $0.hasPrefix("3302") })
        #expect(try f.data("/regions?q=zzzzzz").isEmpty)
    }

    @Test func oneRegionWithAncestorsAndItsChildren() throws {
        let f = try APIFixture()
        let yinzhou = try f.json("/regions/330212")
        #expect(yinzhou["name_zh"] as? String == "鄞州区" && yinzhou["child_count"] as? Int == 0)
        #expect(Self.codes(yinzhou["ancestors"] as? [[String: Any]] ?? []) == ["330000", "330200"])
        #expect((yinzhou["parent_region"] as? [String: Any])?["name_zh"] as? String == "宁波市")
        let zhejiang = try f.json("/regions/330000")
        #expect(zhejiang["child_count"] as? Int == 11 && (zhejiang["children"] as? [[String: Any]])?.count == 11)
        #expect(zhejiang["children_url"] as? String == "/regions?parent=330000" && zhejiang["parent_region"] is NSNull)
        #expect(try f.get("/regions/999999").status == 404)
    }

    @Test func conditionalGetAndCSV() throws {
        let f = try APIFixture()
        let first = try f.get("/regions?q=%E9%84%9E%E5%B7%9E")
        let etag = try #require(first.header("ETag"))
        #expect(try f.get("/regions?q=%E9%84%9E%E5%B7%9E", headers: ["If-None-Match": etag]).status == 304)
        let csv = try f.get("/regions?parent=330100&level=district", headers: ["Accept": "text/csv"])
        #expect(csv.text.hasPrefix("code,name_zh,name_en,level,parent\r\n330102,上城区,Shangcheng,district,330100\r\n"))
        #expect(csv.text.contains("330112,临安区,Lin'an,district,330100\r\n") && csv.header("Link") == nil)
        let all = try f.get("/regions?format=csv")
        #expect(all.text.split(separator: "\r\n").count > 3600)
        let paged = try f.get("/regions?format=csv&limit=10")
        #expect(paged.text.split(separator: "\r\n").count == 11 && paged.header("Link")?.contains("cursor=r0-") == true)
    }

    @Test(arguments: [
        ("/regions?levle=county", "levle"),
        ("/regions?level=township", "level"),
        ("/regions?limit=0", "limit"),
        ("/regions?cursor=c1abcd", "cursor"),
        ("/regions?cursor=r1-33a", "cursor"),
        ("/regions?q=", "q"),
    ])
    func badParametersAre400NamingTheParameter(target: String, parameter: String) throws {
        let f = try APIFixture()
        let response = try f.get(target)
        #expect(response.status == 400 && response.header("Content-Type") == "application/problem+json")
        #expect(try f.object(response)["parameter"] as? String == parameter)
    }

    @Test func answersAreQuick() throws {
        // given a server with the national catalogue, searched once so that its index exists
        let f = try APIFixture()
        _ = try f.get("/regions?q=%E9%84%9E%E5%B7%9E")
        // when a search and a region with its children are asked 100 times each
        let clock = ContinuousClock()
        var statuses: Set<Int> = []
        let search = try clock.measure { for _ in 0..<100 { statuses.insert(try f.get("/regions?q=%E9%84%9E%E5%B7%9E").status) } }
        let region = try clock.measure { for _ in 0..<100 { statuses.insert(try f.get("/regions/330100").status) } }
        let level = try clock.measure { for _ in 0..<10 { statuses.insert(try f.get("/regions?level=county").status) } }
        print("GET /regions?q=鄞州 \(search / 100), /regions/330100 \(region / 100), /regions?level=county (1000 rows) \(level / 10)")
        // then each takes a few milliseconds at most, a new connection included (debug build, shared cores)
        #expect(statuses == [200] && search / 100 < .milliseconds(50) && region / 100 < .milliseconds(50))
    }
}
