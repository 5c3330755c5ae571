import Domain
@testable import Storage
import Testing

/// The series read has a fast form for one indicator, region, kind and scope (read in index
/// order, no sort) beside the general one; both must give the same rows in the same order, page
/// by page.
@Suite struct ObservationQueryTests {
    /// Years and quarters of one series, recorded out of order, with one value withdrawn.
    func seededSeries() throws -> (TestDatabase, Store) {
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
            #expect(try pages(store, few) == pages(store, all))
            var seen: [(Int64, Int64?, Timestamp)] = []
            _ = try store.observations(few) { row in seen.append((row.id, row.document, row.updatedAt)) }
            var expected: [(Int64, Timestamp)] = []
            _ = try store.observations(all) { row in
                expected.append((row.id, row.updatedAt))
                #expect(row.bytes(.sourceType).map { String(decoding: $0, as: UTF8.self) } == "user")
            }
            #expect(seen.map(\.0) == expected.map(\.0) && seen.map(\.2) == expected.map(\.1))
            #expect(seen.allSatisfy { $0.1 == nil })
            _ = try store.observations(few) { row in #expect(row.bytes(.sourceType) == nil && row.bytes(.status) != nil) }
        }
    }

    func pages(_ store: Store, _ base: ObservationQuery) throws -> [[String]] {
        var query = base
        var pages: [[String]] = []
        while true {
            let page = try store.observations(query)
            pages.append(page.observations.map { "\($0.key.period)=\($0.value ?? -1)" })
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
        #expect(!all.contains { $0.hasPrefix("2020=") })
        let count: Int
        switch frequency {
        case .none: count = 14
        case .year: count = 2
        case .quarter: count = 12
        case .month: count = 0
        }
        #expect(all.count == count)
        let keys = all.compactMap { Period(String($0.prefix { $0 != "=" }))?.sortKey }
        #expect(keys == (order == .periodDescending ? keys.sorted(by: >) : keys.sorted()))
        general.limit = 100
        #expect(try store.observations(general).observations.count == count)
    }
}
