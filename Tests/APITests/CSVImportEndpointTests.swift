import API
import Domain
import Foundation
import HTTPTestSupport
import Storage
import Testing

/// `POST /observations` with a CSV body, over a real server and database: streamed, checked
/// before it is read, written in one transaction with its revisions and audit trail.
@Suite struct CSVImportEndpointTests {
    static let districts = ["330102", "330105", "330106", "330108", "330109", "330110", "330111", "330112", "330113", "330114"]
    static let indicators = ["tech_smes_new", "hightech_enterprises_new", "incubators_new"]

    /// Row `i`'s indicator, region and month: distinct for every `i` below 27,000.
    static func key(_ i: Int) -> String {
        let month = i / 10 % 900
        return "\(indicators[i / 9000]),\(districts[i % 10]),\(1950 + month / 12)-\(String(format: "%02d", month % 12 + 1))"
    }

    /// Quoted notes with commas, quotes and a line break, Chinese text, CRLF line ends and a BOM.
    static func csv(rows: Int) -> String {
        var csv = "\u{FEFF}indicator,region,period,kind,value,status,note\r\n"
        for i in 0..<rows {
            let note = i % 7 == 0 ? "\"第\(i)行, 含\"\"引号\"\"\nand a second line\"" : i % 5 == 0 ? "研发经费" : ""
            csv += "\(key(i)),actual,\(i),final,\(note)\r\n"
        }
        return csv
    }

    @Test func aCSVInTinyChunksLandsExactlyAsTheSameCSVInOnePiece() throws {
        // given: two servers with their own databases
        let whole = try APIFixture(), chunked = try APIFixture()
        let body = Array(Self.csv(rows: 400).utf8)
        // when: one gets the body in one piece, the other in chunks of 1 to 7 bytes, each sent on its own
        let a = try whole.send("POST", "/observations", body: String(decoding: body, as: UTF8.self), token: try whole.token("e", .editor),
                               contentType: "text/csv")
        let b = try Self.sendChunked(chunked, "/observations", body: body, token: try chunked.token("e", .editor))
        // then: the same answer and the same data, notes and all
        #expect(a.status == 201 && b.status == 201)
        #expect(a.text == b.text)
        #expect(try whole.object(a)["created"] as? Int == 400)
        let exportA = try ObservationTransfer.export(store: whole.store, indicators: ["tech_smes_new"], format: .csv)
        let exportB = try ObservationTransfer.export(store: chunked.store, indicators: ["tech_smes_new"], format: .csv)
        #expect(exportA == exportB)
        #expect(String(decoding: exportB, as: UTF8.self).contains("第7行, 含\"\"引号\"\"\nand a second line"))
    }

    @Test func aMalformedCSVNamesTheSameLineInChunks() throws {
        let f = try APIFixture()
        let editor = try f.token("e", .editor)
        let body = Array((Self.csv(rows: 30) + "tech_smes_new,330112,\"2021\"x,actual,1,final,\r\n").utf8)
        let response = try Self.sendChunked(f, "/observations", body: body, token: editor)
        #expect(response.status == 400)
        // 30 rows from line 2, five of them two lines long
        #expect(try f.object(response)["detail"] as? String == "line 37: text after a closing quote")
        #expect(try f.data("/observations?indicator=tech_smes_new&period=1950-01").isEmpty)
    }

