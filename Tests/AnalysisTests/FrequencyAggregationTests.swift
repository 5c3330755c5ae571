import Analysis
import Domain
import Testing

@Suite struct FrequencyAggregationTests {
    private let flow = SeriesProfile(unit: .yuan, isYearToDateFlow: true)
    private let stock = SeriesProfile(unit: .count, isYearToDateFlow: false)
    private let toYears = FrequencyAggregation(target: .year)
    private let toYearsPartial = FrequencyAggregation(target: .year, includesPartial: true)

    /// 2021 whole (Q1–Q4), 2022 through Q3.
    private let quarters: [Period: Double] = [
        .quarter(year: 2021, quarter: 1): 10, .quarter(year: 2021, quarter: 2): 25,
        .quarter(year: 2021, quarter: 3): 45, .quarter(year: 2021, quarter: 4): 70,
        .quarter(year: 2022, quarter: 1): 12, .quarter(year: 2022, quarter: 2): 30,
        .quarter(year: 2022, quarter: 3): 51,
    ]

    @Test func aFlowsYearIsItsFourthQuarterYearToDate() {
        // when
        let years = toYears.aggregate(quarters, profile: flow)
        // then: 2021 = 2021-Q4 YTD; 2022 has no Q4 and is left out
        #expect(years == [SeriesPoint(period: .year(2021), value: 70, derivation: Derivation(
            method: .sum, source: .quarter, through: .quarter(year: 2021, quarter: 4), isPartial: false))])
    }

    @Test func aFlowsYearFromMonthsIsItsDecember() {
        // given: every month of 2022 YTD, 1 a month
        let months = Dictionary(uniqueKeysWithValues: (1...12).map { (Period.month(year: 2022, month: $0), Double($0)) })
        // when
        let years = toYears.aggregate(months, profile: flow)
        // then
        #expect(years.map(\.value) == [12])
        #expect(years.first?.derivation?.source == .month)
        #expect(years.first?.derivation?.through == .month(year: 2022, month: 12))
    }

    @Test func anIncompleteYearOfAFlowIsMadeOnlyWhenPartialIsAsked() {
        // when
        let years = toYearsPartial.aggregate(quarters, profile: flow)
        // then: 2022 is January–September, marked so
        #expect(years.map(\.period) == [.year(2021), .year(2022)])
        #expect(years.map(\.value) == [70, 51])
        #expect(years.map(\.isPartial) == [false, true])
        #expect(years.last?.derivation?.through == .quarter(year: 2022, quarter: 3))
        #expect(years.map(\.isDerived) == [true, true])
    }

    @Test func aStocksYearIsItsEndOfPeriodValue() {
        // given: enterprises counted at each quarter's end
        let stocks: [Period: Double] = [
            .quarter(year: 2021, quarter: 1): 300, .quarter(year: 2021, quarter: 2): 310,
            .quarter(year: 2021, quarter: 3): 320, .quarter(year: 2021, quarter: 4): 330,
            .quarter(year: 2022, quarter: 1): 340, .quarter(year: 2022, quarter: 2): 350,
        ]
        // when
        let whole = toYears.aggregate(stocks, profile: stock)
        let partial = toYearsPartial.aggregate(stocks, profile: stock)
        // then
        #expect(whole.map(\.value) == [330])
        #expect(whole.first?.derivation?.method == .eop)
        #expect(partial.map(\.value) == [330, 350])
        #expect(partial.map(\.isPartial) == [false, true])
    }

    @Test func sumAndAvgOverrideTheDefaultForAStock() {
        // given: a ratio by quarter, 2022's Q3 missing
        let ratios: [Period: Double] = [
            .quarter(year: 2021, quarter: 1): 1, .quarter(year: 2021, quarter: 2): 2,
            .quarter(year: 2021, quarter: 3): 3, .quarter(year: 2021, quarter: 4): 6,
            .quarter(year: 2022, quarter: 1): 4, .quarter(year: 2022, quarter: 2): 5,
            .quarter(year: 2022, quarter: 4): 9,
        ]
        // when
        let avg = FrequencyAggregation(target: .year, method: .avg).aggregate(ratios, profile: stock)
        let sum = FrequencyAggregation(target: .year, method: .sum).aggregate(ratios, profile: stock)
        let avgPartial = FrequencyAggregation(target: .year, method: .avg, includesPartial: true).aggregate(ratios, profile: stock)
        let eop = FrequencyAggregation(target: .year, method: .eop).aggregate(ratios, profile: stock)
        // then: a sum or mean needs every quarter, eop only the last
        #expect(avg.map(\.value) == [3])
        #expect(sum.map(\.value) == [12])
        #expect(avgPartial.map(\.value) == [3, 6])
        #expect(avgPartial.last?.isPartial == true)
        #expect(eop.map(\.value) == [6, 9])
        #expect(eop.map(\.isPartial) == [false, false])
    }

    @Test func avgOfAFlowIsTheMeanIncrement() {
        // when
        let years = FrequencyAggregation(target: .year, method: .avg, includesPartial: true).aggregate(quarters, profile: flow)
        // then: 70 over four quarters; 51 over three
        #expect(years.map(\.value) == [17.5, 17])
        // sum of a flow stored year-to-date is its last value: the increments add up to it
        let sum = FrequencyAggregation(target: .year, method: .sum).aggregate(quarters, profile: flow)
        #expect(sum.map(\.value) == [70])
    }

    @Test func aQuarterOfAFlowFromMonthsIsItsLastMonthYearToDate() {
        // given: January–June YTD 3, 7, 12, 15, 21, 30
        let months: [Period: Double] = [
            .month(year: 2022, month: 1): 3, .month(year: 2022, month: 2): 7, .month(year: 2022, month: 3): 12,
            .month(year: 2022, month: 4): 15, .month(year: 2022, month: 5): 21, .month(year: 2022, month: 6): 30,
        ]
        // when
        let sum = FrequencyAggregation(target: .quarter).aggregate(months, profile: flow)
        let avg = FrequencyAggregation(target: .quarter, method: .avg).aggregate(months, profile: flow)
        // then: Q2 is year-to-date too (30), and its mean month (30 − 12) ÷ 3
        #expect(sum.map(\.period) == [.quarter(year: 2022, quarter: 1), .quarter(year: 2022, quarter: 2)])
        #expect(sum.map(\.value) == [12, 30])
        #expect(avg.map(\.value) == [4, 6])
    }

    @Test func aFlowsMeanQuarterWithoutTheMonthBeforeItIsNotMade() {
        // given: April–June, but no March to start the quarter's own total from
        let months: [Period: Double] = [
            .month(year: 2022, month: 4): 15, .month(year: 2022, month: 5): 21, .month(year: 2022, month: 6): 30,
        ]
        // when
        let avg = FrequencyAggregation(target: .quarter, method: .avg, includesPartial: true).aggregate(months, profile: flow)
        let sum = FrequencyAggregation(target: .quarter).aggregate(months, profile: flow)
        // then: the mean is unknown; the year-to-date value is not
        #expect(avg.isEmpty)
        #expect(sum.map(\.value) == [30])
    }

    @Test func aStoredYearWinsOverTheDerivedOne() {
        // given: the year as reported (71, revised) beside its quarters (Q4 70)
        var values = quarters
        values[.year(2021)] = 71
        values[.year(2020)] = 60
        // when
        let years = toYearsPartial.aggregate(values, profile: flow)
        // then
        #expect(years.map(\.value) == [60, 71, 51])
        #expect(years.map(\.isDerived) == [false, false, true])
    }

    @Test func quartersArePreferredToMonthsAndTheFurthestPartWinsWhenPartial() {
        // given: 2021 in quarters and months alike; 2022 quarters through Q2, months through August
        var values = quarters.filter { $0.key.year == 2021 }
        for m in 1...12 { values[.month(year: 2021, month: m)] = Double(m) }
        values[.quarter(year: 2022, quarter: 1)] = 12
        values[.quarter(year: 2022, quarter: 2)] = 30
        for m in 1...8 { values[.month(year: 2022, month: m)] = Double(m * 5) }
        // when
        let years = toYearsPartial.aggregate(values, profile: flow)
        // then
        #expect(years.map(\.value) == [70, 40])
        #expect(years.map { $0.derivation?.source } == [.quarter, .month])
        #expect(years.last?.derivation?.through == .month(year: 2022, month: 8))
    }

    @Test func coarserPeriodsThanTheTargetAreDropped() {
        let values: [Period: Double] = [.year(2021): 70, .quarter(year: 2022, quarter: 1): 12]
        let out = FrequencyAggregation(target: .quarter).aggregate(values, profile: flow)
        #expect(out.map(\.period) == [.quarter(year: 2022, quarter: 1)])
        #expect(out.first?.isDerived == false)
    }
}
