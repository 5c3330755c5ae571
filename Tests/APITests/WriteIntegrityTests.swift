import API
import Domain
import Foundation
import Storage
import Testing

/// Every kind of write, through the endpoints and commands that make it, leaves the database
/// whole: `PRAGMA integrity_check` and `foreign_key_check` clean, and every observation's
/// current state the revision it names. The constraints stay on for all of them; these are the
/// product's own paths, not the writer called from a test.
@Suite struct WriteIntegrityTests {
    static func expectSound(_ f: APIFixture, after write: String) throws {
        #expect(try f.store.integrityCheck() == "ok", "\(write)")
        #expect(try f.store.foreignKeyViolations().isEmpty, "\(write)")
        #expect(try f.store.currentStateMismatches().isEmpty, "\(write)")
    }

    @Test func everyKindOfWriteKeepsTheDatabaseSound() throws {
        let f = try APIFixture()
        let editor = try f.token("ed", .editor)

        let one = #"{"indicator":"tech_smes_new","region":"330112","period":"2022-Q1","value":60}"#
        #expect(try f.send("POST", "/observations", body: one, token: editor).status == 201)
        try Self.expectSound(f, after: "POST one object")

        let array = """
            [{"indicator":"tech_smes_new","region":"330112","period":"2022-Q2","value":50},
             {"indicator":"tech_smes_new","region":"330112","period":"2022","kind":"target","value":150,"bound":"min"}]
            """
        #expect(try f.send("POST", "/observations", body: array, token: editor).status == 201)
        try Self.expectSound(f, after: "POST an array")

        // Large enough for the writer's multi-row statements, with a dry run first.
        var csv = "indicator,region,period,value,status\n"
        for i in 0..<300 { csv += "incubators_new,330112,\(1950 + i / 12)-\(String(format: "%02d", i % 12 + 1)),\(i),final\n" }
        #expect(try f.send("POST", "/observations?dry_run=true", body: csv, token: editor, contentType: "text/csv").status == 200)
        #expect(try f.send("POST", "/observations", body: csv, token: editor, contentType: "text/csv").status == 201)
        try Self.expectSound(f, after: "POST a CSV")

        let path = "/indicators/rd_intensity/observations/330112/2021"
        let put = try f.send("PUT", path, body: #"{"value":3.30}"#, token: editor)
        #expect(put.status == 201)
        let etag = try #require(put.header("ETag"))
        #expect(try f.send("PUT", path, body: #"{"value":3.34}"#, token: editor, headers: ["If-Match": etag]).status == 200)
        try Self.expectSound(f, after: "PUT")

        #expect(try f.send("DELETE", path, body: "", token: editor).status == 200)
        try Self.expectSound(f, after: "DELETE")

        let loaded = try f.send("POST", "/documents", body: try DocumentEndpointTests.seed(), token: editor,
                                contentType: "text/plain; charset=utf-8")
        let body = try f.object(loaded)
        let id = try #require((body["document"] as? [String: Any])?["id"] as? Int)
        #expect(try f.send("POST", "/documents/\(id)/accept", body: "", token: editor).status == 200)
        try Self.expectSound(f, after: "accepting a document's facts")

        var export = "indicator,region,period,value\n"
        for year in 2000...2019 { export += "rd_expenditure,330110,\(year),\(year * 1000)\n" }
        let imported = try ObservationTransfer.importCSV(store: f.store, bytes: Array(export.utf8))
        #expect(imported.created == 20)
        try Self.expectSound(f, after: "zhibiao import")
    }
}
