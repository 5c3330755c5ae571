import Domain
import Storage
import Testing

/// Documents and their facts in a real SQLite file: deduplication, accepting and rejecting.
@Suite struct DocumentFactTests {
    static func fact(_ value: Double, start: Int = 0) -> Fact {
        Fact(indicator: "rd_intensity", scope: nil, region: "330112", period: .year(2021), kind: .actual, value: value,
                     unit: .percent, bound: nil, status: .provisional, approximate: false, confidence: 0.9,
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
        let key = try #require(Self.fact(3.34).observationKey)
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

    @Test func aFactWithoutRegionIsProposedAndAcceptedOnlyWithOne() throws {
        // given a fact the report does not place, with the extractor's reasons and note
        let db = try TestDatabase()
        let store = try db.seeded()
        var open = Self.fact(3.34)
        open.region = nil
        open.reasons = ["no region in the text: pass --region or set it in review"]
        open.note = "区本级"
        let saved = try store.saveDocument(NewDocument(source: "a", contentType: "text/plain", text: "t"), facts: [open])
        // then it is stored as proposed, with what it lacks
        let stored = try #require(saved.facts.first)
        #expect(stored.review == .proposed && stored.region == nil && stored.missing == ["region"] && stored.observationKey == nil)
        #expect(stored.reasons == open.reasons && stored.note == "区本级")

        // when accepted without a region: refused naming the field, nothing written; an
        // uncatalogued region and a period the indicator is not reported by are refused by field too
        #expect(Self.refusedField { _ = try store.write { try $0.acceptFact(document: saved.id, seq: 1, by: "bob") } } == "region")
        #expect(Self.refusedField {
            _ = try store.write { try $0.acceptFact(document: saved.id, seq: 1, by: "bob", requestID: nil, region: "999999", period: nil) }
        } == "region")
        #expect(Self.refusedField {
            _ = try store.write { try $0.acceptFact(document: saved.id, seq: 1, by: "bob", requestID: nil, region: "330112", period: .year(1900)) }
        } == "period")
        #expect(try store.facts(document: saved.id)?.first?.review == .proposed)

        // when accepted with a region: the observation is written and the fact keeps the region
        let accepted = try store.write { try $0.acceptFact(document: saved.id, seq: 1, by: "bob", requestID: nil, region: "330112", period: nil) }
        #expect(accepted.outcome == .created && accepted.fact.region == "330112")
        let key = ObservationKey(indicator: "rd_intensity", region: "330112", period: .year(2021))
        #expect(try store.observation(key)?.value == 3.34)
        #expect(try store.facts(document: saved.id)?.first?.region == "330112")
        let audit = try store.audit(since: nil, token: "bob", beforeID: nil, limit: 10)
        #expect(audit.contains { $0.action == "fact.accept" && $0.detailJSON.contains(#""region":"330112""#) })
    }

    /// The field an `invalidField` refusal names; nil when `body` succeeds.
    static func refusedField(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch StorageError.invalidField(let field, _) {
            return field
        } catch {
            return "not invalidField: \(error)"
        }
    }
}
