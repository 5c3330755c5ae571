import Config
import Domain
import Foundation
import GRDB
import Storage
import Testing

@Suite struct NationalSeedTests {
    static let national = Result { try Catalogue.load(directory: TestDatabase.configURL) }

    /// An existing database: the old 15-region catalogue, a region an admin added by hand, data.
    static func olderDatabase(_ db: TestDatabase) throws -> SQLiteStore {
        let store = try db.open()
        let indicators = try national.get().indicators
        try store.seed(indicators: indicators, regions: Catalogue.parseRegions(ZhejiangCatalogue.yaml, file: "regions.yaml"))
        _ = try store.upsertRegion(Region(code: "330112900", nameZh: "青山湖科技城", nameEn: "Qingshanhu Science City",
                                          level: .zone, parent: "330112", aliasesZh: ["青山湖"]), by: "admin-token")
        for (region, value) in [("330112", 3.34), ("330100", 3.5), ("330112900", 5.1)] {
            try store.record(ObservationChange(key: ObservationKey(indicator: "rd_intensity", region: region, period: .year(2021)),
                                               value: value), source: .system("test"))
        }
        return store
    }

    @Test func reseedingWithTheNationalCatalogueKeepsEverything() throws {
        // given a database seeded with the old catalogue, an admin's region and observations
        let db = try TestDatabase()
        let store = try Self.olderDatabase(db)
        // when the national catalogue is seeded over it
        let catalogue = try Self.national.get()
        let summary = try store.seed(indicators: catalogue.indicators, regions: catalogue.regions)
        // then every national region is there, the old ones changed only where the files did, and the data stays
        #expect(summary.regionsAdded == catalogue.regions.count - 15)
        #expect(summary.regionsUpdated == 2)  // 浙江省 and 杭州市 lost 全省 and 全市
        #expect(summary.regionsHeld.isEmpty)
        let regions = try store.regions()
        #expect(regions.count == catalogue.regions.count + 1)
        #expect(try store.region(code: "330212")?.nameZh == "鄞州区")
        #expect(try store.region(code: "330100")?.aliasesZh == ["杭州"])
        #expect(try store.region(code: "330112900")?.nameZh == "青山湖科技城")
        for (region, value) in [("330112", 3.34), ("330100", 3.5), ("330112900", 5.1)] {
            let key = ObservationKey(indicator: "rd_intensity", region: region, period: .year(2021))
            #expect(try store.observation(key)?.value == value, "\(region)")
        }
        #expect(try store.catalogue().hasRegion("330212"))
        #expect(try store.currentStateMismatches().isEmpty)
        // and seeding the same files again writes nothing
        let again = try store.seed(indicators: catalogue.indicators, regions: catalogue.regions)
        #expect(again == CatalogueSeedSummary())
    }

    @Test func aRegionAnAdminRenamedKeepsTheAdminsName() throws {
        // given a seeded database in which an admin renamed 临安区
        let db = try TestDatabase()
        let store = try db.seeded()
        var linan = try #require(try store.region(code: "330112"))
        linan.nameEn = "Lin'an District"
        _ = try store.upsertRegion(linan, by: "admin-token")
        // when the catalogue files are seeded again, with a change to that region
        var catalogue = try Self.national.get()
        let index = try #require(catalogue.regions.firstIndex { $0.code == "330112" })
        catalogue.regions[index].aliasesZh.append("临安市")
        let summary = try store.seed(indicators: catalogue.indicators, regions: catalogue.regions)
        // then the admin's version stands and the seed says so
        #expect(summary.regionsHeld == ["330112"] && summary.regionsUpdated == 0)
        #expect(try store.region(code: "330112") == linan)
    }

    @Test func seedingTheNationalCatalogueIsQuick() throws {
        let db = try TestDatabase()
        let store = try db.open()
        let catalogue = try Self.national.get()
        let clock = ContinuousClock()
        let first = try clock.measure { try store.seed(indicators: catalogue.indicators, regions: catalogue.regions) }
        let again = try clock.measure { try store.seed(indicators: catalogue.indicators, regions: catalogue.regions) }
        let snapshot = try clock.measure { _ = try store.catalogue() }
        print("seeding \(catalogue.regions.count) regions: \(first) new, \(again) unchanged; snapshot \(snapshot)")
        // Generous bounds for a debug build on two shared cores: a transaction per region would take many seconds.
        #expect(first < .seconds(5) && again < .seconds(2))
    }

    @Test func renamesRecordedBeforeTheMigrationAreFoundInTheAuditLog() throws {
        // given a database at migration 6 in which an admin renamed 临安区 (as that schema recorded it)
        let db = try TestDatabase()
        let files = try MigrationFile.load(directory: TestDatabase.migrationsURL)
        _ = try SQLiteStore.open(path: db.path, migrations: files.filter { $0.version <= 6 })
        let queue = try DatabaseQueue(path: db.path)
        try queue.write { conn in
            try conn.execute(sql: """
                INSERT INTO regions (code, name_zh, name_en, level, parent, aliases_zh, updated_at) VALUES
                    ('330000', '浙江省', 'Zhejiang', 'province', NULL, '["浙江"]', 1),
                    ('330100', '杭州市', 'Hangzhou', 'city', '330000', '["杭州"]', 1),
                    ('330112', '临安区', 'Lin''an District', 'district', '330100', '["临安"]', 2);
                INSERT INTO audit_log (at, token_name, action, entity, detail) VALUES
                    (2, 'admin-token', 'region.update', 'region:330112', '{}');
                """)
        }
        // when this build opens it and seeds the national catalogue
        let store = try db.open()
        let catalogue = try Self.national.get()
        let summary = try store.seed(indicators: catalogue.indicators, regions: catalogue.regions)
        // then the rename stands
        #expect(summary.regionsHeld == ["330112"])
        #expect(try store.region(code: "330112")?.nameEn == "Lin'an District")
        #expect(try store.region(code: "330100")?.nameEn == "Hangzhou")
    }
}
