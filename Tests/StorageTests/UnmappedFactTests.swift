import Config
import Domain
import Storage
import Testing

/// Figures of phrases the catalogue lacks: kept apart from facts, mapped in review (the phrase
/// becomes an alias, the figure a proposed fact), rejected, or made into a new indicator.
@Suite struct UnmappedFactTests {
    /// 2022年，全县工业总产值实现65.28亿元，同比增长31.3%。 as the extractor reads it.
    static let output = UnmappedFact(phrase: "工业总产值", region: "330112", period: .year(2022), kind: .actual,
                                             value: 6_528_000_000, unit: .yuan, confidence: 0.8,
                                             reasons: ["indicator phrase not in the catalogue"], quote: "工业总产值实现65.28亿元",
                                             start: 6, end: 20)
    static let growth = UnmappedFact(phrase: "工业总产值", region: "330112", period: .year(2022), kind: .actual,
                                             value: 31.3, unit: .percent, isGrowth: true, confidence: 0.75,
                                             quote: "同比增长31.3%", start: 21, end: 30)

    static func document(_ store: SQLiteStore, unmapped: [UnmappedFact] = [output, growth])
        throws -> (id: Int64, created: Bool, facts: [Fact], unmapped: [UnmappedFact]) {
        let fact = Fact(indicator: "rd_intensity", scope: nil, region: "330112", period: .year(2022), kind: .actual,
                                value: 3.4, unit: .percent, bound: nil, status: .provisional, approximate: false,
                                confidence: 0.9, quote: "R&D经费投入强度3.4%", start: 31, end: 45)
        return try store.saveDocument(NewDocument(source: "a.txt", contentType: "text/plain",
                                                  text: "2022年，全县工业总产值实现65.28亿元，同比增长31.3%。R&D经费投入强度3.4%。"),
                                      facts: [fact], unmapped: unmapped)
    }

