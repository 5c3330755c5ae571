import Config
import Domain
import GRDB
import Storage
import Testing

@Suite struct CatalogueSeedTests {
    @Test func seedsTheShippedCatalogueAndReadsItBack() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        let catalogue = try Catalogue.load(directory: TestDatabase.configURL)
        let indicators = try store.indicators()
        #expect(indicators.count == catalogue.indicators.count)
        let intensity = try #require(try store.indicator(code: "rd_intensity"))
        #expect(intensity.unit == .percent && intensity.aliasesZh.contains("R&D经费占GDP比重"))
        let regions = try store.regions()
        #expect(regions.count == catalogue.regions.count && regions.first?.level == .province)
        #expect(regions.first { $0.code == "330112" }?.parent == "330100")
    }

    @Test func reseedingUpdatesNamesAndKeepsData() throws {
        // given a seeded store with one observation
        let db = try TestDatabase()
        let store = try db.seeded()
        let key = ObservationKey(indicator: "rd_intensity", region: "330112", period: .year(2021))
        try store.record(ObservationChange(key: key, value: 3.34), source: .system("test"))
        // when the catalogue is seeded again with a renamed indicator and without a region
        var catalogue = try Catalogue.load(directory: TestDatabase.configURL)
        let index = try #require(catalogue.indicators.firstIndex { $0.code == "rd_intensity" })
        catalogue.indicators[index].nameEn = "R&D intensity (renamed)"
        catalogue.regions.removeAll { $0.code == "330127" }
        try store.seed(indicators: catalogue.indicators, regions: catalogue.regions)
        try store.seed(indicators: catalogue.indicators, regions: catalogue.regions)
        // then the name follows, nothing is deleted, the data stays
        #expect(try store.indicator(code: "rd_intensity")?.nameEn == "R&D intensity (renamed)")
        #expect(try store.regions().contains { $0.code == "330127" })
        #expect(try store.observation(key)?.value == 3.34)
    }

    @Test func foreignKeysHold() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        // The store refuses unknown codes with a typed error…
        #expect(throws: StorageError.self) {
            try store.record(ObservationChange(key: ObservationKey(indicator: "nope", region: "330112", period: .year(2021)),
                                               value: 1), source: .system("test"))
        }
        // …and the schema itself refuses them underneath it.
        let queue = try DatabaseQueue(path: db.path)
        #expect(throws: DatabaseError.self) {
            try queue.write { conn in
                try conn.execute(sql: """
                    INSERT INTO observations (indicator, region, kind, scope, period, period_key, frequency, created_at)
                    VALUES ('rd_intensity', '999999', 'actual', '', '2021', 1, 'year', 0)
                    """)
            }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { conn in
                try conn.execute(sql: "INSERT INTO regions (code, name_zh, name_en, level, parent, updated_at) VALUES ('1', 'x', 'x', 'city', '42', 0)")
            }
        }
    }
}

@Suite struct DocumentTests {
    @Test func documentsAreDeduplicatedByContent() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        let doc = NewDocument(source: "a.txt", contentType: "text/plain", text: "新增国家高新技术企业86家")
        let first = try store.saveDocument(doc)
        var renamed = doc
        renamed.source = "copy-of-a.txt"
        let second = try store.saveDocument(renamed)
        #expect(first.created && !second.created && first.id == second.id)
    }
}
