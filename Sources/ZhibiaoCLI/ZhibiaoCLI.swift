import ArgumentParser
import Domain

/// The `zhibiao` command: every subcommand has `--help`.
public struct Zhibiao: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "zhibiao",
        abstract: "Indicators of regional science-and-technology policy: store, serve, load reports.",
        version: ServiceVersion.current,
        subcommands: [Serve.self, Migrate.self, ConfigCommand.self, Backup.self, Export.self, Import.self, Indicators.self, Regions.self, Token.self, Load.self, Map.self, Eval.self])

    public init() {}
}
