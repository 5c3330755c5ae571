import Domain
import Foundation
import HTTPTestSupport
import Storage
import Testing

/// Figures of indicator phrases the catalogue lacks, over a real server and a real SQLite file:
/// listed apart from facts, mapped in review (the phrase becomes an alias the next report is
/// read with), rejected, or made into a new indicator by an admin.
@Suite struct UnmappedEndpointTests {
    static let sentence = "2022年，全县工业总产值实现65.28亿元，同比增长31.3%。"

    static func figure(_ phrase: String = "工业总产值", region: String? = "330112", value: Double = 6_528_000_000,
                       unit: IndicatorUnit = .yuan, isGrowth: Bool = false) -> UnmappedFact {
        UnmappedFact(phrase: phrase, region: region, period: .year(2022), kind: .actual, value: value, unit: unit,
                             isGrowth: isGrowth, confidence: 0.6, reasons: ["indicator phrase not in the catalogue"],
                             quote: "工业总产值实现65.28亿元", start: 6, end: 20)
    }

    /// A document stored with the figures the extractor would give for `sentence`.
    static func document(_ f: APIFixture, _ figures: [UnmappedFact]) throws -> Int {
        Int(try f.store.saveDocument(NewDocument(source: "upload", contentType: "text/plain", text: sentence), facts: [],
                                     unmapped: figures).id)
    }

    static func list(_ object: [String: Any], _ key: String) -> [[String: Any]] { object[key] as? [[String: Any]] ?? [] }

