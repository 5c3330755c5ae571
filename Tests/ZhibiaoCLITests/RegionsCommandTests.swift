import Foundation
import Testing
@testable import ZhibiaoCLI

/// `zhibiao regions` on a real SQLite file seeded with the shipped catalogue.
@Suite struct RegionsCommandTests {
    @Test func searchesListsChildrenAndWritesJSON() throws {
        let db = try LoadAndEvalTests.Database()
        let catalogue = try db.store.catalogue()
        let found = try Regions.parse(["--q", "鄞州"]).output(catalogue)
        #expect(found.contains("330212  鄞州区") && found.contains("宁波市") && found.split(separator: "\n").count == 3)
        let counties = try Regions.parse(["--parent", "330100", "--level", "county"]).output(catalogue)
        // The county level is counties, county-level cities and districts: 杭州's 13.
        #expect(counties.split(separator: "\n").count == 15 && counties.contains("330127  淳安县") && counties.contains("330112  临安区"))
        let json = try Regions.parse(["--q", "330212", "--format", "json"]).output(catalogue)
        let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(rows?.count == 1 && rows?.first?["name_en"] as? String == "Yinzhou" && rows?.first?["aliases_zh"] as? [String] == ["鄞州"])
        #expect(throws: CommandFailure.self) { try Regions.parse(["--parent", "999999"]).output(catalogue) }
        #expect(throws: (any Error).self) { try Regions.parse(["--level", "township"]) }
    }
}
