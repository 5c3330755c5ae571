import Analysis
import Domain
import Testing

@Suite struct TransformationTests {
    private let stock = SeriesProfile(unit: .count, isYearToDateFlow: false)

    @Test func linReturnsTheStoredValues() {
        // given
        let points = series([.year(2021): 10, .year(2022): 12])
        // when
        let out = Transformation.lin.apply(to: points, profile: stock)
        // then
        #expect(out.map(\.value) == [10, 12])
    }

    @Test func chgAndPchOfYearsAgainstTheYearBefore() {
        let points = series([.year(2020): 80, .year(2021): 100, .year(2022): 125])
        #expect(Transformation.chg.apply(to: points, profile: stock).map(\.value) == [nil, 20, 25])
        #expect(Transformation.pch.apply(to: points, profile: stock).map(\.value) == [nil, 25, 25])
        // A year has one observation a year, so pca is pch and ch1 is chg.
        #expect(Transformation.pca.apply(to: points, profile: stock).map(\.value) == [nil, 25, 25])
        #expect(Transformation.ch1.apply(to: points, profile: stock).map(\.value) == [nil, 20, 25])
    }

    @Test func ch1AndPc1OfAQuarterCompareWithTheSameQuarterAYearBefore() {
        // given: a stock by quarter, 2021 then 2022
        let points = series([
            .quarter(year: 2021, quarter: 1): 100, .quarter(year: 2021, quarter: 2): 110,
            .quarter(year: 2022, quarter: 1): 120, .quarter(year: 2022, quarter: 2): 121,
        ])
        // when
        let ch1 = Transformation.ch1.apply(to: points, profile: stock)
        let pc1 = Transformation.pc1.apply(to: points, profile: stock)
        // then: 2022-Q2 against 2021-Q2 (110), not 2022-Q1
        #expect(ch1.map(\.value) == [nil, nil, 20, 11])
        #expect(pc1.map(\.value) == [nil, nil, 20, 10])
        #expect(pc1[1].nullReason == .missingPrior(.quarter(year: 2020, quarter: 2)))
    }

    @Test func pc1OfAMonthComparesWithTheSameMonthAYearBefore() {
        let points = series([.month(year: 2021, month: 9): 50, .month(year: 2022, month: 8): 70,
                             .month(year: 2022, month: 9): 60])
        let out = Transformation.pc1.apply(to: points, profile: stock)
        #expect(out.last?.value == 20)
    }

    @Test func pcaCompoundsFourTimesAQuarterAndTwelveTimesAMonth() throws {
        // given: 2% in a quarter, 1% in a month
        let quarters = series([.quarter(year: 2022, quarter: 1): 100, .quarter(year: 2022, quarter: 2): 102])
        let months = series([.month(year: 2022, month: 1): 200, .month(year: 2022, month: 2): 202])
        // when
        let q = try #require(Transformation.pca.apply(to: quarters, profile: stock).last?.value)
        let m = try #require(Transformation.pca.apply(to: months, profile: stock).last?.value)
        // then: (1.02⁴ − 1) × 100 = 8.243216, (1.01¹² − 1) × 100 = 12.682503…
        #expect(abs(q - 8.243216) < 1e-9)
        #expect(abs(m - 12.682503013196972) < 1e-9)
    }

    @Test func logIsTheNaturalLogAndNullAtZeroOrBelow() throws {
        let points = series([.year(2020): 0, .year(2021): -3, .year(2022): 100])
        let out = Transformation.log.apply(to: points, profile: stock)
        #expect(out[0].nullReason == .nonPositive(.year(2020)))
        #expect(out[1].nullReason == .nonPositive(.year(2021)))
        #expect(abs(try #require(out[2].value) - 4.605170185988092) < 1e-12)
    }

    @Test func percentChangesFromZeroOrANegativeBaseAreNull() {
        let points = series([.year(2020): 0, .year(2021): 5, .year(2022): -2, .year(2023): 4])
        let pch = Transformation.pch.apply(to: points, profile: stock)
        #expect(pch[1].nullReason == .nonPositive(.year(2020)))
        #expect(pch[2].value == -140)
        #expect(pch[3].nullReason == .nonPositive(.year(2022)))
        // A year's pca is its pch; a quarter's fourth power would turn 5 → −2 into growth.
        let pca = Transformation.pca.apply(to: points, profile: stock)
        #expect(pca[2].value == -140)
        let quarters = series([.quarter(year: 2022, quarter: 1): 5, .quarter(year: 2022, quarter: 2): -2])
        #expect(Transformation.pca.apply(to: quarters, profile: stock).last?.nullReason
                == .negative(.quarter(year: 2022, quarter: 2)))
    }

    @Test func aMissingPriorIsNullWithItsPeriodNeverZero() {
        // given: 2021 missing between 2020 and 2022
        let points = series([.year(2020): 100, .year(2022): 130])
        // when
        let out = Transformation.chg.apply(to: points, profile: stock)
        // then: 2022 is not compared with 2020
        #expect(out.map(\.value) == [nil, nil])
        #expect(out.map(\.nullReason) == [.missingPrior(.year(2019)), .missingPrior(.year(2021))])
        #expect(out[1].nullReason?.code == "missing_prior")
    }

    @Test func eachFrequencyIsTransformedOnItsOwn() {
        // given: a year and quarters mixed in one series
        let points = series([.year(2021): 400, .quarter(year: 2021, quarter: 4): 90,
                             .quarter(year: 2022, quarter: 1): 99, .year(2022): 440])
        // when
        let out = Transformation.pch.apply(to: points, profile: stock)
        // then: 2022 against 2021, 2022-Q1 against 2021-Q4
        #expect(out.map(\.period) == [.quarter(year: 2021, quarter: 4), .year(2021), .quarter(year: 2022, quarter: 1), .year(2022)])
        #expect(out.map(\.value) == [nil, nil, 10, 10])
    }

    @Test func theUnitFollowsTheTransformation() {
        #expect(Transformation.lin.unit(for: .percent) == .percent)
        #expect(Transformation.chg.unit(for: .percent) == .percentagePoints)
        #expect(Transformation.ch1.unit(for: .percent) == .percentagePoints)
        #expect(Transformation.chg.unit(for: .yuan) == .yuan)
        #expect(Transformation.pch.unit(for: .yuan) == .percent)
        #expect(Transformation.pc1.unit(for: .percent) == .percent)
        #expect(Transformation.pca.unit(for: .count) == .percent)
        #expect(Transformation.log.unit(for: .yuan) == nil)
    }

    @Test func aPercentIndicatorsChangeIsInPercentagePoints() throws {
        // given: R&D intensity 2.1% then 2.4%
        let points = series([.year(2021): 2.1, .year(2022): 2.4])
        let percent = SeriesProfile(unit: .percent, isYearToDateFlow: false)
        // when
        let chg = Transformation.chg.apply(to: points, profile: percent)
        let pch = Transformation.pch.apply(to: points, profile: percent)
        // then: +0.3 pp, a 14.29% rise
        #expect(Transformation.chg.unit(for: percent.unit) == .percentagePoints)
        #expect(abs(try #require(chg.last?.value) - 0.3) < 1e-12)
        #expect(Transformation.pch.unit(for: percent.unit) == .percent)
        #expect(abs(try #require(pch.last?.value) - 14.285714285714286) < 1e-9)
    }
}
