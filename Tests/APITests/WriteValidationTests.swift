import Domain
import Foundation
import Testing

@Suite struct WriteValidationTests {
    func problem(_ f: APIFixture, _ body: String) throws -> (status: Int, errors: [[String: Any]]) {
        let editor = try f.token("e\(UUID().uuidString.prefix(8))", .editor)
        let response = try f.send("POST", "/observations", body: body, token: editor)
        let object = try f.object(response)
        return (response.status, object["errors"] as? [[String: Any]] ?? [])
    }

    static let cases: [(String, String, String)] = [
        (#""value":"N/A""#, "value", "not a number"),
        (#""value":"yes""#, "value", "not a number"),
        (#""value":true"#, "value", "must be a number"),
        (#""value":1e400"#, "value", "out of range"),
        (#""value":null"#, "value", "is required"),
        (#""value":101"#, "value", "above 100"),
        (#""value":-1"#, "value", "below 0"),
        (#""value":3.3,"colour":"red""#, "colour", "unknown field"),
        (#""value":3.3,"status":"maybe""#, "status", "not one of"),
        (#""value":3.3,"status":"withdrawn""#, "status", "DELETE"),
        (#""value":3.3,"kind":"plan""#, "kind", "not one of"),
        (#""value":3.3,"bound":"min""#, "bound", "only targets"),
        (#""value":3.3,"scope":"city""#, "scope", "only ranks"),
    ]

    @Test(arguments: cases)
    func junkIs422NamingTheField(fragment: String, field: String, reason: String) throws {
        let f = try APIFixture()
        let body = #"{"indicator":"rd_intensity","region":"330112","period":"2021","#.dropLast() + "," + fragment + "}"
        let result = try problem(f, String(body))
        #expect(result.status == 422)
        #expect(result.errors.contains { $0["field"] as? String == field && ($0["reason"] as? String)?.contains(reason) == true },
                "\(result.errors)")
    }

    @Test func unitAndIndicatorRules() throws {
        let f = try APIFixture()
        func status(_ indicator: String, _ value: String, period: String = "2021", extra: String = "") throws -> Int {
            try problem(f, #"{"indicator":"\#(indicator)","region":"330112","period":"\#(period)","value":\#(value)\#(extra)}"#).status
        }
        #expect(try status("tech_smes_new", "12.5") == 422)              // counts are whole
        #expect(try status("tech_smes_new", "-3") == 422)
        #expect(try status("tech_smes_new", "12") == 201)
        #expect(try status("rd_expenditure", "-1") == 422)               // yuan ≥ 0
        #expect(try status("rd_intensity_rank", "0", extra: #","scope":"city""#) == 422)   // ranks ≥ 1
        #expect(try status("rd_intensity_rank", "2.5", extra: #","scope":"city""#) == 422)
        #expect(try status("rd_intensity_rank", "4") == 422)             // a rank needs its scope
        #expect(try status("rd_intensity_rank", "4", extra: #","scope":"city""#) == 201)
        #expect(try status("rd_expenditure_growth", "-27.5") == 201)     // growth may be negative…
        #expect(try status("rd_expenditure_growth", "140", period: "2020") == 201)  // …or above 100
        #expect(try status("innovation_index", "150", period: "2021-Q1") == 422)    // yearly only
        #expect(try status("rd_intensity", "3", period: "1948") == 422)
        #expect(try status("rd_intensity", "3", period: "2099") == 422)
        #expect(try status("rd_intensity", "3", period: "2021-Q5") == 422)
        #expect(try status("nope", "3") == 422)
        #expect(try problem(f, #"{"indicator":"rd_intensity","region":"999999","period":"2021","value":3}"#).errors
            .contains { $0["field"] as? String == "region" })
    }

    /// Found by schemathesis: an indicator whose bounds are huge doubles made the message about a
    /// value out of bounds trap (the bound was printed through Int64), killing the server.
    @Test func hugeIndicatorBoundsGiveA422NotACrash() throws {
        let f = try APIFixture()
        let admin = try f.token("admin", .admin)
        let created = try f.send("POST", "/indicators", body: #"{"code":"huge_bounds","name_zh":"大","name_en":"Huge","unit":"percentage_points","category":"test","min":6.07924458151168e-172,"max":-9.419144086948014e+39}"#, token: admin)
        #expect(created.status == 201)
        for (method, target, body) in [
            ("PUT", "/indicators/huge_bounds/observations/330112/2020", #"{"value":-3.316360203563411e+16}"#),
            ("POST", "/observations", #"{"indicator":"huge_bounds","region":"330112","period":"2020","value":5}"#),
        ] {
            let response = try f.send(method, target, body: body, token: admin)
            #expect(response.status == 422)
            #expect(response.text.contains("9.419144086948014e+39") || response.text.contains("6.07924458151168e-172"))
        }
        #expect(try f.get("/healthz").status == 200)
    }

    @Test func malformedBodiesAreClear4xx() throws {
        let f = try APIFixture()
        let editor = try f.token("e", .editor)
        #expect(try f.send("POST", "/observations", body: "{not json", token: editor).status == 400)
        #expect(try f.send("POST", "/observations", body: #"{"a":1,"a":2}"#, token: editor).status == 400)
        #expect(try f.send("POST", "/observations", body: "hello", token: editor, contentType: "text/plain").status == 415)
        #expect(try f.send("POST", "/observations", body: "[1,2]", token: editor).status == 422)
        #expect(try f.send("POST", "/observations", body: "indicator,region,period,value\n\"x,330112,2021,1\n", token: editor,
                           contentType: "text/csv").status == 400)
        let unknownColumn = try f.send("POST", "/observations", body: "indicator,region,period,value,colour\n", token: editor,
                                       contentType: "text/csv")
        #expect(unknownColumn.status == 422 && unknownColumn.text.contains("colour"))
    }

    @Test func oneBadRowInAThousandWritesNothingAndIsNamed() throws {
        let f = try APIFixture()
        let editor = try f.token("e", .editor)
        let districts = ["330102", "330105", "330106", "330108", "330109", "330110", "330111", "330112", "330113", "330114",
                         "330122", "330127", "330182"]
        var csv = "indicator,region,period,kind,value,status,note\n"
        for i in 0..<1000 {
            let value = i == 637 ? "N/A" : String(i)
            csv += "tech_smes_new,\(districts[i % 13]),\(1950 + i / 13),actual,\(value),final,\"row \(i), checked\"\n"
        }
        let response = try f.send("POST", "/observations", body: csv, token: editor, contentType: "text/csv")
        #expect(response.status == 422)
        let errors = try #require(try f.object(response)["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect(errors.first?["line"] as? Int == 639 && errors.first?["field"] as? String == "value")
        #expect(try f.data("/observations?indicator=tech_smes_new").isEmpty)
        // The same batch, mended, lands whole.
        let ok = try f.send("POST", "/observations", body: csv.replacingOccurrences(of: ",N/A,", with: ",637,"), token: editor,
                            contentType: "text/csv")
        #expect(ok.status == 201)
        #expect(try f.object(ok)["created"] as? Int == 1000)
        #expect(try f.data("/observations?indicator=tech_smes_new&limit=10000").count == 1000)
    }
}