    @Test func storedAndListedApartFromFacts() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        let saved = try Self.document(store)
        #expect(saved.facts.count == 1 && saved.unmapped.map(\.seq) == [1, 2])
        let stored = try #require(try store.unmappedFacts(document: saved.id))
        #expect(stored.map(\.phrase) == ["工业总产值", "工业总产值"] && stored.map(\.isGrowth) == [false, true])
        #expect(stored[0].value == 6_528_000_000 && stored[0].reasons == Self.output.reasons && stored[0].review == .proposed)
        let document = try #require(try store.document(id: saved.id))
        #expect(document.reviewCounts[.proposed] == 1 && document.unmappedCounts[.proposed] == 2)
        #expect(try store.contentTotals().facts == 1)
        // Loading the same text again keeps them, once.
        let again = try Self.document(store)
        #expect(!again.created && again.unmapped.count == 2)
        #expect(try store.unmappedFacts(document: 999) == nil)
    }

    @Test func mappingMakesTheFigureAFactAndThePhraseAnAlias() throws {
        // given
        let db = try TestDatabase()
        let store = try db.seeded()
        let saved = try Self.document(store)
        #expect(try store.catalogue().indicatorsByCode["industrial_value_added"]?.aliasesZh.contains("工业总产值") == false)
        // when the value is mapped to an indicator in yuan
        let mapped = try store.mapUnmapped(document: saved.id, seq: 1, to: "industrial_value_added", by: "ed")
        // then it is a proposed fact of the indicator, numbered after the document's facts
        #expect(mapped.changed && mapped.aliasAdded)
        #expect(mapped.fact.indicator == "industrial_value_added" && mapped.fact.seq == 2 && mapped.fact.value == 6_528_000_000)
        #expect(mapped.fact.review == .proposed && mapped.fact.region == "330112" && mapped.fact.period == .year(2022))
        #expect(mapped.unmapped.review == .mapped && mapped.unmapped.mappedIndicator == "industrial_value_added" && mapped.unmapped.factSeq == 2)
        #expect(try store.facts(document: saved.id)?.map(\.indicator) == ["rd_intensity", "industrial_value_added"])
        // and the phrase is an alias in the catalogue the next extractor is built from
        #expect(try store.catalogue().indicatorsByCode["industrial_value_added"]?.aliasesZh.contains("工业总产值") == true)
        // which survives the seed from indicators.yaml (every start and SIGHUP rewrites aliases_zh)
        let catalogue = try Catalogue.load(directory: TestDatabase.configURL)
        try store.seed(indicators: catalogue.indicators, regions: catalogue.regions)
        #expect(try store.indicator(code: "industrial_value_added")?.aliasesZh.contains("工业总产值") == true)
        // the growth rate maps to <code>_growth; the alias is there already
        let growth = try store.mapUnmapped(document: saved.id, seq: 2, to: "industrial_value_added", by: "ed")
        #expect(growth.fact.indicator == "industrial_value_added_growth" && growth.fact.value == 31.3 && !growth.aliasAdded)
        // mapping again is no change; to another indicator a conflict
        let again = try store.mapUnmapped(document: saved.id, seq: 1, to: "industrial_value_added", by: "ed")
        #expect(!again.changed && again.fact.seq == 2)
        #expect(throws: StorageError.self) { try store.mapUnmapped(document: saved.id, seq: 1, to: "rd_expenditure", by: "ed") }
        // every step is audited
        let actions = try store.audit(since: nil, token: "ed", beforeID: nil, limit: 20).map(\.action)
        #expect(actions.filter { $0 == "unmapped.map" }.count == 2 && actions.filter { $0 == "indicator.alias" }.count == 1)
        // and the accepted fact becomes an observation citing the document
        let accepted = try store.write { try $0.acceptFact(document: saved.id, seq: 2, by: "ed") }
        #expect(accepted.outcome == .created)
    }

    @Test func mappingChecksTheIndicatorAndTheUnit() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        let saved = try Self.document(store)
        let field = { (seq: Int, code: String, mapping: UnmappedFact.Mapping?) -> String? in
            DocumentFactTests.refusedField { _ = try store.mapUnmapped(document: saved.id, seq: seq, to: code, as: mapping, by: "ed") }
        }
        #expect(field(1, "no_such_indicator", nil) == "indicator")
        #expect(field(1, "rd_expenditure_growth", nil) == "indicator")     // derived: name the base
        #expect(field(1, "hightech_enterprises_total", nil) == "indicator") // a count, the figure is yuan
        #expect(field(2, "industrial_value_added", .value) == "as")        // a growth rate is not a level
        #expect(field(1, "industrial_value_added", .growth) == "as")       // yuan is not a growth rate
        #expect(try store.unmappedFacts(document: saved.id)?.allSatisfy { $0.review == .proposed } == true)
        #expect(try store.facts(document: saved.id)?.count == 1)
        // a phrase that already names another indicator cannot become this one's alias
        var named = Self.output
        named.phrase = "R&D经费投入"
        let other = try store.saveDocument(NewDocument(source: "b", contentType: "text/plain", text: "b"), facts: [], unmapped: [named])
        #expect(throws: StorageError.self) { try store.mapUnmapped(document: other.id, seq: 1, to: "industrial_value_added", by: "ed") }
    }

    @Test func rejectAndCreateIndicator() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        let saved = try Self.document(store)
        let rejected = try store.write { try $0.rejectUnmapped(document: saved.id, seq: 2, by: "ed", requestID: nil) }
        #expect(rejected.review == .rejected)
        #expect(throws: StorageError.self) { try store.mapUnmapped(document: saved.id, seq: 2, to: "industrial_value_added", by: "ed") }

        let indicator = Indicator(code: "industrial_output", nameZh: "工业总产值", nameEn: "Gross industrial output", unit: .yuan,
                                  category: "industry", aggregation: .sum)
        let created = try store.createIndicator(indicator, fromUnmapped: 1, document: saved.id, by: "admin")
        #expect(created.fact.indicator == "industrial_output" && created.unmapped.review == .mapped)
        let catalogue = try store.catalogue()
        #expect(catalogue.hasIndicator("industrial_output") && catalogue.hasIndicator("industrial_output_growth"))
        // an existing code is a conflict, and nothing of the attempt stays
        let another = try store.saveDocument(NewDocument(source: "c", contentType: "text/plain", text: "c"), facts: [], unmapped: [Self.output])
        #expect(throws: StorageError.self) { try store.createIndicator(indicator, fromUnmapped: 1, document: another.id, by: "admin") }
        #expect(try store.unmappedFacts(document: another.id)?.first?.review == .proposed)
    }
}
