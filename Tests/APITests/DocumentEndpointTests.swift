import Fetching
import Foundation
import HTTPServer
import HTTPTestSupport
import Logging
import ReportLoader
import Testing

/// `POST /documents` and the review endpoints over a real server and a real SQLite file.
@Suite struct DocumentEndpointTests {
    static let seedPath = APIFixture.repository.appendingPathComponent("Tests/ExtractionTests/Fixtures/linan-2021.txt")

    static func seed() throws -> String { try String(contentsOf: seedPath, encoding: .utf8) }

    static func facts(_ object: [String: Any]) -> [[String: Any]] { object["facts"] as? [[String: Any]] ?? [] }

    @Test func loadDeduplicateAcceptAndReject() throws {
        let f = try APIFixture()
        let editor = try f.token("ed", .editor)
        let loaded = try f.send("POST", "/documents", body: try Self.seed(), token: editor, contentType: "text/plain; charset=utf-8")
        #expect(loaded.status == 201, "\(loaded.text)")
        let body = try f.object(loaded)
        let document = try #require(body["document"] as? [String: Any])
        let id = try #require(document["id"] as? Int)
        #expect(loaded.header("Location") == "/documents/\(id)")
        #expect(document["publisher"] as? String == "区科技局")
        #expect(document["published_on"] as? String == "2022-03-24")
        #expect(document["region"] as? String == "330112")
        let facts = Self.facts(body)
        #expect(facts.count >= 20)
        #expect(facts.allSatisfy { $0["review"] as? String == "proposed" })

        // The same text again is the same document, with the same facts.
        let again = try f.send("POST", "/documents", body: try Self.seed(), token: editor, contentType: "text/plain")
        #expect(again.status == 200)
        let againBody = try f.object(again)
        #expect((againBody["document"] as? [String: Any])?["id"] as? Int == id && againBody["created"] as? Bool == false)
        #expect(Self.facts(againBody).count == facts.count)

        // Accept one fact: its observation cites the document span.
        let rd = try #require(facts.first { $0["indicator"] as? String == "rd_expenditure" && $0["period"] as? String == "2021" })
        let seq = try #require(rd["seq"] as? Int)
        let accepted = try f.send("POST", "/documents/\(id)/facts/\(seq)/accept", body: "", token: editor)
        #expect(accepted.status == 201, "\(accepted.text)")
        #expect(try f.object(accepted)["outcome"] as? String == "created")
        let observations = try f.data("/indicators/rd_expenditure/observations?region=330112")
        let observation = try #require(observations.first { $0["period"] as? String == "2021" })
        #expect(observation["value"] as? Double == 2_005_000_000)
        let source = try #require(observation["source"] as? [String: Any])
        #expect(source["type"] as? String == "document")
        #expect(source["document"] as? Int == id)
        #expect(source["start"] as? Int == rd["start"] as? Int && source["end"] as? Int == rd["end"] as? Int)
        let scalars = Array(try Self.seed().unicodeScalars)
        let start = try #require(rd["start"] as? Int), end = try #require(rd["end"] as? Int)
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == rd["quote"] as? String)

        // Accepting again writes nothing.
        let twice = try f.send("POST", "/documents/\(id)/facts/\(seq)/accept", body: "", token: editor)
        let twiceOutcome = try f.object(twice)["outcome"] as? String
        #expect(twice.status == 200 && twiceOutcome == "unchanged")
        #expect(try f.data("/indicators/rd_expenditure/observations/330112/2021/revisions").count == 1)

        // Reject another; it stays rejected through accept-all, and an accepted one cannot be rejected.
        let other = try #require(facts.first { ($0["seq"] as? Int) != seq })
        let otherSeq = try #require(other["seq"] as? Int)
        let rejected = try f.send("POST", "/documents/\(id)/facts/\(otherSeq)/reject", body: "", token: editor)
        let rejectedReview = (try f.object(rejected)["fact"] as? [String: Any])?["review"] as? String
        #expect(rejected.status == 200 && rejectedReview == "rejected")
        #expect(try f.send("POST", "/documents/\(id)/facts/\(seq)/reject", body: "", token: editor).status == 409)

