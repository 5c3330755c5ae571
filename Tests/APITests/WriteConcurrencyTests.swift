import Dispatch
import Domain
import Foundation
import HTTPTestSupport
import Storage
import Synchronization
import Testing

@Suite struct WriteConcurrencyTests {
    /// 50 clients post 100 updates each to 10 shared observations at once. Every update that
    /// was acknowledged must be a revision, in the order the store applied them, and each
    /// observation's current value must be its last revision's.
    @Test func concurrentUpdatesLoseNothing() throws {
        let f = try APIFixture()
        let secret = try f.token("load", .editor)
        let port = f.server.localPort
        let acknowledged = Mutex<[Int: Double]>([:])   // value → nothing; values are unique per update
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 50) { client in
            do {
                let connection = try TestClient(port: port, timeout: 60)
                for n in 0..<100 {
                    let value = Double(client * 1000 + n)
                    let month = (client + n) % 10 + 1
                    let body = #"{"indicator":"tech_smes_new","region":"330112","period":"2021-\#(month < 10 ? "0" : "")\#(month)","value":\#(Int(value))}"#
                    let bytes = Array(body.utf8)
                    try connection.send("POST /observations HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(secret)\r\nContent-Type: application/json\r\nContent-Length: \(bytes.count)\r\n\r\n\(body)")
                    let response = try connection.readResponse()
                    if response.status == 201 || response.status == 200 {
                        acknowledged.withLock { $0[client * 1000 + n] = value }
                    } else {
                        failures.withLock { $0.append("\(response.status) \(response.text)") }
                    }
                }
            } catch {
                failures.withLock { $0.append("client \(client): \(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0.prefix(3) })")
        let acked = acknowledged.withLock { $0 }
        #expect(acked.count == 5000)
        var revisionValues: Set<Double> = []
        for month in 1...10 {
            let key = ObservationKey(indicator: "tech_smes_new", region: "330112", period: .month(year: 2021, month: month))
            let history = try f.store.revisions(of: key)
            #expect(history.count == 500)
            let current = try #require(try f.store.observation(key))
            #expect(current.value == history.last?.value && current.revision == history.last?.id)
            #expect(zip(history, history.dropFirst()).allSatisfy { $0.recordedAt < $1.recordedAt })
            revisionValues.formUnion(history.compactMap(\.value))
        }
        #expect(Set(acked.values) == revisionValues)
    }
}
