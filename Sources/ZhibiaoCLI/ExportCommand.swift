import API
import ArgumentParser
import Foundation
import Logging

/// `zhibiao export`: the current observations to stdout, in the CSV `POST /observations` and
/// `zhibiao import` accept, or as JSON.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write the current observations to stdout (csv or json).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "csv (the columns POST /observations accepts) or json.")
    var format: String = "csv"

    @Option(name: .customLong("indicator"), help: "Only this indicator; repeat for more. Default: all.")
    var indicators: [String] = []

    func run() throws {
        guard let format = ObservationTransfer.Format(rawValue: format) else {
            throw ValidationError("--format must be csv or json, not '\(format)'")
        }
        let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: Logger(label: "zhibiao")) }
        let bytes = try CommandFailure.wrap {
            try ObservationTransfer.export(store: store, indicators: indicators.isEmpty ? nil : indicators, format: format)
        }
        FileHandle.standardOutput.write(Data(bytes))
    }
}