        let all = try f.send("POST", "/documents/\(id)/accept", body: "", token: editor)
        #expect(all.status == 200, "\(all.text)")
        let summary = try f.object(all)
        #expect(summary["accepted"] as? Int == facts.count - 2)
        #expect((summary["created"] as? Int ?? 0) + (summary["updated"] as? Int ?? 0) + (summary["unchanged"] as? Int ?? 0) == facts.count - 2)

        let stored = try f.json("/documents/\(id)")
        #expect((stored["text"] as? String)?.hasPrefix("索引号") == true)
        let reviews = Self.facts(stored).map { $0["review"] as? String ?? "" }
        #expect(reviews.filter { $0 == "rejected" }.count == 1 && reviews.filter { $0 == "accepted" }.count == facts.count - 1)
        let list = try f.data("/documents")
        #expect(list.count == 1 && (list.first?["facts"] as? [String: Any])?["accepted"] as? Int == facts.count - 1)
    }

    @Test func dryRunStoresNothingAndRegionOverrides() throws {
        let f = try APIFixture()
        let editor = try f.token("ed", .editor)
        let dry = try f.send("POST", "/documents?dry_run=true&region=330112&year=2021", body: try Self.seed(), token: editor,
                             contentType: "text/plain")
        #expect(dry.status == 200)
        let body = try f.object(dry)
        #expect((body["document"] as? [String: Any])?["id"] is NSNull)
        #expect(!Self.facts(body).isEmpty)
        #expect(try f.data("/documents").isEmpty)
    }

    @Test func factsWithoutARegionAreProposedAndNeedOneToBeAccepted() throws {
        let f = try APIFixture()
        let editor = try f.token("ed", .editor)
        // No region named anywhere: the fact is proposed without one, with the reason.
        let response = try f.send("POST", "/documents", body: "2021年,全区R&D经费投入20.05亿元。", token: editor, contentType: "text/plain")
        #expect(response.status == 201, "\(response.text)")
        let body = try f.object(response)
        let id = try #require((body["document"] as? [String: Any])?["id"] as? Int)
        let fact = try #require(Self.facts(body).first { $0["indicator"] as? String == "rd_expenditure" })
        let seq = try #require(fact["seq"] as? Int)
        #expect(fact["region"] is NSNull && fact["missing"] as? [String] == ["region"] && fact["review"] as? String == "proposed")
        #expect((fact["reasons"] as? [String])?.contains { $0.contains("region") } == true)
        #expect((body["skipped"] as? [[String: Any]] ?? []).isEmpty)

        // Accepting needs the region: 422 naming it, for none and for one not in the catalogue.
        let none = try f.send("POST", "/documents/\(id)/facts/\(seq)/accept", body: "", token: editor)
        #expect(none.status == 422 && none.text.contains(#""field":"region""#), "\(none.text)")
        let unknown = try f.send("POST", "/documents/\(id)/facts/\(seq)/accept", body: #"{"region": "999999"}"#, token: editor)
        #expect(unknown.status == 422 && unknown.text.contains(#""field":"region""#))
        let badPeriod = try f.send("POST", "/documents/\(id)/facts/\(seq)/accept", body: #"{"region": "330112", "period": "twenty"}"#, token: editor)
        #expect(badPeriod.status == 422 && badPeriod.text.contains(#""field":"period""#))
        let oldPeriod = try f.send("POST", "/documents/\(id)/facts/\(seq)/accept", body: #"{"region": "330112", "period": "1900"}"#, token: editor)
        #expect(oldPeriod.status == 422 && oldPeriod.text.contains(#""field":"period""#), "\(oldPeriod.text)")
        let extra = try f.send("POST", "/documents/\(id)/facts/\(seq)/accept", body: #"{"regoin": "330112"}"#, token: editor)
        #expect(extra.status == 422 && extra.text.contains(#""field":"regoin""#))
        #expect(try f.send("POST", "/documents/\(id)/accept", body: "", token: editor).status == 422)
        // An editor limited to another region may not supply its own region... nor this one.
        let fuyang = try f.token("fy", .editor, region: "330111")
        #expect(try f.send("POST", "/documents/\(id)/facts/\(seq)/accept", body: #"{"region": "330112"}"#, token: fuyang).status == 403)
        #expect(try f.data("/indicators/rd_expenditure/observations?region=330112").isEmpty)

        // With a region it is accepted, and the observation cites the document.
        let accepted = try f.send("POST", "/documents/\(id)/facts/\(seq)/accept", body: #"{"region": "330112"}"#, token: editor)
        #expect(accepted.status == 201, "\(accepted.text)")
        let acceptedFact = try #require(try f.object(accepted)["fact"] as? [String: Any])
        #expect(acceptedFact["region"] as? String == "330112" && acceptedFact["missing"] as? [String] == [])
        let observation = try #require(try f.data("/indicators/rd_expenditure/observations?region=330112").first)
        #expect(observation["value"] as? Double == 2_005_000_000)
        #expect((observation["source"] as? [String: Any])?["document"] as? Int == id)
    }

    @Test func everyFactShowsItsConfidenceReasonsAndAttention() throws {
        let f = try APIFixture(attentionBelow: 0.95)
        let editor = try f.token("ed", .editor)
        let loaded = try f.object(try f.send("POST", "/documents?region=330112", body: try Self.seed(), token: editor, contentType: "text/plain"))
        let id = try #require((loaded["document"] as? [String: Any])?["id"] as? Int)
        let stored = try f.json("/documents/\(id)")
        #expect(stored["attention_below"] as? Double == 0.95)
        for fact in Self.facts(loaded) + Self.facts(stored) {
            let confidence = try #require(fact["confidence"] as? Double)
            #expect(fact["attention"] as? Bool == (confidence < 0.95), "\(fact)")
            #expect(fact["reasons"] is [String] && fact.keys.contains("note"))
        }
        #expect(stored["unmapped"] is [[String: Any]] && loaded["unmapped"] is [[String: Any]])
    }

    @Test func loadsAWordDocument() throws {
        let f = try APIFixture()
        let editor = try f.token("editor", .editor)
        let bytes = try Data(contentsOf: APIFixture.repository.appendingPathComponent("Tests/ExtractionTests/Fixtures/linan-2021-excerpt.docx"))
        let client = try TestClient(port: f.server.localPort)
        let head = "POST /documents?region=330112&year=2021 HTTP/1.1\r\nHost: t\r\nConnection: close\r\nAuthorization: Bearer \(editor)\r\n"
            + "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\nContent-Length: \(bytes.count)\r\n\r\n"
        try client.send(Array(head.utf8) + [UInt8](bytes))
        let response = try client.readResponse()
        #expect(response.status == 201, "\(response.text)")
        let facts = Self.facts(try f.object(response))
        let byIndicator = Dictionary(facts.map { ($0["indicator"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byIndicator["rd_expenditure"]?["value"] as? Double == 2_005_000_000)
        #expect(byIndicator["rd_intensity"]?["value"] as? Double == 3.34)
        #expect(byIndicator["hightech_enterprises_new"]?["value"] as? Double == 104)
        #expect(byIndicator["technology_transaction_value"]?["value"] as? Double == 49_180_000)
        // Quotes point into the stored text: paragraphs became lines, the XML entity was decoded.
        #expect((byIndicator["rd_expenditure"]?["quote"] as? String)?.contains("R&D经费投入20.05亿元") == true)
    }

    func postPDF(_ f: APIFixture, _ name: String, token: String) throws -> TestResponse {
        let bytes = try Data(contentsOf: APIFixture.repository.appendingPathComponent("Tests/ExtractionTests/Fixtures/pdf/\(name)"))
        let client = try TestClient(port: f.server.localPort)
        let head = "POST /documents?region=330112&year=2021 HTTP/1.1\r\nHost: t\r\nConnection: close\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: application/pdf\r\nContent-Length: \(bytes.count)\r\n\r\n"
        try client.send(Array(head.utf8) + [UInt8](bytes))
        return try client.readResponse()
    }

    @Test func loadsAPDF() throws {
        let f = try APIFixture()
        let editor = try f.token("editor", .editor)
        let response = try postPDF(f, "short.pdf", token: editor)
        #expect(response.status == 201, "\(response.text)")
        let body = try f.object(response)
        let facts = Self.facts(body)
        let byIndicator = Dictionary(facts.map { ($0["indicator"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byIndicator["rd_expenditure"]?["value"] as? Double == 2_005_000_000)
        #expect(byIndicator["rd_intensity"]?["value"] as? Double == 3.34)
        // The stored text is pdftotext's, header and footer included; quotes are slices of it.
        let id = try #require((body["document"] as? [String: Any])?["id"] as? Int)
        let stored = try f.object(try f.send("GET", "/documents/\(id)", body: "", token: nil))
        let text = Array((stored["text"] as? String ?? "").unicodeScalars)
        #expect(String(String.UnicodeScalarView(text)).contains("- 1 -") || String(String.UnicodeScalarView(text)).contains("-1-"))
        for fact in Self.facts(stored) {
            let start = try #require(fact["start"] as? Int), end = try #require(fact["end"] as? Int)
            #expect(String(String.UnicodeScalarView(text[start..<end])) == fact["quote"] as? String)
        }
    }

    @Test func unreadablePDFsAreTheBodysFault() throws {
        let f = try APIFixture()
        let editor = try f.token("editor", .editor)
        for (name, reason) in [("short-encrypted.pdf", "encrypted"), ("scanned.pdf", "no text layer"), ("short-truncated.pdf", "truncated")] {
            let response = try postPDF(f, name, token: editor)
            #expect(response.status == 422 && response.text.contains(reason) && response.text.contains(#""field":"body""#),
                    "\(name): \(response.text)")
        }
    }

    @Test func refusals() throws {
        let f = try APIFixture()
        let editor = try f.token("ed", .editor)
        let reader = try f.token("rd", .reader)
        #expect(try f.send("POST", "/documents", body: "x", token: nil, contentType: "text/plain").status == 401)
        #expect(try f.send("POST", "/documents", body: "x", token: reader, contentType: "text/plain").status == 403)
        let png = try f.send("POST", "/documents", body: "\u{89}PNG", token: editor, contentType: "image/png")
        #expect(png.status == 415 && png.text.contains("image/png"))
        // A PDF is read, so a broken one is the body's fault, not its type's.
        let pdf = try f.send("POST", "/documents", body: "%PDF-1.7\n1 0 obj", token: editor, contentType: "application/octet-stream")
        #expect(pdf.status == 422 && pdf.text.contains("truncated") && pdf.text.contains(#""field":"body""#), "\(pdf.text)")
        let notPDF = try f.send("POST", "/documents", body: "hello", token: editor, contentType: "application/pdf")
        #expect(notPDF.status == 422 && notPDF.text.contains("%PDF-"), "\(notPDF.text)")
        let docx = try f.send("POST", "/documents", body: "PK\u{3}\u{4}word", token: editor,
                              contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        #expect(docx.status == 415 && docx.text.contains("docx"))
        let empty = try f.send("POST", "/documents", body: "", token: editor, contentType: "text/plain")
        #expect(empty.status == 400 && empty.text.contains("empty"))
        let notJSON = try f.send("POST", "/documents", body: "{url:", token: editor)
        #expect(notJSON.status == 400)
        for bad in [#"{"url": 3}"#, #"{"url": "ftp://example.org/r.txt"}"#, #"{"url": "/etc/passwd"}"#, #"{"link": "http://x"}"#, "[]"] {
            let response = try f.send("POST", "/documents", body: bad, token: editor)
            #expect(response.status == 422 && response.text.contains(#""field":"#), "\(bad): \(response.text)")
        }
        // A well-formed region that is not in the catalogue is unprocessable, like a body field.
        let unknownRegion = try f.send("POST", "/documents?region=999999", body: "x", token: editor, contentType: "text/plain")
        #expect(unknownRegion.status == 422 && unknownRegion.text.contains(#""parameter":"region""#))
        // Declared HTML that is mostly control bytes: the body is wrong, not its type (schemathesis).
        let binary = try f.send("POST", "/documents", body: "\u{F1}\u{0E}\u{01}\u{02}uêN\u{0E}\u{03}", token: editor,
                                contentType: "text/html")
        #expect(binary.status == 422 && binary.text.contains("control bytes"), "\(binary.text)")
        #expect(try f.send("POST", "/documents?bogus=1", body: "x", token: editor, contentType: "text/plain").status == 400)
        #expect(try f.get("/documents/42").status == 404)
        #expect(try f.get("/documents/abc").status == 404)
        #expect(try f.send("POST", "/documents/42/facts/1/accept", body: "", token: editor).status == 404)
        #expect(try f.send("POST", "/documents/42/accept", body: "", token: editor).status == 404)
        let loaded = try f.object(try f.send("POST", "/documents", body: try Self.seed(), token: editor, contentType: "text/plain"))
        let id = try #require((loaded["document"] as? [String: Any])?["id"] as? Int)
        let missingFact = try f.send("POST", "/documents/\(id)/facts/9999/accept", body: "", token: editor)
        #expect(missingFact.status == 404 && missingFact.text.contains("fact '9999'"))
        #expect(try f.send("POST", "/documents/\(id)/facts/1/accept", body: "", token: reader).status == 403)
        // A token limited to another region may not accept 临安区's facts.
        let fuyang = try f.token("fy", .editor, region: "330111")
        #expect(try f.send("POST", "/documents/\(id)/facts/1/accept", body: "", token: fuyang).status == 403)
        #expect(try f.send("POST", "/documents/\(id)/accept", body: "", token: fuyang).status == 403)
    }

    /// The allow-list opens a loopback origin on purpose, by name: `reports.test` is answered
    /// with 127.0.0.1 without DNS, and only that name is allowed.
    @Test func loadsFromAnAllowedHost() throws {
        let seed = Array(try Self.seed().utf8)
        var router = Router()
        router.get("/reports/linan.txt") { _ in HTTPResponse(status: .ok, contentType: "text/plain; charset=utf-8", body: seed) }
        let origin = try HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), router: router,
                                    logger: Logger(label: "origin"))
        try origin.start()
        defer { origin.shutdown(); origin.wait() }
        let loopback = try #require(IPAddress("127.0.0.1"))
        let fetcher = ReportFetcher(destinations: DestinationRule(allowedHosts: ["reports.test"]),
                                    hostOverrides: [HostOverride(host: "reports.test", port: origin.localPort, address: loopback)])
        let f = try APIFixture(fetcher: fetcher)
        let editor = try f.token("ed", .editor)
        let base = "http://reports.test:\(origin.localPort)"
        let loaded = try f.send("POST", "/documents", body: #"{"url": "\#(base)/reports/linan.txt"}"#, token: editor)
        #expect(loaded.status == 201, "\(loaded.text)")
        let document = try #require(try f.object(loaded)["document"] as? [String: Any])
        #expect(document["source"] as? String == "\(base)/reports/linan.txt")
        #expect(document["publisher"] as? String == "区科技局")
        let listed = try f.data("/documents")
        #expect(listed.count == 1 && listed.first?["source"] as? String == "\(base)/reports/linan.txt")
        let missing = try f.send("POST", "/documents", body: #"{"url": "\#(base)/reports/none.txt"}"#, token: editor)
        #expect(missing.status == 422 && missing.text.contains("404") && missing.text.contains(#""field":"url""#))
        // The same origin by its address is not the allowed name.
        let byAddress = try f.send("POST", "/documents", body: #"{"url": "http://127.0.0.1:\#(origin.localPort)/reports/linan.txt"}"#,
                                   token: editor)
        #expect(byAddress.status == 422 && byAddress.text.contains("resolves to a private address"), "\(byAddress.text)")
    }
}
