import Domain
@testable import Storage
import Testing

/// The series read has a fast form for one indicator, region, kind and scope (read in index
/// order, no sort) beside the general one; both must give the same rows in the same order, page
/// by page.
@Suite struct ObservationQueryTests {
    /// Years and quarters of one series, recorded out of order, with one value withdrawn.
    func seededSeries() throws -> (TestDatabase, SQLiteStore) {
        let db = try TestDatabase()
        let store = try db.seeded()
        var periods: [Period] = []
        for year in [2021, 2019, 2020] {
            periods.append(.year(year))
            periods += [3, 1, 4, 2].map { Period.quarter(year: year, quarter: $0) }
        }
        try store.write { tx in
            for (i, period) in periods.enumerated() {
                for region in ["330112", "330110"] {
                    try tx.record(ObservationChange(key: ObservationKey(indicator: "rd_expenditure", region: region, period: period),
                                                    value: Double(1000 + i)), source: .user(token: "t"))
                }
            }
        }
        try store.record(ObservationChange(key: ObservationKey(indicator: "rd_expenditure", region: "330112", period: .year(2020)),
                                           value: nil, status: .withdrawn), source: .user(token: "t"))
        // Provenance of every kind, a bound and a note, so that each column is compared.
        let document = try store.saveDocument(NewDocument(source: "linan-2021.txt", contentType: "text/plain",
                                                          text: "R&D经费投入20.05亿元")).id
        try store.record(ObservationChange(key: ObservationKey(indicator: "rd_expenditure", region: "330112", period: .year(2021)),
                                           value: 2_005_000_000, status: .final, note: "from the report"),
                         source: .document(id: document, start: 0, end: 12))
        try store.record(ObservationChange(key: ObservationKey(indicator: "rd_expenditure", region: "330112",
                                                               period: .quarter(year: 2019, quarter: 2)),
                                           value: 1.5, status: .estimated, bound: .min), source: .system("bench"))
        return (db, store)
    }

    /// A client can ask for many query shapes (each count of listed regions is one): the
    /// statements prepared for them stay bounded, and answers stay right across a reset.
    @Test func preparedStatementsStayBounded() throws {
        let (db, store) = try seededSeries()
        let connection = try RawConnection(path: store.path, busyTimeoutMs: 1000)
        defer { withExtendedLifetime(db) {} }
        for n in 1...(RawConnection.maximumStatements + 40) {
            let regions = ["330112"] + (1..<n).map { "99\($0)" }
            let query = ObservationQuery(indicators: ["rd_expenditure"], regions: regions, frequency: .year)
            let (shape, values) = ObservationSQL.build(query)
            let statement = try connection.statement(.observations(shape), sql: { ObservationSQL.sql(shape) })
            ObservationSQL.bind(values, to: statement)
            var years: [Int64] = []
            while try statement.step() { years.append(ObservationRow(statement: statement, fixedKey: nil).id) }
            statement.reset()
            #expect(years.count == 2, "shape with \(n) regions")
            #expect(connection.cachedStatements <= RawConnection.maximumStatements)
        }
    }

    /// Reading fewer columns gives the same rows and pages, with what was left out empty.
    @Test func leftOutColumnsComeBackEmptyAndPagesStayTheSame() throws {
        let (db, store) = try seededSeries()
        defer { withExtendedLifetime(db) {} }
        for regions in [["330112"], ["330112", "330110"]] {
            var all = ObservationQuery(indicators: ["rd_expenditure"], regions: regions, limit: 4)
            all.unscoped = true
            var few = all
            few.columns = []
            // The same pages, row for row, in what both read.
            func kept(_ pages: [[StoredObservation]]) -> [[String]] {
                pages.map { $0.map { "\($0.id) \($0.key) \($0.value ?? -1) \($0.status) \($0.updatedAt)" } }
            }
            let fewPages = try pages(store, few), allPages = try pages(store, all)
            #expect(kept(fewPages) == kept(allPages) && allPages.count > 1)
            let seen = fewPages.flatMap { $0 }, expected = allPages.flatMap { $0 }
            // What was left out is empty, though the full rows have it.
            #expect(expected.contains { $0.bound != nil } && expected.contains { $0.note != nil })
            #expect(expected.contains { if case .document = $0.source { true } else { false } })
            #expect(seen.allSatisfy { $0.bound == nil && $0.note == nil && $0.revision == 0 && $0.source == .system("") })
        }
    }

    /// Every page of a query, each observation whole (key, value, status, bound, revision, time,
    /// source and note), so that the two read forms are compared column by column.
    func pages(_ store: SQLiteStore, _ base: ObservationQuery) throws -> [[StoredObservation]] {
        var query = base
        var pages: [[StoredObservation]] = []
        while true {
            let page = try store.observations(query)
            pages.append(page.observations)
            guard let next = page.next else { return pages }
            query.after = next
        }
    }

    @Test(arguments: [ObservationQuery.Order.period, .periodDescending, .region],
          [Frequency?.none, .year, .quarter])
    func singleSeriesReadMatchesTheGeneralRead(order: ObservationQuery.Order, frequency: Frequency?) throws {
        let (db, store) = try seededSeries()
        defer { withExtendedLifetime(db) {} }
        var general = ObservationQuery(indicators: ["rd_expenditure"], regions: ["330112"], frequency: frequency,
                                       order: order, limit: 4)
        var single = general
        single.unscoped = true
        let expected = try pages(store, general)
        #expect(try pages(store, single) == expected)
        // The withdrawn 2020 is hidden; everything else is there once, in order.
        let all = expected.flatMap { $0 }
        #expect(!all.contains { $0.key.period == .year(2020) })
        let count: Int
        switch frequency {
        case .none: count = 14
        case .year: count = 2
        case .quarter: count = 12
        case .month: count = 0
        }
        #expect(all.count == count)
        let keys = all.map(\.key.period.sortKey)
        #expect(keys == (order == .periodDescending ? keys.sorted(by: >) : keys.sorted()))
        general.limit = 100
        #expect(try store.observations(general).observations.count == count)
    }
}
