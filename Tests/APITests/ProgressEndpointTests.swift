import Foundation
import Testing

@Suite struct ProgressEndpointTests {
    func line(_ rows: [[String: Any]], _ code: String) throws -> [String: Any] {
        try #require(rows.first { $0["indicator"] as? String == code })
    }

    @Test func statusesForAheadBehindPaceBoundsAndMissingData() throws {
        let f = try APIFixture()
        // A flow ahead of pace at Q2 (60 of 100 by June).
        try f.record("tech_smes_new", "330112", "2022", 100, kind: .target)
        try f.record("tech_smes_new", "330112", "2022-Q1", 20)
        try f.record("tech_smes_new", "330112", "2022-Q2", 60)
        // A flow behind pace at Q3 (40 of 86 by September).
        try f.record("hightech_enterprises_new", "330112", "2022", 86, kind: .target)
        try f.record("hightech_enterprises_new", "330112", "2022-Q3", 40)
        // A min-bounded target already exceeded.
        try f.record("innovation_vouchers_enterprises", "330112", "2022", 150, kind: .target, bound: .min)
        try f.record("innovation_vouchers_enterprises", "330112", "2022-09", 160)
        // The year's value below its target.
        try f.record("rd_intensity", "330112", "2022", 3.45, kind: .target)
        try f.record("rd_intensity", "330112", "2022", 3.40)
        // No actual at all.
        try f.record("eagle_enterprises_new", "330112", "2022", 10, kind: .target)

        let body = try f.json("/progress?region=330112&year=2022")
        #expect(body["year"] as? Int == 2022)
        let rows = try #require(body["data"] as? [[String: Any]])
        #expect(rows.count == 5)
        let ahead = try line(rows, "tech_smes_new")
        #expect(ahead["status"] as? String == "on_track" && ahead["actual_period"] as? String == "2022-Q2")
        #expect(ahead["achieved_ratio"] as? Double == 0.6 && ahead["expected_ratio"] as? Double == 0.5)
        let behind = try line(rows, "hightech_enterprises_new")
        #expect(behind["status"] as? String == "behind" && behind["expected_ratio"] as? Double == 0.75)
        let min = try line(rows, "innovation_vouchers_enterprises")
        #expect(min["status"] as? String == "met" && min["bound"] as? String == "min")
        let short = try line(rows, "rd_intensity")
        #expect(short["status"] as? String == "behind" && short["actual_period"] as? String == "2022")
        let none = try line(rows, "eagle_enterprises_new")
        #expect(none["status"] as? String == "no_data" && none["actual"] is NSNull)
    }

    @Test func progressNeedsAKnownRegionAndAYear() throws {
        let f = try APIFixture()
        #expect(try f.get("/progress?region=330112").status == 400)
        #expect(try f.get("/progress?region=1&year=2022").status == 404)
        #expect(try f.get("/progress?region=330112&year=20x2").status == 400)
        #expect(try f.data("/progress?region=330112&year=2022").isEmpty)
        let csv = try f.get("/progress?region=330112&year=2022&format=csv")
        #expect(csv.text.hasPrefix("indicator,name_zh,unit,scope,target,bound,actual,actual_period,achieved_ratio,expected_ratio,status\r\n"))
    }
}
