import Domain
import Storage
import Testing

/// Documents and their facts in a real SQLite file: deduplication, accepting and rejecting.
@Suite struct DocumentFactTests {
    static func fact(_ value: Double, start: Int = 0) -> DocumentFact {
        DocumentFact(indicator: "rd_intensity", scope: nil, region: "330112", period: .year(2021), kind: .actual, value: value,
                     unit: "percent", bound: nil, status: .provisional, approximate: false, confidence: 0.9,
                     quote: "占GDP比重达\(value)%", start: start, end: start + 10)
    }

    @Test func sameTextIsOneDocumentWithItsFirstFacts() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        let document = NewDocument(source: "a.txt", contentType: "text/plain; charset=utf-8", text: "报告", publisher: "区科技局")
        let first = try store.saveDocument(document, facts: [Self.fact(3.34)])
        let second = try store.saveDocument(NewDocument(source: "b.txt", contentType: "text/plain", text: "报告"),
                                            facts: [Self.fact(9), Self.fact(8)])
        #expect(first.created && !second.created && first.id == second.id)
        #expect(second.facts.map(\.value) == [3.34] && second.facts.map(\.seq) == [1])
        let stored = try #require(try store.document(id: first.id))
        #expect(stored.publisher == "区科技局" && stored.text == "报告" && stored.reviewCounts[.proposed] == 1)
        #expect(try store.documents(limit: 10).map(\.text) == [""])
        #expect(try store.facts(document: 999) == nil)
    }

    @Test func acceptRecordsADocumentRevisionOnceAndKeepsTheOldValue() throws {
        let db = try TestDatabase()
        let store = try db.seeded()
        let key = Self.fact(3.34).observationKey
        try store.record(ObservationChange(key: key, value: 3.30), source: .user(token: "alice"))
        let saved = try store.saveDocument(NewDocument(source: "a", contentType: "text/plain", text: "t"),
                                           facts: [Self.fact(3.34, start: 5), Self.fact(3.5)])
        let accepted = try store.write { try $0.acceptFact(document: saved.id, seq: 1, by: "bob") }
        #expect(accepted.outcome == .updated && accepted.fact.review == .accepted && accepted.fact.reviewedBy == "bob")
        let again = try store.write { try $0.acceptFact(document: saved.id, seq: 1, by: "bob") }
        #expect(again.outcome == .unchanged)
        let history = try store.revisions(of: key)
        #expect(history.map(\.value) == [3.30, 3.34])
        #expect(history.last?.source == .document(id: saved.id, start: 5, end: 15))

        let rejected = try store.write { try $0.rejectFact(document: saved.id, seq: 2, by: "bob") }
        #expect(rejected.review == .rejected)
        #expect(try store.facts(document: saved.id)?.map(\.review) == [.accepted, .rejected])
        #expect(throws: StorageError.self) { try store.write { try $0.rejectFact(document: saved.id, seq: 1, by: "bob") } }
        #expect(throws: StorageError.self) { try store.write { try $0.acceptFact(document: saved.id, seq: 3, by: "bob") } }
    }
}
