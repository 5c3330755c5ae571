import Domain
import Testing

@Suite struct NumberTextTests {
    @Test func wholeNumbersStayExactAndHugeOnesDoNotTrap() {
        #expect(NumberText.format(2_005_000_000) == "2005000000")
        #expect(NumberText.format(-7) == "-7")
        #expect(NumberText.format(2.89) == "2.89")
        #expect(NumberText.format(1e-7) == "1e-07")
        // Past 2^53 (and past Int64) a whole double is printed as Swift prints it, not converted.
        #expect(NumberText.format(-9.419144086948014e+39) == "-9.419144086948014e+39")
        #expect(NumberText.format(1e300) == "1e+300")
        #expect(NumberText.wholeNumber(9_007_199_254_740_992) == nil)
        #expect(NumberText.wholeNumber(9_007_199_254_740_991) == 9_007_199_254_740_991)
    }
}
