import Domain
import Testing

@Suite struct PeriodTests {
    @Test(arguments: [
        ("2021", Period.year(2021)), ("2021-Q3", .quarter(year: 2021, quarter: 3)),
        ("2021Q1", .quarter(year: 2021, quarter: 1)), ("2021-q4", .quarter(year: 2021, quarter: 4)),
        ("2021-09", .month(year: 2021, month: 9)), ("2021-12", .month(year: 2021, month: 12)),
    ])
    func parses(text: String, expected: Period) {
        #expect(Period(text) == expected)
    }

    @Test(arguments: ["", "21", "20211", "2021-", "2021-Q0", "2021-Q5", "2021-13", "2021-00", "202109",
                      "2021-9", "abcd", "2021-Q12", "２０２１", "2021 ", "-2021", "2021-Q"])
    func rejects(text: String) {
        #expect(Period(text) == nil)
    }

    @Test func canonicalTextRoundTrips() {
        for text in ["2021", "2021-Q3", "2021-09", "1999-12"] {
            #expect(Period(text)?.description == text)
        }
        #expect(Period("2021Q2")?.description == "2021-Q2")
        #expect(Period.year(987).description == "0987")
        #expect(Period.month(year: 2021, month: 11).description == "2021-11")
    }

    @Test func ordersByPeriodEndWithFinerFirst() {
        let sorted = ["2021", "2021-Q4", "2021-12", "2021-Q1", "2021-03", "2020", "2021-02"].compactMap { Period($0) }.sorted()
        #expect(sorted.map(\.description) == ["2020", "2021-02", "2021-03", "2021-Q1", "2021-12", "2021-Q4", "2021"])
    }

    /// Series reads rebuild the period from the indexed key alone, so the key must say it all.
    @Test func sortKeyRoundTripsForEveryPeriod() {
        var periods: [Period] = []
        for year in [1949, 1999, 2000, 2021, 2026] {
            periods.append(.year(year))
            periods += (1...4).map { Period.quarter(year: year, quarter: $0) }
            periods += (1...12).map { Period.month(year: year, month: $0) }
        }
        for period in periods {
            #expect(Period(sortKey: period.sortKey) == period)
            #expect(period.sortKey % 4 == period.frequency.sortKeyRank)
        }
        // Keys no period makes: a quarter ending in February, a year ending in June, rank 3.
        #expect(Period(sortKey: (2021 * 12 + 2) * 4 + 1) == nil)
        #expect(Period(sortKey: (2021 * 12 + 6) * 4 + 2) == nil)
        #expect(Period(sortKey: (2021 * 12 + 12) * 4 + 3) == nil)
        #expect(Period(sortKey: -4) == nil)
    }
}
