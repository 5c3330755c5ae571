import Analysis
import Domain
import Testing

@Suite struct AnalysisRequestAnalyseTests {
    private let flow = SeriesProfile(unit: .yuan, isYearToDateFlow: true)
    private let stock = SeriesProfile(unit: .count, isYearToDateFlow: false)

    @Test func aTransformationReadsFromTheYearBeforeFrom() {
        #expect(AnalysisRequest().readingStart(for: .quarter(year: 2022, quarter: 2)) == .quarter(year: 2022, quarter: 2))
        #expect(AnalysisRequest(units: .log).readingStart(for: .year(2022)) == .year(2022))
        #expect(AnalysisRequest(units: .chg).readingStart(for: .quarter(year: 2022, quarter: 2)) == .year(2021))
        #expect(AnalysisRequest(units: .pc1).readingStart(for: .month(year: 2022, month: 1)) == .year(2021))
        // A derived year needs its first quarter, which starts before from=2022-Q2.
        #expect(AnalysisRequest(frequency: .year).readingStart(for: .quarter(year: 2022, quarter: 2)) == .year(2022))
    }

    @Test func lookBackBeforeFromServesOnlyAsPriors() {
        // given: 2019–2022, from 2021, read from 2020 as readingStart asks
        let request = AnalysisRequest(units: .chg)
        let values: [Period: Double] = [.year(2019): 1, .year(2020): 10, .year(2021): 15, .year(2022): 11]
        #expect(request.readingStart(for: .year(2021)) == .year(2020))
        // when
        let out = request.analyse(values, profile: stock, from: .year(2021))
        // then: 2021 is compared with 2020, which is not returned
        #expect(out.points.map(\.period) == [.year(2021), .year(2022)])
        #expect(out.points.map(\.value) == [5, -4])
        #expect(out.unit == .count)
    }

    @Test func toCutsByThePeriodsEndAsTheStoreDoes() {
        let values: [Period: Double] = [.quarter(year: 2022, quarter: 3): 1, .year(2022): 2, .year(2021): 3]
        let out = AnalysisRequest().analyse(values, profile: stock, from: .year(2022), to: .quarter(year: 2022, quarter: 3))
        #expect(out.points.map(\.period) == [.quarter(year: 2022, quarter: 3)])
    }

    @Test func pc1OfYearsDerivedFromAFlowsQuarters() throws {
        // given: Q4 YTD 70 in 2021 and 84 in 2022, 2023 through Q2 only
        let values: [Period: Double] = [
            .quarter(year: 2021, quarter: 3): 45, .quarter(year: 2021, quarter: 4): 70,
            .quarter(year: 2022, quarter: 2): 30, .quarter(year: 2022, quarter: 4): 84,
            .quarter(year: 2023, quarter: 2): 35,
        ]
        // when
        let out = AnalysisRequest(units: .pc1, frequency: .year).analyse(values, profile: flow, from: .year(2022))
        // then: 2022 on 2021, +20%, derived; 2023 is incomplete and not asked for
        #expect(out.points.map(\.period) == [.year(2022)])
        #expect(out.points.first?.value == 20)
        #expect(out.points.first?.derivation?.through == .quarter(year: 2022, quarter: 4))
        #expect(out.unit == .percent)
    }

    @Test func aPartialYearIsServedButNotComparedWithAWholeOne() {
        // given: as above, partial asked
        let values: [Period: Double] = [
            .quarter(year: 2022, quarter: 4): 84, .quarter(year: 2023, quarter: 2): 35,
        ]
        // when
        let lin = AnalysisRequest(frequency: .year, partial: true).analyse(values, profile: flow)
        let chg = AnalysisRequest(units: .chg, frequency: .year, partial: true).analyse(values, profile: flow)
        // then: January–June 2023 is 35, but not "−49 on 2022"; its like-for-like growth is pc1 of 2023-Q2
        #expect(lin.points.map(\.value) == [84, 35])
        #expect(lin.points.map(\.derivation?.isPartial) == [false, true])
        #expect(chg.points.last?.nullReason == .partial(.year(2023)))
        #expect(chg.points.last?.derivation?.isPartial == true)
    }

    @Test func aCrossSectionPeriodIsOneSeriesCutToOnePeriod() {
        // given: one region's quarters of a percent indicator, asked for 2022-Q2 only
        let values: [Period: Double] = [.quarter(year: 2021, quarter: 2): 2.5, .quarter(year: 2022, quarter: 1): 2.6,
                                        .quarter(year: 2022, quarter: 2): 2.75]
        let percent = SeriesProfile(unit: .percent, isYearToDateFlow: false)
        let period = Period.quarter(year: 2022, quarter: 2)
        // when
        let out = AnalysisRequest(units: .ch1).analyse(values, profile: percent, from: period, to: period)
        // then
        #expect(out.points.map(\.period) == [period])
        #expect(out.points.first?.value == 0.25)
        #expect(out.unit == .percentagePoints)
    }

    @Test func frequencyMonthKeepsOnlyMonths() {
        let values: [Period: Double] = [.month(year: 2022, month: 3): 12, .quarter(year: 2022, quarter: 1): 12, .year(2021): 70]
        let out = AnalysisRequest(frequency: .month).analyse(values, profile: flow)
        #expect(out.points.map(\.period) == [.month(year: 2022, month: 3)])
    }

    @Test func logHasNoUnit() {
        let out = AnalysisRequest(units: .log).analyse([.year(2022): 1], profile: flow)
        #expect(out.unit == nil)
        #expect(out.points.first?.value == 0)
    }
}