    @Test func aBatchOfNewChangedAndSameValuesIsCountedRevisedAndAudited() throws {
        // given: values already there
        let f = try APIFixture()
        let editor = try f.token("e", .editor)
        let admin = try f.token("root", .admin)
        let before = #"[{"indicator":"rd_expenditure","region":"330112","period":"2021","value":5,"status":"final"},"#
            + #"{"indicator":"rd_expenditure","region":"330112","period":"2020","value":4,"status":"final"},"#
            + #"{"indicator":"tech_smes_new","region":"330112","period":"2022-Q1","value":100}]"#
        #expect(try f.send("POST", "/observations", body: before, token: editor).status == 201)
        // when: one CSV unchanged, updated, created, with year-to-date values below the stored Q1 and below the batch's Q1
        let csv = #"""
            indicator,region,period,value,status,note
            rd_expenditure,330112,2021,5,final,
            rd_expenditure,330112,2020,4.5,final,revised
            tech_smes_new,330112,2022-Q2,90,,
            tech_smes_new,330110,2022-Q2,40,,
            tech_smes_new,330110,2022-Q1,50,,"研发, ""引号"""
            tech_smes_new,330110,2022-Q3,60,,
            rd_intensity,330112,2021,3.34,final,

            """#
            // and 100 new rows of another indicator, which make the batch large enough for the importer's own writes
            + (0..<100).map { "incubators_new,\(Self.districts[$0 % 10]),\(2000 + $0 / 10),\($0),final,\n" }.joined()
        let response = try f.send("POST", "/observations", body: csv, token: editor, contentType: "text/csv",
                                  headers: ["X-Request-Id": "bulk-test-1"])
        // then: the summary
        #expect(response.status == 201)
        let summary = try f.object(response)
        #expect(summary["received"] as? Int == 107)
        #expect(summary["created"] as? Int == 105 && summary["updated"] as? Int == 1 && summary["unchanged"] as? Int == 1)
        let warnings = try #require(summary["warnings"] as? [[String: Any]])
        #expect(summary["warning_count"] as? Int == 2)
        #expect(warnings.map { $0["line"] as? Int } == [4, 5])
        #expect((warnings.first?["reason"] as? String)?.contains("is below 100 for 2022-Q1") == true)
        #expect((warnings.last?["reason"] as? String)?.contains("year-to-date 40 for 2022-Q2 is below 50 for 2022-Q1") == true)
        // the history: a new revision for the changed value only
        let history = try f.data("/indicators/rd_expenditure/observations/330112/2020/revisions")
        #expect(history.compactMap { $0["value"] as? Double } == [4, 4.5])
        #expect(history.last?["note"] as? String == "revised")
        #expect(try f.data("/indicators/rd_expenditure/observations/330112/2021/revisions").count == 1)
        #expect(try f.data("/indicators/tech_smes_new/observations/330110/2022-Q1/revisions").first?["note"] as? String == "研发, \"引号\"")
        // the audit trail: the import's changes first, with the request that made them (the six above are
        // the newest: rows are written in key order, and incubators_new comes first), then the earlier ones
        let audit = try f.get("/audit?limit=6", headers: ["Authorization": "Bearer \(admin)"])
        let page = try f.object(audit)
        let entries = try #require(page["data"] as? [[String: Any]])
        #expect(entries.count == 6)
        #expect(entries.allSatisfy { $0["request_id"] as? String == "bulk-test-1" && $0["token"] as? String == "e" })
        #expect(entries.map { $0["action"] as? String ?? "" }.sorted() == ["observation.created", "observation.created", "observation.created",
                                                                     "observation.created", "observation.created", "observation.updated"])
        let updated = try #require(entries.first { $0["action"] as? String == "observation.updated" })
        let detail = try #require(updated["detail"] as? [String: Any])
        #expect(detail["indicator"] as? String == "rd_expenditure" && detail["period"] as? String == "2020")
        #expect(detail["value"] as? Double == 4.5 && detail["kind"] as? String == "actual")
        #expect((updated["entity"] as? String)?.hasPrefix("observation:") == true)
        let ids = entries.compactMap { $0["id"] as? Int }
        #expect(ids == ids.sorted(by: >))
        let next = try #require(page["next"] as? String)
        let rest = try #require(try f.object(try f.get("/audit?limit=1000&cursor=\(next)", headers: ["Authorization": "Bearer \(admin)"]))["data"]
            as? [[String: Any]])
        #expect(rest.filter { $0["request_id"] as? String == "bulk-test-1" }.count == 100)
        #expect(rest.prefix(3).map { $0["action"] as? String } == Array(repeating: "observation.created", count: 3))
        #expect(rest.contains { $0["action"] as? String == "token.create" })
        #expect((rest.compactMap { $0["id"] as? Int }.first ?? .max) < (ids.last ?? 0))
        // an entry written after the import is newer than all of it
        _ = try f.token("later", .reader)
        let newest = try f.object(try f.get("/audit?limit=1", headers: ["Authorization": "Bearer \(admin)"]))["data"] as? [[String: Any]]
        #expect(newest?.first?["action"] as? String == "token.create")
        #expect((newest?.first?["id"] as? Int ?? 0) > (ids.first ?? .max))
        #expect(try f.store.integrityCheck() == "ok")
        #expect(try f.store.foreignKeyViolations().isEmpty)
        #expect(try f.store.currentStateMismatches().isEmpty)
    }

    @Test func aLargeImportIntoAFilledTableAndItsRepeat() throws {
        let f = try APIFixture()
        let editor = try f.token("e", .editor)
        // Reads before the import leave statements prepared against the indexes it rebuilds.
        #expect(try f.data("/indicators/tech_smes_new/observations?region=330112").isEmpty)
        #expect(try f.data("/observations?indicator=hightech_enterprises_new&period=1960-05").isEmpty)
        // 12,000 rows: enough for the path that rebuilds the secondary indexes
        let first = try f.send("POST", "/observations", body: Self.csv(rows: 12_000), token: editor, contentType: "text/csv")
        #expect(first.status == 201)
        #expect(try f.object(first)["created"] as? Int == 12_000)
        // then the same rows, half of them changed, and half as many new: now the table is larger than what is created
        var csv = "indicator,region,period,value\n"
        for i in 0..<18_000 { csv += "\(Self.key(i)),\(i < 12_000 && i % 2 == 1 ? i + 1 : i)\n" }
        let second = try f.object(try f.send("POST", "/observations", body: csv, token: editor, contentType: "text/csv"))
        // The status goes from final to provisional on the even rows, whose value stays: those are updates too.
        #expect(second["created"] as? Int == 6_000 && second["updated"] as? Int == 12_000 && second["unchanged"] as? Int == 0)
        let again = try f.object(try f.send("POST", "/observations", body: csv, token: editor, contentType: "text/csv"))
        #expect(again["unchanged"] as? Int == 18_000)
        // reads through both secondary indexes, and the file is sound
        #expect(try f.data("/indicators/tech_smes_new/observations?region=330112&limit=5000").count == 900)
        #expect(try f.data("/indicators/hightech_enterprises_new/observations?region=330112&limit=5000").count == 900)
        #expect(try f.data("/observations?indicator=hightech_enterprises_new&period=1960-05").count == 10)
        #expect(try f.store.integrityCheck() == "ok")
        #expect(try f.store.foreignKeyViolations().isEmpty)
        #expect(try f.store.currentStateMismatches().isEmpty)
    }

    @Test func aRefusedUploadIsAnsweredBeforeItsBodyIsRead() throws {
        let f = try APIFixture()
        let reader = try f.token("r", .reader)
        let editor = try f.token("e", .editor)
        let head = "POST /observations HTTP/1.1\r\nHost: t\r\nContent-Type: text/csv\r\nContent-Length: 300000000\r\n"
        for (extra, status) in [("", 401), ("Authorization: Bearer \(reader)\r\n", 403)] {
            // when: a client that waits for 100 Continue before sending 300 MB
            let client = try TestClient(port: f.server.localPort)
            try client.send(head + extra + "Expect: 100-continue\r\n\r\n")
            // then: the final answer instead, and the connection ends without a byte of the body read
            let response = try client.readResponse()
            #expect(response.status == status)
            #expect(response.header("Connection") == "close")
            #expect(try client.isClosedByServer())
        }
        // A client that sends at once is answered from the head too, and the rest is never read.
        let bytesBefore = f.server.stats.snapshot.bytesIn
        let eager = try TestClient(port: f.server.localPort)
        try eager.send(Array((head + "\r\n").utf8) + Array(repeating: UInt8(ascii: "x"), count: 100_000))
        #expect(try eager.readResponse().status == 401)
        #expect(f.server.stats.snapshot.bytesIn - bytesBefore < 50_000_000)
        // An unsupported type is refused before the body as well.
        let plain = try TestClient(port: f.server.localPort)
        try plain.send("POST /observations HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(editor)\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 300000000\r\nExpect: 100-continue\r\n\r\n")
        #expect(try plain.readResponse().status == 415)
    }

    @Test func anIdempotentCSVRetryGetsTheFirstAnswer() throws {
        let f = try APIFixture()
        let editor = try f.token("e", .editor)
        let csv = Self.csv(rows: 50)
        let first = try f.send("POST", "/observations", body: csv, token: editor, contentType: "text/csv", headers: ["Idempotency-Key": "csv-1"])
        #expect(first.status == 201)
        try f.record("tech_smes_new", "330102", "1950-01", 77)
        let retry = try Self.sendChunked(f, "/observations", body: Array(csv.utf8), token: editor, headers: ["Idempotency-Key": "csv-1"])
        #expect(retry.status == 201 && retry.header("Idempotent-Replayed") == "true" && retry.body == first.body)
        #expect(try f.json("/indicators/tech_smes_new/observations/330102/1950-01")["value"] as? Double == 77)
        let other = try f.send("POST", "/observations", body: csv.replacingOccurrences(of: ",49,final", with: ",48,final"), token: editor,
                               contentType: "text/csv", headers: ["Idempotency-Key": "csv-1"])
        #expect(other.status == 422 && other.text.contains("idempotency-key-reused"))
    }

    @Test(arguments: [50, 12_000])
    func aDryRunValidatesEverythingAndWritesNothing(rows: Int) throws {
        let f = try APIFixture()
        let editor = try f.token("e", .editor)
        let admin = try f.token("root", .admin)
        let auditBefore = try f.get("/audit?limit=1000", headers: ["Authorization": "Bearer \(admin)"]).text
        let dry = try f.send("POST", "/observations?dry_run=true", body: Self.csv(rows: rows), token: editor, contentType: "text/csv")
        #expect(dry.status == 200)
        let summary = try f.object(dry)
        #expect(summary["dry_run"] as? Bool == true && summary["created"] as? Int == rows)
        #expect(try f.data("/observations?indicator=tech_smes_new&period=1950-01").isEmpty)
        #expect(try f.get("/audit?limit=1000", headers: ["Authorization": "Bearer \(admin)"]).text == auditBefore)
        // A bad row still fails the dry run, and names its line.
        let bad = Self.csv(rows: rows).replacingOccurrences(of: ",3,final", with: ",three,final")
        let refused = try f.send("POST", "/observations?dry_run=true", body: bad, token: editor, contentType: "text/csv")
        #expect(refused.status == 422)
        // Row 3 starts on line 6: row 0 takes two lines.
        #expect((try f.object(refused)["errors"] as? [[String: Any]])?.first?["line"] as? Int == 6)
        #expect(try f.store.integrityCheck() == "ok")
    }

    @Test func jsonIsHeldToTheGeneralBodyLimitAndCSVIsNot() throws {
        let f = try APIFixture(maxBodyBytes: 20_000)
        let editor = try f.token("e", .editor)
        let one = #"{"indicator":"tech_smes_new","region":"330112","period":"2021-01","value":1}"#
        let json = "[" + Array(repeating: one, count: 400).joined(separator: ",") + "]"
        #expect(json.utf8.count > 20_000)
        let refused = try f.send("POST", "/observations", body: json, token: editor)
        #expect(refused.status == 413 && refused.text.contains("text/csv"))
        let chunkedJSON = try Self.sendChunked(f, "/observations", body: Array(json.utf8), token: editor, contentType: "application/json")
        #expect(chunkedJSON.status == 413)
        let csv = Self.csv(rows: 600)
        #expect(csv.utf8.count > 20_000)
        #expect(try f.send("POST", "/observations", body: csv, token: editor, contentType: "text/csv").status == 201)
        #expect(try f.send("POST", "/observations", body: one, token: editor).status == 201)
    }

    /// A request whose body goes out as chunks of 1 to 7 bytes, each in its own send.
    static func sendChunked(_ f: APIFixture, _ target: String, body: [UInt8], token: String, contentType: String = "text/csv",
                            headers: [String: String] = [:]) throws -> TestResponse {
        let client = try TestClient(port: f.server.localPort)
        var head = "POST \(target) HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Type: \(contentType)\r\n"
        head += "Transfer-Encoding: chunked\r\nAuthorization: Bearer \(token)\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        try client.send(head + "\r\n")
        var offset = 0, n = 0
        do {
            while offset < body.count {
                let end = min(offset + n % 7 + 1, body.count)
                try client.send(Array((String(end - offset, radix: 16) + "\r\n").utf8) + body[offset..<end] + [13, 10])
                offset = end
                n += 1
            }
            try client.send("0\r\n\r\n")
        } catch {
            // The server may answer and close before the body ends (a 413): its answer is what counts.
        }
        return try client.readResponse()
    }
}
