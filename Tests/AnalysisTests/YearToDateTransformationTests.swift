import Analysis
import Domain
import Testing

/// A flow stored year-to-date: 2021's quarters add 10, 15, 20, 25 (YTD 10, 25, 45, 70); 2022's
/// add 12, 18, 21 (YTD 12, 30, 51).
@Suite struct YearToDateTransformationTests {
    private let flow = SeriesProfile(unit: .yuan, isYearToDateFlow: true)
    private let points = series([
        .quarter(year: 2021, quarter: 1): 10, .quarter(year: 2021, quarter: 2): 25,
        .quarter(year: 2021, quarter: 3): 45, .quarter(year: 2021, quarter: 4): 70,
        .quarter(year: 2022, quarter: 1): 12, .quarter(year: 2022, quarter: 2): 30,
        .quarter(year: 2022, quarter: 3): 51,
    ])

    @Test func pc1OfAThirdQuarterComparesYearToDateWithYearToDate() throws {
        // when
        let pc1 = Transformation.pc1.apply(to: points, profile: flow)
        let ch1 = Transformation.ch1.apply(to: points, profile: flow)
        // then: 2022-Q3 (51) against 2021-Q3 (45), both January–September
        let q3 = try #require(pc1.last)
        #expect(q3.period == .quarter(year: 2022, quarter: 3))
        #expect(abs(try #require(q3.value) - 13.333333333333334) < 1e-9)
        #expect(ch1.last?.value == 6)
        #expect(Transformation.pc1.basis(for: .quarter, profile: flow) == .value)
    }

    @Test func chgComparesEachQuartersOwnIncrementAcrossTheYearsEnd() {
        // when
        let chg = Transformation.chg.apply(to: points, profile: flow)
        // then: increments 10, 15, 20, 25 | 12, 18, 21; 2021-Q1 has no 2020-Q4 to compare with
        #expect(chg.map(\.value) == [nil, 5, 5, 5, -13, 6, 3])
        #expect(chg[0].nullReason == .missingPrior(.quarter(year: 2020, quarter: 4)))
        #expect(Transformation.chg.basis(for: .quarter, profile: flow) == .periodIncrement)
    }

    @Test func pchAndPcaUseTheIncrementsToo() throws {
        let pch = Transformation.pch.apply(to: points, profile: flow)
        let pca = Transformation.pca.apply(to: points, profile: flow)
        // 2022-Q2's 18 against 2022-Q1's 12: +50%, (1.5⁴ − 1) × 100 = 406.25% a year
        #expect(pch[5].value == 50)
        #expect(pca[5].value == 406.25)
        // 2022-Q1's 12 against 2021-Q4's 25
        #expect(abs(try #require(pch[4].value) - -52) < 1e-9)
    }

    @Test func anIncrementWithoutTheQuarterBeforeIsNull() {
        // given: 2022-Q2 missing, so 2022-Q3's own increment is unknown
        let gap = points.filter { $0.period != .quarter(year: 2022, quarter: 2) }
        // when
        let chg = Transformation.chg.apply(to: gap, profile: flow)
        let pc1 = Transformation.pc1.apply(to: gap, profile: flow)
        // then: null, naming the missing quarter, while pc1 needs only 2021-Q3
        #expect(chg.last?.nullReason == .missingPrior(.quarter(year: 2022, quarter: 2)))
        #expect(pc1.last?.value != nil)
    }

    @Test func monthsOfAFlowWorkTheSameWay() {
        // given: January–March YTD 5, 11, 20 in 2022, and 2021's December and November
        let months = series([
            .month(year: 2021, month: 11): 88, .month(year: 2021, month: 12): 96,
            .month(year: 2022, month: 1): 5, .month(year: 2022, month: 2): 11, .month(year: 2022, month: 3): 20,
        ])
        // when
        let chg = Transformation.chg.apply(to: months, profile: flow)
        // then: increments 8 (December), 5, 6, 9
        #expect(chg.map(\.value) == [nil, nil, -3, 1, 3])
        #expect(chg[1].nullReason == .missingPrior(.month(year: 2021, month: 10)))
    }

    @Test func linAndLogOfAFlowAreOfTheYearToDateValue() throws {
        #expect(Transformation.lin.apply(to: points, profile: flow).last?.value == 51)
        let log = try #require(Transformation.log.apply(to: points, profile: flow).last?.value)
        #expect(abs(log - 3.9318256327243257) < 1e-12)
    }

    @Test func yearsOfAFlowAreWholeYears() {
        let years = series([.year(2021): 70, .year(2022): 84])
        #expect(Transformation.chg.apply(to: years, profile: flow).last?.value == 14)
        #expect(Transformation.chg.basis(for: .year, profile: flow) == .value)
    }
}
