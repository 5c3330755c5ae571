import Domain
import Storage
import Testing

@Suite struct RevisionTests {
    let key = ObservationKey(indicator: "rd_expenditure", region: "330112", period: .year(2021))

    @Test func revisionChainReadsBackAsOfEarlierTimes() throws {
        // given three successive values
        let db = try TestDatabase()
        let store = try db.seeded()
        let first = try store.record(ObservationChange(key: key, value: 2_000_000_000, note: "first estimate"),
                                     source: .user(token: "alice"))
        let second = try store.record(ObservationChange(key: key, value: 2_005_000_000, status: .final),
                                      source: .document(id: try documentID(store), start: 10, end: 25))
        let third = try store.record(ObservationChange(key: key, value: 2_010_000_000, status: .final, note: "corrected"),
                                     source: .user(token: "bob"))
        // then each outcome and the history are right
        #expect(first.outcome == .created && second.outcome == .updated && third.outcome == .updated)
        let history = try store.revisions(of: key)
        #expect(history.map(\.value) == [2_000_000_000, 2_005_000_000, 2_010_000_000])
        #expect(history.map(\.source) == [.user(token: "alice"), .document(id: try documentID(store), start: 10, end: 25),
                                          .user(token: "bob")])
        // and as-of reads give the value in force at each moment
        #expect(try store.observation(key)?.value == 2_010_000_000)
        #expect(try store.observation(key, asOf: first.observation.updatedAt)?.value == 2_000_000_000)
        #expect(try store.observation(key, asOf: second.observation.updatedAt)?.value == 2_005_000_000)
        #expect(try store.observation(key, asOf: second.observation.updatedAt)?.status == .final)
        let before = Timestamp(microseconds: first.observation.updatedAt.microseconds - 1)
        #expect(try store.observation(key, asOf: before) == nil)
        // and the observation's copy of its current revision is the third
        #expect(try store.currentStateMismatches().isEmpty)
    }

    @Test func sameValueTwiceWritesNoRevision() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        try store.record(ObservationChange(key: key, value: 5), source: .user(token: "a"))
        let again = try store.record(ObservationChange(key: key, value: 5), source: .user(token: "a"))
        #expect(again.outcome == .unchanged)
        #expect(try store.revisions(of: key).count == 1)
    }

    @Test func withdrawalKeepsHistory() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        let created = try store.record(ObservationChange(key: key, value: 5), source: .user(token: "a"))
        try store.record(.withdrawal(of: key, note: "entered twice"), source: .user(token: "a"))
        let now = try #require(try store.observation(key))
        #expect(now.status == .withdrawn && now.value == nil)
        #expect(try store.observation(key, asOf: created.observation.updatedAt)?.value == 5)
        #expect(try store.revisions(of: key).count == 2)
        #expect(try store.currentStateMismatches().isEmpty)
    }

    @Test func ranksOfDifferentScopesDoNotCollide() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        let province = ObservationKey(indicator: "rd_intensity_rank", region: "330112", period: .year(2021), scope: .province)
        let city = ObservationKey(indicator: "rd_intensity_rank", region: "330112", period: .year(2021), scope: .city)
        try store.record(ObservationChange(key: province, value: 24), source: .system("t"))
        try store.record(ObservationChange(key: city, value: 4), source: .system("t"))
        #expect(try store.observation(province)?.value == 24)
        #expect(try store.observation(city)?.value == 4)
    }

    @Test func aFailedBatchWritesNothing() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        #expect(throws: StorageError.self) {
            try store.write { tx in
                try tx.record(ObservationChange(key: key, value: 1), source: .user(token: "a"))
                try tx.record(ObservationChange(key: ObservationKey(indicator: "rd_expenditure", region: "000000",
                                                                    period: .year(2021)), value: 2), source: .user(token: "a"))
            }
        }
        #expect(try store.observation(key) == nil)
    }

    private func documentID(_ store: SQLiteStore) throws -> Int64 {
        try store.saveDocument(NewDocument(source: "linan-2021.txt", contentType: "text/plain",
                                           text: "R&D经费投入20.05亿元，占GDP比重达3.34%")).id
    }
}
