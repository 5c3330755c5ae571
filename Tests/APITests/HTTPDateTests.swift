@testable import API
import Domain
import Testing

/// `Last-Modified` is an IMF-fixdate (RFC 9110 §5.6.7), written byte by byte.
@Suite struct HTTPDateTests {
    @Test(arguments: [
        (1_700_000_009, "Tue, 14 Nov 2023 22:13:29 GMT"),
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (951_815_107, "Tue, 29 Feb 2000 09:05:07 GMT"),
        (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 GMT"),
    ])
    func imfFixdate(seconds: Int64, text: String) {
        #expect(ConditionalGET.httpDate(Timestamp(microseconds: seconds * 1_000_000 + 999_999)) == text)
    }

    @Test func aYearBeyondFourDigitsHasNone() {
        #expect(ConditionalGET.httpDate(Timestamp(microseconds: 253_402_300_800 * 1_000_000)) == nil)
    }
}
