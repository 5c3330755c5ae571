import ArgumentParser
import Config
import Foundation

/// Options every command that touches the database or the configuration takes.
/// Precedence: the flag, then the environment variable, then the default.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (env ZHIBIAO_DATABASE, database.path in zhibiao.yaml; default ./data/zhibiao.sqlite). Created with its folder.")
    var database: String?

    @Option(name: .long, help: "Configuration folder with zhibiao.yaml, indicators.yaml, regions-national.tsv and regions.yaml (env ZHIBIAO_CONFIG; default ./config).")
    var config: String?

    @Option(name: .long, help: "Folder of numbered SQL migrations (env ZHIBIAO_MIGRATIONS; default ./Migrations, else beside the executable).")
    var migrations: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// `zhibiao.yaml` of the config folder, overridden by the environment and these flags.
    func settings(flags: [String: String] = [:]) throws -> ServiceSettings {
        var flags = flags
        if let database { flags[ServiceSettings.name(of: \.database.path)] = database }
        return try CommandFailure.wrap { try ServiceSettings(directory: configDirectory, environment: environment, flags: flags) }
    }

    var databasePath: String {
        get throws { try settings().database.path }
    }

    var configDirectory: URL {
        SharedFolder.locate("config", explicit: config ?? environment["ZHIBIAO_CONFIG"])
    }

    var migrationsDirectory: URL {
        SharedFolder.locate("Migrations", explicit: migrations ?? environment["ZHIBIAO_MIGRATIONS"])
    }
}
