import Domain
import Testing

@Suite struct TimestampTests {
    @Test func formatsAndParsesRoundTrip() throws {
        let t = Timestamp(microseconds: 1_648_109_700_123_456)
        #expect(t.rfc3339 == "2022-03-24T08:15:00.123456Z")
        #expect(Timestamp(rfc3339: t.rfc3339) == t)
    }

    @Test func parsesOffsetsAndBareDates() {
        #expect(Timestamp(rfc3339: "2022-03-24T16:15:00+08:00") == Timestamp(rfc3339: "2022-03-24T08:15:00Z"))
        #expect(Timestamp(rfc3339: "2022-03-24")?.rfc3339 == "2022-03-24T23:59:59.999999Z")
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:00Z")?.microseconds == 0)
    }

    @Test(arguments: ["", "2022", "2022-13-01", "2022-02-30", "2022-03-24T25:00:00Z", "2022-03-24T08:15:00",
                      "2022-03-24T08:15:00.Z", "2022-03-24T08:15:00+8", "yesterday", "2022-03-24T08:15:00Zjunk"])
    func rejectsMalformed(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }
}
