import API
import Foundation
import Testing

@Suite struct HTTPBehaviourTests {
    @Test func etagsRevalidateAndChangeWithTheData() throws {
        let f = try APIFixture()
        try f.record("rd_intensity", "330112", "2021", 3.3)
        let target = "/indicators/rd_intensity/observations?region=330112"
        let first = try f.get(target)
        let etag = try #require(first.header("ETag"))
        #expect(first.header("Cache-Control") == "no-cache")
        #expect(first.header("Last-Modified")?.hasSuffix("GMT") == true)
        let again = try f.get(target, headers: ["If-None-Match": etag])
        #expect(again.status == 304 && again.body.isEmpty && again.header("ETag") == etag)
        try f.record("rd_intensity", "330112", "2021", 3.34)
        let changed = try f.get(target, headers: ["If-None-Match": etag])
        #expect(changed.status == 200 && changed.header("ETag") != etag)
        // Every GET endpoint carries one.
        for path in ["/indicators", "/indicators/rd_intensity", "/regions", "/regions/330112", "/progress?region=330112&year=2022",
                     "/observations?indicator=rd_intensity", "/openapi.json"] {
            #expect(try f.get(path).header("ETag") != nil, "\(path)")
        }
        // Streamed CSV too, and it revalidates.
        let csv = try f.get(target + "&format=csv")
        let csvTag = try #require(csv.header("ETag"))
        #expect(try f.get(target + "&format=csv", headers: ["If-None-Match": csvTag]).status == 304)
    }

    @Test func headAnswersHeadersOnly() throws {
        let f = try APIFixture()
        let head = try f.get("/indicators", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty && head.header("ETag") != nil)
    }

    @Test func corsAllowsAnyOriginByDefaultAndAnswersPreflight() throws {
        let f = try APIFixture()
        let get = try f.get("/regions", headers: ["Origin": "https://dashboard.example"])
        #expect(get.header("Access-Control-Allow-Origin") == "*")
        let preflight = try f.get("/indicators/rd_intensity/observations", headers: [
            "Origin": "https://dashboard.example", "Access-Control-Request-Method": "GET",
        ], method: "OPTIONS")
        #expect(preflight.status == 204)
        #expect(preflight.header("Access-Control-Allow-Methods")?.contains("GET") == true)
        #expect(preflight.header("Access-Control-Allow-Origin") == "*")
    }

    @Test func corsWithAListEchoesOnlyListedOrigins() throws {
        let f = try APIFixture(cors: CORSPolicy(allowedOrigins: ["https://kj.linan.gov.cn"]))
        #expect(try f.get("/regions", headers: ["Origin": "https://kj.linan.gov.cn"]).header("Access-Control-Allow-Origin")
                == "https://kj.linan.gov.cn")
        #expect(try f.get("/regions", headers: ["Origin": "https://evil.example"]).header("Access-Control-Allow-Origin") == nil)
    }

    @Test(arguments: [
        ("/indicators?catgory=rd_input", "catgory"),
        ("/indicators/rd_intensity/observations?from=2021-Q5", "from"),
        ("/indicators/rd_intensity/observations?to=21", "to"),
        ("/indicators/rd_intensity/observations?kind=plan", "kind"),
        ("/indicators/rd_intensity/observations?status=final,maybe", "status"),
        ("/indicators/rd_intensity/observations?limit=0", "limit"),
        ("/indicators/rd_intensity/observations?limit=abc", "limit"),
        ("/indicators/rd_intensity/observations?latest=-1", "latest"),
        ("/indicators/rd_intensity/observations?frequency=weekly", "frequency"),
        ("/indicators/rd_intensity/observations?as_of=2022-13-01", "as_of"),
        ("/indicators/rd_intensity/observations?region=330112&region=330122", "region"),
        ("/indicators/rd_intensity/observations?region=330112,,330122", "region"),
        ("/indicators/rd_intensity/observations?sort=value", "sort"),
        ("/indicators/rd_intensity/observations?format=xml", "format"),
        ("/indicators/rd_intensity/observations?bom=maybe&format=csv", "bom"),
        ("/observations?indicator=rd_intensity&period=2021-Q0", "period"),
    ])
    func badParametersAre400NamingTheParameter(target: String, parameter: String) throws {
        let f = try APIFixture()
        let response = try f.get(target)
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/problem+json")
        let body = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        #expect(body?["parameter"] as? String == parameter)
        #expect(body?["status"] as? Int == 400 && body?["title"] is String && body?["detail"] is String && body?["type"] is String)
    }

    @Test func unknownIndicatorOrRegionIs404AndUnacceptableIs406() throws {
        let f = try APIFixture()
        #expect(try f.get("/indicators/nope/observations").status == 404)
        let region = try f.get("/indicators/rd_intensity/observations?region=330112,000000")
        #expect(region.status == 404 && region.text.contains("000000"))
        #expect(try f.get("/indicators", headers: ["Accept": "image/png"]).status == 406)
        #expect(try f.get("/indicators", headers: ["Accept": "text/csv;q=0.5, application/json"]).header("Content-Type") == "application/json")
        #expect(try f.get("/indicators", headers: ["Accept": "text/csv"]).header("Content-Type") == "text/csv; charset=utf-8")
        #expect(try f.get("/nowhere").status == 404)
    }
}
