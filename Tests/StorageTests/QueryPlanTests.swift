import Domain
@testable import Storage
import Testing

/// Which index each read takes. The covering cross-section index is in period order, and the
/// planner, offered it, would walk it across every region for reads of one region (see
/// `Migrations/0010_cross_section_covering_index.sql`): only the reads of one period, and of an
/// indicator's latest period, may use it.
@Suite struct QueryPlanTests {
    /// The plan's lines (parameters left unbound: the plan does not depend on their values).
    func plan(_ store: Store, _ sql: String) throws -> String {
        try store.rawReaders.withConnection { connection throws(StorageError) in
            let statement = try RawStatement.prepare("EXPLAIN QUERY PLAN " + sql, on: connection.handle)
            defer { statement.finalize() }
            var lines: [String] = []
            while try statement.step() { lines.append(statement.text(3)) }
            return lines.joined(separator: "\n")
        }
    }

    func plan(_ store: Store, _ query: ObservationQuery) throws -> String {
        try plan(store, ObservationSQL.sql(ObservationSQL.build(query).0))
    }

    @Test func aPageOfOnePeriodIsOneRangeOfTheCrossSectionIndex() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        // given: a city's children at one period, the shape dashboards ask for
        var crossSection = ObservationQuery(indicators: ["rd_intensity"], order: .region)
        crossSection.parent = "330100"
        crossSection.period = .year(2024)
        crossSection.unscoped = true
        // then: read in index order, covered, with nothing to sort
        let page = try plan(store, crossSection)
        #expect(page.contains("COVERING INDEX observations_cross_section (indicator=? AND kind=? AND period_key=?)"))
        #expect(!page.contains("TEMP B-TREE"))
        // and the targets of one region's year are point lookups in it
        var targets = ObservationQuery(indicators: ["rd_intensity", "tech_smes_new"], regions: ["330112"], kinds: [.target])
        targets.period = .year(2024)
        #expect(try plan(store, targets).contains("observations_cross_section (indicator=? AND kind=? AND period_key=? AND region=?)"))
    }

    @Test func readsOfOneRegionAndWritesKeepToTheirOwnIndexes() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        var series = ObservationQuery(indicators: ["rd_intensity"], regions: ["330112"])
        series.unscoped = true
        var years = series
        years.frequency = .year
        let ranges = ObservationQuery(indicators: ["rd_intensity", "tech_smes_new"], regions: ["330112"],
                                      from: .year(2020), to: .year(2021))
        let latest = ObservationQuery(indicators: ["rd_intensity", "tech_smes_new"], regions: ["330112"], latest: 1)
        for query in [series, years, ranges, latest] {
            #expect(try !plan(store, query).contains("observations_cross_section"))
        }
        // A write's look at one observation's neighbouring periods (the bulk importer's).
        #expect(try !plan(store, """
            SELECT o.period_key, o.id FROM observations o
            WHERE o.indicator = ?1 AND o.region = ?2 AND o.kind = ?3 AND o.scope = ?4 AND o.period_key BETWEEN ?5 AND ?6
            ORDER BY o.period_key
            """).contains("observations_cross_section"))
    }
}
