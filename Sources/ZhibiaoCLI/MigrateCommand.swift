import ArgumentParser
import Logging

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or upgrade the database and seed the indicator and region catalogue.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: Logger(label: "zhibiao")) }
        let indicators = try CommandFailure.wrap { try store.indicators().count }
        let regions = try CommandFailure.wrap { try store.regions().count }
        print("database \(store.path) is current: \(indicators) indicators, \(regions) regions")
    }
}
