import Domain
import Foundation
import Testing

@Suite struct WriteFlowTests {
    @Test func batchSummaryDryRunAndWarnings() throws {
        let f = try APIFixture()
        let editor = try f.token("e", .editor)
        let batch = """
            [{"indicator":"tech_smes_new","region":"330112","period":"2022Q1","value":60,"status":"final"},
             {"indicator":"tech_smes_new","region":"330112","period":"2022-Q2","value":50,"note":"revised down"},
             {"indicator":"tech_smes_new","region":"330112","period":"2022","kind":"target","value":150,"bound":"min"}]
            """
        let dry = try f.send("POST", "/observations?dry_run=true", body: batch, token: editor)
        #expect(dry.status == 200)
        let drySummary = try f.object(dry)
        #expect(drySummary["created"] as? Int == 3 && drySummary["dry_run"] as? Bool == true)
        #expect(try f.data("/indicators/tech_smes_new/observations?region=330112&kind=all").isEmpty)

        let real = try f.send("POST", "/observations", body: batch, token: editor)
        #expect(real.status == 201)
        let summary = try f.object(real)
        #expect(summary["created"] as? Int == 3 && summary["updated"] as? Int == 0 && summary["unchanged"] as? Int == 0)
        // Q2's year-to-date below Q1's is a warning on that row, not an error.
        let warnings = try #require(summary["warnings"] as? [[String: Any]])
        #expect(warnings.count == 1 && warnings.first?["index"] as? Int == 1 && warnings.first?["field"] as? String == "value")
        let again = try f.object(try f.send("POST", "/observations", body: batch, token: editor))
        #expect(again["unchanged"] as? Int == 3)
        // A batch repeating an observation is refused rather than keeping one silently.
        let twice = "[" + [String](repeating: #"{"indicator":"rd_intensity","region":"330112","period":"2021","value":3}"#, count: 2)
            .joined(separator: ",") + "]"
        #expect(try f.send("POST", "/observations", body: twice, token: editor).status == 422)
    }

    @Test func putWithIfMatchAndRevisionsAsOfAndAudit() throws {
        let f = try APIFixture()
        let editor = try f.token("alice", .editor)
        let path = "/indicators/rd_intensity/observations/330112/2021"
        let created = try f.send("PUT", path, body: #"{"value":3.30,"note":"first estimate"}"#, token: editor)
        #expect(created.status == 201)
        let etag1 = try #require(created.header("ETag"))
        let updated = try f.send("PUT", path, body: #"{"value":3.34,"status":"final"}"#, token: editor, headers: ["If-Match": etag1])
        #expect(updated.status == 200)
        let etag2 = try #require(updated.header("ETag"))
        #expect(etag2 != etag1)
        // A stale ETag loses nothing: 412, and the value stays.
        let stale = try f.send("PUT", path, body: #"{"value":9.99}"#, token: editor, headers: ["If-Match": etag1])
        #expect(stale.status == 412 && stale.text.contains(etag2.replacingOccurrences(of: "\"", with: "\\\"")))
        #expect(try f.object(try f.get(path))["value"] as? Double == 3.34)
        #expect(try f.get(path).header("ETag") == etag2)
        // The path decides the key; a differing body field is an error.
        #expect(try f.send("PUT", path, body: #"{"value":3,"region":"330122"}"#, token: editor).status == 422)
        // Withdraw, then read the whole history back.
        let deleted = try f.send("DELETE", path, body: "", token: editor, headers: ["X-Reason": "entered for the wrong year"])
        let withdrawn = try f.object(deleted)
        #expect(deleted.status == 200 && withdrawn["status"] as? String == "withdrawn")
        #expect(try f.data("/indicators/rd_intensity/observations?region=330112").isEmpty)
        let history = try f.data(path + "/revisions")
        #expect(history.compactMap { $0["value"] as? Double } == [3.30, 3.34])
        #expect(history.map { $0["status"] as? String } == ["provisional", "final", "withdrawn"])
        #expect(history.first?["note"] as? String == "first estimate")
        #expect(history.allSatisfy { ($0["source"] as? [String: Any])?["token"] as? String == "alice" })
        // as_of the first revision gives the first value.
        let firstTime = try #require(history.first?["recorded_at"] as? String)
        #expect(try f.data("/indicators/rd_intensity/observations?region=330112&status=provisional,final,withdrawn&as_of=\(firstTime)")
            .first?["value"] as? Double == 3.30)
        // Every change is in the audit log, newest first.
        let admin = try f.token("root", .admin)
        let audit = try f.get("/audit?token=alice", headers: ["Authorization": "Bearer \(admin)"])
        let entries = try #require(try f.object(audit)["data"] as? [[String: Any]])
        #expect(entries.map { $0["action"] as? String } == ["observation.withdraw", "observation.updated", "observation.created"])
        #expect(try f.send("DELETE", "/indicators/rd_intensity/observations/330112/2019", body: "", token: editor).status == 404)
    }

    @Test func idempotentRetriesWriteOnce() throws {
        let f = try APIFixture()
        let editor = try f.token("e", .editor)
        let body = #"[{"indicator":"tech_smes_new","region":"330112","period":"2022-Q1","value":40}]"#
        let first = try f.send("POST", "/observations", body: body, token: editor, headers: ["Idempotency-Key": "k-1"])
        #expect(first.status == 201)
        // Meanwhile someone changes the value; the retry must not put 40 back.
        try f.record("tech_smes_new", "330112", "2022-Q1", 45)
        let retry = try f.send("POST", "/observations", body: body, token: editor, headers: ["Idempotency-Key": "k-1"])
        #expect(retry.status == 201 && retry.header("Idempotent-Replayed") == "true" && retry.body == first.body)
        #expect(try f.data("/indicators/tech_smes_new/observations?region=330112").first?["value"] as? Int == 45)
        let reused = try f.send("POST", "/observations", body: body.replacingOccurrences(of: "40", with: "41"), token: editor,
                                headers: ["Idempotency-Key": "k-1"])
        #expect(reused.status == 422)
    }

    @Test func catalogueCanBeExtendedAndRenamedWithoutLosingData() throws {
        let f = try APIFixture()
        let admin = try f.token("admin", .admin)
        let region = #"{"code":"330199","name_zh":"青山湖科技城","name_en":"Qingshan Lake Science City","level":"zone","parent":"330112"}"#
        #expect(try f.send("POST", "/regions", body: region, token: admin).status == 201)
        try f.record("rd_intensity", "330199", "2021", 5.1)
        let renamed = region.replacingOccurrences(of: "Qingshan Lake Science City", with: "Qingshanhu Sci-Tech City")
        #expect(try f.send("POST", "/regions", body: renamed, token: admin).status == 200)
        #expect(try f.json("/regions/330199")["name_en"] as? String == "Qingshanhu Sci-Tech City")
        #expect(try f.data("/indicators/rd_intensity/observations?region=330199").count == 1)
        #expect(try f.send("POST", "/regions", body: region.replacingOccurrences(of: "330112", with: "999"), token: admin).status == 404)
        #expect(try f.send("POST", "/regions", body: #"{"code":"x","name_zh":"a","name_en":"b"}"#, token: admin).status == 422)
        let indicator = #"{"code":"patents_granted","name_zh":"专利授权量","name_en":"Patents granted","unit":"count","category":"output","aggregation":"sum","aliases_zh":["发明专利授权"]}"#
        #expect(try f.send("POST", "/indicators", body: indicator, token: admin).status == 201)
        let derived = try f.json("/indicators/patents_granted")["derived"] as? [String]
        #expect(derived?.sorted() == ["patents_granted_growth", "patents_granted_growth_rank", "patents_granted_rank",
                                      "patents_granted_target_completion"])
        #expect(try f.send("POST", "/indicators", body: indicator.replacingOccurrences(of: "\"unit\":\"count\"", with: "\"unit\":\"furlong\""), token: admin).status == 422)
    }
}
