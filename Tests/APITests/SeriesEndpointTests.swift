import Domain
import Foundation
import Testing

@Suite struct SeriesEndpointTests {
    @Test func oneSeriesInPeriodOrderWithEveryField() throws {
        let f = try APIFixture()
        try f.record("rd_expenditure", "330112", "2021", 2_005_000_000)
        try f.record("rd_expenditure", "330112", "2020", 1_700_000_000, status: .provisional)
        try f.record("rd_expenditure", "330112", "2021-Q3", 1_400_000_000)
        try f.record("rd_expenditure", "330122", "2021", 900_000_000)
        let rows = try f.data("/indicators/rd_expenditure/observations?region=330112")
        #expect(rows.compactMap { $0["period"] as? String } == ["2020", "2021-Q3", "2021"])
        let last = try #require(rows.last)
        #expect(last["value"] as? Int == 2_005_000_000)
        #expect(last["unit"] as? String == "yuan" && last["kind"] as? String == "actual" && last["status"] as? String == "final")
        #expect(last["revision"] is Int && (last["updated_at"] as? String)?.hasSuffix("Z") == true)
        #expect((last["source"] as? [String: Any])?["token"] as? String == "tester")
        // The raw body keeps yuan exact: no exponent, no fraction.
        #expect(try f.get("/indicators/rd_expenditure/observations?region=330112").text.contains(#""value":2005000000,"#))
    }

    @Test func filtersByPeriodFrequencyKindAndStatus() throws {
        let f = try APIFixture()
        for (period, value) in [("2019", 1.0), ("2020", 2.0), ("2021-Q1", 3.0), ("2021-03", 3.5), ("2021", 4.0)] {
            try f.record("tech_smes_new", "330112", period, value, status: period == "2020" ? .provisional : .final)
        }
        try f.record("tech_smes_new", "330112", "2022", 150, kind: .target, bound: .min)
        let base = "/indicators/tech_smes_new/observations?region=330112"
        #expect(try f.data(base + "&from=2020&to=2020").compactMap { $0["period"] as? String } == ["2020"])
        #expect(try f.data(base + "&from=2021").compactMap { $0["period"] as? String } == ["2021-03", "2021-Q1", "2021"])
        #expect(try f.data(base + "&frequency=quarter").compactMap { $0["period"] as? String } == ["2021-Q1"])
        #expect(try f.data(base + "&frequency=month").compactMap { $0["period"] as? String } == ["2021-03"])
        #expect(try f.data(base + "&status=provisional").compactMap { $0["period"] as? String } == ["2020"])
        let targets = try f.data(base + "&kind=target")
        #expect(targets.count == 1 && targets.first?["bound"] as? String == "min")
        #expect(try f.data(base + "&kind=all").count == 6)
        #expect(try f.data(base + "&sort=-period").first?["period"] as? String == "2021")
        #expect(try f.data(base + "&latest=2").compactMap { $0["period"] as? String } == ["2021-Q1", "2021"])
    }

    @Test func severalRegionsAndChildren() throws {
        let f = try APIFixture()
        try f.record("rd_intensity", "330100", "2021", 3.5)
        try f.record("rd_intensity", "330112", "2021", 3.34)
        try f.record("rd_intensity", "330122", "2021", 2.9)
        let two = try f.data("/indicators/rd_intensity/observations?region=330112,330122")
        #expect(Set(two.compactMap { $0["region"] as? String }) == ["330112", "330122"])
        let family = try f.data("/indicators/rd_intensity/observations?region=330100&include=children")
        #expect(Set(family.compactMap { $0["region"] as? String }) == ["330100", "330112", "330122"])
    }

    @Test func asOfReadsTheValuesAsTheyStoodThen() throws {
        let f = try APIFixture()
        let first = try f.record("rd_intensity", "330112", "2021", 3.30)
        try f.record("rd_intensity", "330112", "2021", 3.34)
        let base = "/indicators/rd_intensity/observations?region=330112"
        #expect(try f.data(base).first?["value"] as? Double == 3.34)
        let then = first.updatedAt.rfc3339
        #expect(try f.data(base + "&as_of=\(then)").first?["value"] as? Double == 3.30)
        let before = Timestamp(microseconds: first.updatedAt.microseconds - 1).rfc3339
        #expect(try f.data(base + "&as_of=\(before)").isEmpty)
        #expect(try f.get(base + "&as_of=yesterday").status == 400)
    }

    @Test func withdrawnValuesAreHiddenUnlessAskedFor() throws {
        let f = try APIFixture()
        try f.record("rd_intensity", "330112", "2021", 3.34)
        try f.record("rd_intensity", "330112", "2021", nil)
        let base = "/indicators/rd_intensity/observations?region=330112"
        #expect(try f.data(base).isEmpty)
        let withdrawn = try f.data(base + "&status=withdrawn")
        #expect(withdrawn.count == 1 && withdrawn.first?["value"] is NSNull)
    }

