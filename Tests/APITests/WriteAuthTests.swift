import Domain
import Foundation
import Testing

@Suite struct WriteAuthTests {
    let one = #"{"indicator":"rd_intensity","region":"330112","period":"2022-Q1","value":3.1}"#

    @Test func missingOrBadTokenIs401WithAChallenge() throws {
        let f = try APIFixture()
        let none = try f.send("POST", "/observations", body: one, token: nil)
        #expect(none.status == 401 && none.header("WWW-Authenticate")?.hasPrefix("Bearer realm=\"zhibiao\"") == true)
        #expect(none.header("Content-Type") == "application/problem+json")
        let wrong = try f.send("POST", "/observations", body: one, token: "zb_0000")
        #expect(wrong.status == 401 && wrong.header("WWW-Authenticate")?.contains("invalid_token") == true)
        // A revoked token stops working at once.
        let secret = try f.token("bob", .editor)
        #expect(try f.send("POST", "/observations", body: one, token: secret).status == 201)
        try f.store.revokeToken(name: "bob")
        #expect(try f.send("POST", "/observations", body: one, token: secret).status == 401)
    }

    @Test func rolesAreEnforced() throws {
        let f = try APIFixture()
        let reader = try f.token("reader", .reader)
        let editor = try f.token("editor", .editor)
        let admin = try f.token("admin", .admin)
        #expect(try f.send("POST", "/observations", body: one, token: reader).status == 403)
        #expect(try f.send("POST", "/observations", body: one, token: editor).status == 201)
        let indicator = #"{"code":"patents_granted","name_zh":"专利授权量","name_en":"Patents granted","unit":"count","category":"output","aggregation":"sum"}"#
        #expect(try f.send("POST", "/indicators", body: indicator, token: editor).status == 403)
        #expect(try f.send("POST", "/indicators", body: indicator, token: admin).status == 201)
        #expect(try f.get("/audit", headers: ["Authorization": "Bearer \(editor)"]).status == 403)
        #expect(try f.get("/audit", headers: ["Authorization": "Bearer \(admin)"]).status == 200)
        #expect(try f.get("/audit").status == 401)
    }

    @Test func aRegionTokenWritesOnlyItsRegionAndChildren() throws {
        let f = try APIFixture()
        let hangzhou = try f.token("hz", .editor, region: "330100")
        let linan = try f.token("la", .editor, region: "330112")
        #expect(try f.send("POST", "/observations", body: one, token: linan).status == 201)
        #expect(try f.send("POST", "/observations", body: one.replacingOccurrences(of: "330112", with: "330122"), token: linan).status == 403)
        #expect(try f.send("POST", "/observations", body: one.replacingOccurrences(of: "330112", with: "330100"), token: linan).status == 403)
        #expect(try f.send("POST", "/observations", body: one.replacingOccurrences(of: "330112", with: "330122"), token: hangzhou).status == 201)
        #expect(try f.send("POST", "/observations", body: one.replacingOccurrences(of: "330112", with: "330000"), token: hangzhou).status == 403)
        // A batch with one row outside the token's region writes nothing.
        let batch = "[\(one),\(one.replacingOccurrences(of: "330112", with: "330110").replacingOccurrences(of: "2022-Q1", with: "2022-Q2"))]"
        #expect(try f.send("POST", "/observations", body: batch.replacingOccurrences(of: "2022-Q1", with: "2021-Q1"), token: linan).status == 403)
        #expect(try f.data("/indicators/rd_intensity/observations?region=330112&from=2021&to=2021").isEmpty)
        let put = try f.send("PUT", "/indicators/rd_intensity/observations/330122/2022", body: #"{"value":3}"#, token: linan)
        #expect(put.status == 403)
    }
}
