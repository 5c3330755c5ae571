import API
import Foundation
import HTTPServer
import Testing

@Suite struct OpenAPITests {
    /// The document and the router describe the same API: every GET route is documented with
    /// its path parameters, and every documented operation is routed.
    @Test func documentAndRouterAgree() throws {
        let f = try APIFixture()
        let response = try f.get("/openapi.json")
        #expect(response.status == 200)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let router = APIRoutes.router(store: f.store)
        let routed = Set(router.routes.filter { $0.method != .OPTIONS }.map { "\($0.method.rawValue.lowercased()) \($0.pattern)" })
        var documented: Set<String> = []
        for (path, operations) in paths {
            for (method, operation) in operations {
                documented.insert("\(method) \(path)")
                let parameters = (operation as? [String: Any])?["parameters"] as? [[String: Any]] ?? []
                let inPath = Set(parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
                let placeholders = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                #expect(inPath == placeholders, "\(method) \(path)")
            }
        }
        #expect(routed == documented)
    }

    /// Every documented query parameter is accepted by the route (no 400 for "unknown parameter").
    @Test func everyDocumentedParameterIsAccepted() throws {
        let f = try APIFixture()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(try f.get("/openapi.json").body)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        for (path, operations) in paths where !path.contains("{") {
            guard let get = operations["get"] as? [String: Any] else { continue }
            for parameter in get["parameters"] as? [[String: Any]] ?? [] where parameter["in"] as? String == "query" {
                let name = try #require(parameter["name"] as? String)
                let response = try f.get("\(path)?\(name)=zzz")
                let body = String(decoding: response.body, as: UTF8.self)
                #expect(!body.contains("unknown parameter"), "\(path) \(name)")
            }
        }
    }
}