    @Test func keysetPagingHoldsAcrossInserts() throws {
        let f = try APIFixture()
        for year in 2001...2010 { try f.record("innovation_index", "330112", String(year), Double(year - 2000)) }
        let base = "/indicators/innovation_index/observations?region=330112&limit=4"
        let page1 = try f.json(base)
        let next1 = try #require(page1["next"] as? String)
        #expect((page1["data"] as? [[String: Any]])?.compactMap { $0["period"] as? String } == ["2001", "2002", "2003", "2004"])
        #expect(try f.get(base).header("Link")?.contains("cursor=\(next1)") == true)
        // A row inserted before the page boundary does not shift the next page.
        try f.record("innovation_index", "330112", "1999", 0.5)
        let page2 = try f.json(base + "&cursor=\(next1)")
        #expect((page2["data"] as? [[String: Any]])?.compactMap { $0["period"] as? String } == ["2005", "2006", "2007", "2008"])
        let page3 = try f.json(base + "&cursor=\(try #require(page2["next"] as? String))")
        #expect((page3["data"] as? [[String: Any]])?.compactMap { $0["period"] as? String } == ["2009", "2010"])
        #expect(page3["next"] is NSNull)
        #expect(try f.get(base + "&cursor=garbage").status == 400)
        #expect(try f.get(base + "&sort=-period&cursor=\(next1)").status == 400)
    }

    @Test func ranksKeepTheirScope() throws {
        let f = try APIFixture()
        try f.record("rd_intensity_rank", "330112", "2021", 4, scope: .city)
        try f.record("rd_intensity_rank", "330112", "2021", 24, scope: .province)
        let rows = try f.data("/indicators/rd_intensity_rank/observations?region=330112")
        #expect(rows.count == 2)
        #expect(try f.data("/indicators/rd_intensity_rank/observations?region=330112&scope=city").first?["value"] as? Int == 4)
    }

    @Test func csvQuotesCommasQuotesNewlinesAndChinese() throws {
        let f = try APIFixture()
        try f.record("rd_intensity", "330112", "2021", 3.34, source: .user(token: "王老师, \"科技局\"\n二科"))
        let response = try f.get("/indicators/rd_intensity/observations?region=330112&format=csv&bom=true")
        #expect(response.status == 200 && response.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(Array(response.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: response.body.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("indicator,region,period,kind,scope,value,unit,status,bound,revision,updated_at,source_type,source_token,"))
        #expect(text.contains(",user,\"王老师, \"\"科技局\"\"\n二科\",,,\r\n"))
        #expect(text.contains("rd_intensity,330112,2021,actual,,3.34,percent,final,,"))
        // With a limit it is one page with the same header.
        let paged = try f.get("/indicators/rd_intensity/observations?region=330112&limit=1", headers: ["Accept": "text/csv"])
        #expect(paged.text.split(separator: "\r\n").count >= 2)
    }

    @Test func fieldsKeepsOnlyTheNamedFieldsInJSONAndCSV() throws {
        let f = try APIFixture()
        try f.record("rd_intensity", "330112", "2020", 3.1)
        try f.record("rd_intensity", "330112", "2021", 3.34)
        let rows = try f.data("/indicators/rd_intensity/observations?region=330112&fields=value,period")
        // JSON keeps its own field order whatever the order asked for.
        #expect(rows.map { $0.keys.sorted() } == [["period", "value"], ["period", "value"]])
        #expect(rows.compactMap { $0["value"] as? Double } == [3.1, 3.34])
        let sourced = try f.data("/indicators/rd_intensity/observations?region=330112&fields=source")
        #expect((sourced.first?["source"] as? [String: Any])?["type"] as? String == "user")
        let csv = try f.get("/indicators/rd_intensity/observations?region=330112&fields=period,value,source&format=csv").text
        #expect(csv.hasPrefix("period,value,source_type,source_token,source_document,source_start,source_end\r\n2020,3.1,user,tester,,,\r\n"))
        let paged = try f.get("/indicators/rd_intensity/observations?region=330112&fields=region&format=csv&limit=1").text
        #expect(paged == "region\r\n330112\r\n")
        let cross = try f.data("/observations?indicator=rd_intensity&period=2021&fields=region,value")
        #expect(cross.map { $0.keys.sorted() } == [["region", "value"]])
        // A name that is not a field is refused and named.
        let bad = try f.get("/indicators/rd_intensity/observations?region=330112&fields=value,colour")
        #expect(bad.status == 400 && bad.text.contains("colour") && bad.text.contains("\"parameter\":\"fields\""))
    }

    @Test func percentEncodedChineseQueryValuesAreDecoded() throws {
        let f = try APIFixture()
        // 临安 is not a code: a clear 404 naming it proves the value arrived decoded.
        let response = try f.get("/indicators/rd_intensity/observations?region=%E4%B8%B4%E5%AE%89")
        #expect(response.status == 404 && response.text.contains("临安"))
    }
}
