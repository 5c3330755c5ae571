import API
import ArgumentParser
import Foundation
import Logging

/// `zhibiao import FILE`: observations from the CSV `zhibiao export` writes, validated like
/// `POST /observations`, all in one transaction (all or nothing), recorded as `system:import`.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Record the observations of a CSV file in one transaction.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "CSV with the columns indicator,region,period,kind,value,status,bound,scope,note.")
    var file: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(description: "cannot read \(file)")
        }
        let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: Logger(label: "zhibiao")) }
        let result = try CommandFailure.wrap { try ObservationTransfer.importCSV(store: store, bytes: Array(data)) }
        print("imported \(file): \(result.created) created, \(result.updated) updated, \(result.unchanged) unchanged")
    }
}