    @Test func listedApartAndMappedByAnEditorOfTheRegion() throws {
        // given a document with the value and the growth rate of an uncatalogued phrase
        let f = try APIFixture()
        let id = try Self.document(f, [Self.figure(), Self.figure(value: 31.3, unit: .percent, isGrowth: true)])
        // then they are listed apart from facts and counted apart
        let stored = try f.json("/documents/\(id)")
        #expect(Self.list(stored, "facts").isEmpty)
        let unmapped = Self.list(stored, "unmapped")
        #expect(unmapped.map { $0["phrase"] as? String } == ["工业总产值", "工业总产值"])
        #expect(unmapped.map { $0["suggested_as"] as? String } == ["value", "growth"])
        #expect(unmapped.allSatisfy { $0["attention"] as? Bool == true && $0["review"] as? String == "proposed" })
        let listed = try #require(try f.data("/documents").first)
        #expect((listed["facts"] as? [String: Any])?["proposed"] as? Int == 0)
        #expect((listed["unmapped"] as? [String: Any])?["proposed"] as? Int == 2)

        // an editor limited to another region may not map it; a reader not at all
        let fuyang = try f.token("fy", .editor, region: "330111")
        let body = #"{"indicator": "industrial_value_added"}"#
        #expect(try f.send("POST", "/documents/\(id)/unmapped/1/map", body: body, token: fuyang).status == 403)
        #expect(try f.send("POST", "/documents/\(id)/unmapped/1/map", body: body, token: try f.token("rd", .reader)).status == 403)
        #expect(try f.send("POST", "/documents/\(id)/unmapped/1/map", body: body, token: nil).status == 401)
        // bad bodies name the field
        let linan = try f.token("la", .editor, region: "330112")
        for (bad, field) in [(#"{}"#, "indicator"), (#"{"indicator": "nope"}"#, "indicator"), (#"{"indicator": "tech_smes_new"}"#, "indicator"),
                             (#"{"indicator": "industrial_value_added", "as": "rank"}"#, "as"),
                             (#"{"indicator": "industrial_value_added", "as": "growth"}"#, "as"), (#"{"indicator": 3}"#, "indicator")] {
            let response = try f.send("POST", "/documents/\(id)/unmapped/1/map", body: bad, token: linan)
            #expect(response.status == 422 && response.text.contains(#""field":"\#(field)""#), "\(bad): \(response.text)")
        }
        #expect(try f.send("POST", "/documents/\(id)/unmapped/9/map", body: body, token: linan).status == 404)
        #expect(try f.send("POST", "/documents/999/unmapped/1/map", body: body, token: linan).status == 404)

        // when the editor of 临安区 maps it
        let mapped = try f.send("POST", "/documents/\(id)/unmapped/1/map", body: body, token: linan)
        #expect(mapped.status == 201, "\(mapped.text)")
        let answer = try f.object(mapped)
        let fact = try #require(answer["fact"] as? [String: Any])
        #expect(answer["alias_added"] as? Bool == true)
        #expect(fact["indicator"] as? String == "industrial_value_added" && fact["value"] as? Double == 6_528_000_000)
        #expect(fact["review"] as? String == "proposed" && fact["seq"] as? Int == 1)
        // then the phrase is an alias of the indicator, the figure is mapped, and it was audited
        let indicator = try f.json("/indicators/industrial_value_added")
        #expect((indicator["aliases_zh"] as? [String])?.contains("工业总产值") == true, "\(indicator)")
        let after = try f.json("/documents/\(id)")
        #expect(Self.list(after, "facts").count == 1)
        let first = try #require(Self.list(after, "unmapped").first)
        #expect(first["review"] as? String == "mapped" && (first["mapped_to"] as? [String: Any])?["fact"] as? Int == 1)
        // the growth rate maps with its default (as growth)
        let growth = try f.send("POST", "/documents/\(id)/unmapped/2/map", body: body, token: linan)
        let growthFact = try f.object(growth)["fact"] as? [String: Any]
        #expect(growth.status == 201 && growthFact?["indicator"] as? String == "industrial_value_added_growth")
        // mapping again answers 200 without writing; rejecting a mapped figure is a conflict
        #expect(try f.send("POST", "/documents/\(id)/unmapped/1/map", body: body, token: linan).status == 200)
        #expect(try f.send("POST", "/documents/\(id)/unmapped/1/reject", body: "", token: linan).status == 409)
        let admin = try f.token("admin", .admin)
        let audit = try f.object(try f.send("GET", "/audit?token=la", body: "", token: admin))
        let actions = Self.list(audit, "data").compactMap { $0["action"] as? String }
        #expect(actions.contains("unmapped.map") && actions.contains("indicator.alias"), "\(actions)")

        // and the next report with the phrase yields a catalogue fact for it
        let next = try f.send("POST", "/documents?region=330112&year=2023", body: "2023年，全区工业总产值实现70.12亿元。", token: linan,
                              contentType: "text/plain")
        #expect(next.status == 201, "\(next.text)")
        let nextBody = try f.object(next)
        #expect(Self.list(nextBody, "facts").contains { $0["indicator"] as? String == "industrial_value_added" && $0["value"] as? Double == 7_012_000_000 },
                "\(nextBody)")
        #expect(!Self.list(nextBody, "unmapped").contains { $0["phrase"] as? String == "工业总产值" })
    }

    @Test func aFigureWithoutARegionIsOutsideEveryRegionLimit() throws {
        let f = try APIFixture()
        let id = try Self.document(f, [Self.figure(region: nil)])
        let body = #"{"indicator": "industrial_value_added"}"#
        let linan = try f.token("la", .editor, region: "330112")
        #expect(try f.send("POST", "/documents/\(id)/unmapped/1/map", body: body, token: linan).status == 403)
        #expect(try f.send("POST", "/documents/\(id)/unmapped/1/reject", body: "", token: linan).status == 403)
        // an editor without a limit maps it; the fact then needs a region to be accepted
        let editor = try f.token("ed", .editor)
        let mapped = try f.object(try f.send("POST", "/documents/\(id)/unmapped/1/map", body: body, token: editor))
        let fact = try #require(mapped["fact"] as? [String: Any])
        #expect(fact["missing"] as? [String] == ["region"])
        let seq = try #require(fact["seq"] as? Int)
        #expect(try f.send("POST", "/documents/\(id)/facts/\(seq)/accept", body: "", token: editor).status == 422)
        #expect(try f.send("POST", "/documents/\(id)/facts/\(seq)/accept", body: #"{"region": "330112"}"#, token: editor).status == 201)
    }

    @Test func rejectingAndCreatingAnIndicatorNeedsAdmin() throws {
        let f = try APIFixture()
        let id = try Self.document(f, [Self.figure(), Self.figure(value: 31.3, unit: .percent, isGrowth: true), Self.figure("工业销售产值")])
        let editor = try f.token("ed", .editor)
        let admin = try f.token("admin", .admin)
        let rejected = try f.send("POST", "/documents/\(id)/unmapped/3/reject", body: "", token: editor)
        let rejectedFigure = try f.object(rejected)["unmapped"] as? [String: Any]
        #expect(rejected.status == 200 && rejectedFigure?["review"] as? String == "rejected")

        let create = #"{"code": "industrial_output", "name_en": "Gross industrial output", "category": "industry", "aggregation": "sum"}"#
        #expect(try f.send("POST", "/documents/\(id)/unmapped/1/create-indicator", body: create, token: editor).status == 403)
        let bad = try f.send("POST", "/documents/\(id)/unmapped/1/create-indicator", body: #"{"code": "Bad Code", "name_en": "x", "category": "industry"}"#,
                             token: admin)
        #expect(bad.status == 422 && bad.text.contains("code"))
        // a growth rate does not say the indicator's own unit
        let noUnit = try f.send("POST", "/documents/\(id)/unmapped/2/create-indicator", body: create, token: admin)
        #expect(noUnit.status == 422 && noUnit.text.contains("unit"), "\(noUnit.text)")
        let created = try f.send("POST", "/documents/\(id)/unmapped/1/create-indicator", body: create, token: admin)
        #expect(created.status == 201 && created.header("Location") == "/indicators/industrial_output", "\(created.text)")
        let indicator = try f.json("/indicators/industrial_output")
        #expect(indicator["name_zh"] as? String == "工业总产值" && indicator["unit"] as? String == "yuan")
        #expect(try f.get("/indicators/industrial_output_growth").status == 200)
        // the growth rate now maps to it; the code cannot be created twice
        let growth = try f.send("POST", "/documents/\(id)/unmapped/2/map", body: #"{"indicator": "industrial_output"}"#, token: editor)
        #expect(growth.status == 201, "\(growth.text)")
        #expect(try f.send("POST", "/documents/\(id)/unmapped/1/create-indicator", body: create, token: admin).status == 409)
    }

    /// The whole way over HTTP: a report with an uncatalogued phrase is loaded, its figure is
    /// mapped in review, and a second report with the phrase yields a catalogue fact.
    ///
    /// Needs the extractor that emits unmapped figures (`ExtractionResult.unmapped`); until the
    /// lead's extractor lands it fails at the first expectation on `unmapped`.
    @Test func anUnmappedPhraseGoesTheWholeWay() throws {
        let f = try APIFixture()
        let editor = try f.token("ed", .editor, region: "330112")
        let admin = try f.token("admin", .admin)
        // an indicator for gross output that does not yet know the phrase 工业总产值
        let indicator = #"{"code": "industrial_output", "name_zh": "工业产出", "name_en": "Gross industrial output", "unit": "yuan", "category": "industry", "aggregation": "sum"}"#
        #expect(try f.send("POST", "/indicators", body: indicator, token: admin).status == 201)

        // when a report with the phrase is loaded
        let loaded = try f.send("POST", "/documents?region=330112&year=2022", body: Self.sentence, token: editor, contentType: "text/plain")
        #expect(loaded.status == 201, "\(loaded.text)")
        let body = try f.object(loaded)
        let id = try #require((body["document"] as? [String: Any])?["id"] as? Int)
        // then its figure is listed apart, not as a fact
        #expect(!Self.list(body, "facts").contains { ($0["indicator"] as? String)?.hasPrefix("industrial_output") == true })
        let figure = try #require(Self.list(body, "unmapped").first { $0["phrase"] as? String == "工业总产值" && $0["is_growth"] as? Bool == false },
                                  "no unmapped figure for 工业总产值: \(body["unmapped"] ?? "nil")")
        #expect(figure["value"] as? Double == 6_528_000_000 && figure["region"] as? String == "330112" && figure["period"] as? String == "2022")
        let seq = try #require(figure["seq"] as? Int)
        #expect(Self.list(try f.json("/documents/\(id)"), "unmapped").contains { $0["seq"] as? Int == seq })

        // when it is mapped in review
        let mapped = try f.send("POST", "/documents/\(id)/unmapped/\(seq)/map", body: #"{"indicator": "industrial_output", "as": "value"}"#,
                                token: editor)
        #expect(mapped.status == 201, "\(mapped.text)")
        let fact = try #require(try f.object(mapped)["fact"] as? [String: Any])
        #expect(fact["indicator"] as? String == "industrial_output" && fact["review"] as? String == "proposed")
        let factSeq = try #require(fact["seq"] as? Int)
        #expect(try f.send("POST", "/documents/\(id)/facts/\(factSeq)/accept", body: "", token: editor).status == 201)
        // then the phrase is an alias
        #expect((try f.json("/indicators/industrial_output")["aliases_zh"] as? [String])?.contains("工业总产值") == true)

        // and a second report with the phrase yields a catalogue fact for it
        let second = try f.send("POST", "/documents?region=330112&year=2023", body: "2023年，全县工业总产值实现70.12亿元，同比增长7.4%。",
                                token: editor, contentType: "text/plain")
        #expect(second.status == 201, "\(second.text)")
        let secondBody = try f.object(second)
        #expect(Self.list(secondBody, "facts").contains { $0["indicator"] as? String == "industrial_output" && $0["value"] as? Double == 7_012_000_000 },
                "\(secondBody)")
        #expect(!Self.list(secondBody, "unmapped").contains { $0["phrase"] as? String == "工业总产值" })
    }
}
